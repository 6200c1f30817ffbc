package io.sereca.enclave.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Sealing from and opening within a range of a larger array (what the secure bus does with the
 * backing arrays of Vert.x buffers), the caches of sender ids and keys, and that the envelope and
 * its checks are the same as sealing and opening whole arrays.
 */
class RouteCipherSliceTest {

  private static final byte[] NB = new byte[0];
  private final long[] now = {1_700_000_000_000L};
  private final RouteTable routes = RouteTable.parse("cmd = k\nother = k\nelse = k2");
  private final KeyRing keys = new KeyRing(60_000);

  private RouteCipher participant(String name) {
    return new RouteCipher(RouteCipher.newSenderId(name), routes, keys, new ReplayWindow(), 30_000, () -> now[0]);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void aBodyRangeSealsLikeTheSameBytesAsAWholeArray() throws Exception {
    keys.add(RouteKey.generate("k", 1), now[0]);
    RouteCipher sender = participant("sender");
    RouteCipher receiver = participant("receiver");
    byte[] padded = utf8("xxopen gateyyy");
    RouteCipher.Sealed sealed = sender.seal("cmd", RouteCipher.Kind.SEND, Map.of("h", "v"), padded, 2, 9, NB);
    RouteCipher.Opened opened = receiver.open("cmd", sealed.envelope(), NB);
    assertThat(new String(opened.body(), StandardCharsets.UTF_8)).isEqualTo("open gate");
    assertThat(opened.headers()).containsExactly(Map.entry("h", "v"));
    assertThat(opened.bodyLength()).isEqualTo(9);
    assertThat(Arrays.copyOfRange(opened.bodyArray(), opened.bodyOffset(), opened.bodyOffset() + 9))
        .isEqualTo(utf8("open gate"));
    assertThat(sealed.replyBinding()).as("only a request gets a reply binding").isEmpty();
    assertThatThrownBy(() -> sender.seal("cmd", RouteCipher.Kind.SEND, Map.of(), padded, 10, 9, NB))
        .isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void anEnvelopeInsideALargerArrayOpensAndTamperingInsideTheRangeIsCaught() throws Exception {
    keys.add(RouteKey.generate("k", 1), now[0]);
    RouteCipher sender = participant("sender");
    RouteCipher receiver = participant("receiver");
    byte[] env = sender.seal("cmd", RouteCipher.Kind.REQUEST, Map.of(), utf8("ping"), NB).envelope();
    byte[] framed = new byte[env.length + 7];
    Arrays.fill(framed, (byte) 0x5A);
    System.arraycopy(env, 0, framed, 3, env.length);
    RouteCipher.Opened opened = receiver.open("cmd", framed, 3, env.length, NB);
    assertThat(opened.body()).isEqualTo(utf8("ping"));
    assertThat(opened.kind()).isEqualTo(RouteCipher.Kind.REQUEST);

    // Replayed from another offset: still the same envelope, still a replay.
    byte[] again = new byte[env.length + 1];
    System.arraycopy(env, 0, again, 1, env.length);
    assertThatThrownBy(() -> receiver.open("cmd", again, 1, env.length, NB))
        .isInstanceOfSatisfying(EnvelopeRejectedException.class, e -> assertThat(e.reason()).isEqualTo(RejectReason.REPLAY));

    // A flipped bit in the header, the ciphertext or the tag fails; one outside the range does not matter.
    for (int i = 0; i < env.length; i += 7) {
      byte[] bad = sender.seal("cmd", RouteCipher.Kind.SEND, Map.of(), utf8("pong"), NB).envelope();
      byte[] copy = new byte[bad.length + 2];
      System.arraycopy(bad, 0, copy, 1, bad.length);
      copy[1 + Math.min(i, bad.length - 1)] ^= 0x01;
      copy[0] ^= 0x7F;
      assertThatThrownBy(() -> receiver.open("cmd", copy, 1, bad.length, NB))
          .isInstanceOf(EnvelopeRejectedException.class);
    }
    // A truncated range is malformed, whatever follows it in the array.
    byte[] ok = sender.seal("cmd", RouteCipher.Kind.SEND, Map.of(), utf8("x"), NB).envelope();
    assertThatThrownBy(() -> receiver.open("cmd", ok, 0, 20, NB))
        .isInstanceOfSatisfying(EnvelopeRejectedException.class, e -> assertThat(e.reason()).isEqualTo(RejectReason.MALFORMED));
    assertThatThrownBy(() -> receiver.open("cmd", ok, 0, ok.length + 1, NB)).isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void cachedSenderIdsAndKeysFollowSendersAndRotation() throws Exception {
    keys.add(RouteKey.generate("k", 1), now[0]);
    keys.add(RouteKey.generate("k2", 1), now[0]);
    RouteCipher a = participant("alice");
    RouteCipher b = participant("carol");
    RouteCipher receiver = participant("receiver");
    // Alternating senders and route keys: each envelope opens under its own sender's key.
    for (int i = 0; i < 3; i++) {
      assertThat(receiver.open("cmd", a.seal("cmd", RouteCipher.Kind.SEND, Map.of(), utf8("a" + i), NB).envelope(), NB)
          .sender()).isEqualTo(a.senderId());
      assertThat(receiver.open("else", b.seal("else", RouteCipher.Kind.SEND, Map.of(), utf8("b" + i), NB).envelope(), NB)
          .sender()).isEqualTo(b.senderId());
      assertThat(receiver.open("other", b.seal("other", RouteCipher.Kind.SEND, Map.of(), utf8("c" + i), NB).envelope(), NB)
          .body()).isEqualTo(utf8("c" + i));
    }
    // Rotation: the sender moves to version 2 and the receiver opens it with the new key.
    keys.add(RouteKey.generate("k", 2), now[0]);
    byte[] rotated = a.seal("cmd", RouteCipher.Kind.SEND, Map.of(), utf8("v2"), NB).envelope();
    assertThat(receiver.open("cmd", rotated, NB).body()).isEqualTo(utf8("v2"));
    // An envelope claiming alice's id but sealed by bob (bob's key) does not authenticate as alice.
    byte[] forged = b.seal("cmd", RouteCipher.Kind.SEND, Map.of(), utf8("forged"), NB).envelope();
    byte[] aliceEnv = a.seal("cmd", RouteCipher.Kind.SEND, Map.of(), utf8("real"), NB).envelope();
    int senderAt = 13 + 1 + 4 + 1; // magic, version, kind, tag, key-name length, "k", version, id length
    byte[] aliceId = Arrays.copyOfRange(aliceEnv, senderAt, senderAt + aliceEnv[senderAt - 1]);
    byte[] bobId = Arrays.copyOfRange(forged, senderAt, senderAt + forged[senderAt - 1]);
    assertThat(aliceId.length).isEqualTo(bobId.length);
    System.arraycopy(aliceId, 0, forged, senderAt, aliceId.length);
    assertThatThrownBy(() -> receiver.open("cmd", forged, NB))
        .isInstanceOfSatisfying(EnvelopeRejectedException.class, e -> assertThat(e.reason()).isEqualTo(RejectReason.BAD_TAG));
    assertThat(receiver.open("cmd", aliceEnv, NB).body()).isEqualTo(utf8("real"));
  }

  @Test
  void nonAsciiHeadersAndSenderIdsRoundTrip() throws Exception {
    keys.add(RouteKey.generate("k", 1), now[0]);
    RouteCipher sender = participant("sänder-ü");
    RouteCipher receiver = participant("receiver");
    byte[] env = sender.seal("cmd", RouteCipher.Kind.SEND, Map.of("grüße", "wert ✓", "ascii", "plain"), utf8("b"), NB)
        .envelope();
    RouteCipher.Opened opened = receiver.open("cmd", env, NB);
    assertThat(opened.headers()).containsEntry("grüße", "wert ✓").containsEntry("ascii", "plain");
    assertThat(opened.sender()).isEqualTo(sender.senderId());
  }
}
