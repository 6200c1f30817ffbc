package io.sereca.enclave.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A receiver that restarts (new, empty replay window) must not accept what it saw before. */
class RouteCipherRestartTest {

  private static final byte[] NB = new byte[0];
  private final long[] now = {1_700_000_000_000L};
  private final RouteTable routes = RouteTable.parse("cmd = k");
  private final KeyRing keys = new KeyRing(60_000);

  private RouteCipher participant(String name) {
    return new RouteCipher(RouteCipher.newSenderId(name), routes, keys, new ReplayWindow(), 30_000, () -> now[0]);
  }

  @Test
  void anEnvelopeSealedBeforeTheReceiverStartedIsRefusedAsStale() throws Exception {
    keys.add(RouteKey.generate("k", 1), now[0]);
    RouteCipher sender = participant("sender");
    RouteCipher receiver = participant("receiver");
    byte[] env = sender.seal("cmd", RouteCipher.Kind.SEND, Map.of(), "open gate".getBytes(StandardCharsets.UTF_8), NB)
        .envelope();
    assertThat(new String(receiver.open("cmd", env, NB).body(), StandardCharsets.UTF_8)).isEqualTo("open gate");
    assertThatThrownBy(() -> receiver.open("cmd", env, NB))
        .isInstanceOfSatisfying(EnvelopeRejectedException.class, e -> assertThat(e.reason()).isEqualTo(RejectReason.REPLAY));

    now[0] += 20_000; // still inside the 30 s skew
    RouteCipher restarted = participant("receiver");
    assertThatThrownBy(() -> restarted.open("cmd", env, NB))
        .isInstanceOfSatisfying(EnvelopeRejectedException.class, e -> assertThat(e.reason()).isEqualTo(RejectReason.STALE))
        .hasMessageContaining("older than this receiver");
    // Fresh traffic still flows.
    byte[] fresh = sender.seal("cmd", RouteCipher.Kind.SEND, Map.of(), "x".getBytes(StandardCharsets.UTF_8), NB).envelope();
    assertThat(restarted.open("cmd", fresh, NB).body()).containsExactly('x');
  }
}
