package io.sereca.enclave.internal;

import static io.sereca.enclave.internal.Harness.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sereca.enclave.EnclaveIdentity;
import io.sereca.enclave.SealPolicy;
import io.sereca.enclave.SealingException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Sealer used directly: layout, key separation, argument checks. */
class SealerTest {

  private static final EnclaveIdentity ID = Harness.identity(0x11, 0x22, 7, 3, false);
  private final Sealer sealer = new Sealer(ID, Harness.filled(32, 0x5E));

  @Test
  void blobStartsWithMagicVersionPolicyKeyIdAndIdentity() throws Exception {
    byte[] m = sealer.seal(SealPolicy.MEASUREMENT, "kid", utf8("p"));
    assertThat(Arrays.copyOf(m, 4)).isEqualTo(utf8("SRSL"));
    assertThat(m[4]).isEqualTo((byte) 1);
    assertThat(m[5]).isEqualTo((byte) SealPolicy.MEASUREMENT.ordinal());
    assertThat(Arrays.copyOfRange(m, 6, 11)).containsExactly(0, 3, 'k', 'i', 'd');
    assertThat(Arrays.copyOfRange(m, 11, 43)).isEqualTo(ID.measurement());
    assertThat(m[43]).as("debug flag").isEqualTo((byte) 0);
    assertThat(m).hasSize(43 + 1 + 12 + 1 + 16);

    byte[] s = sealer.seal(SealPolicy.SIGNER, "kid", utf8("p"));
    assertThat(s[5]).isEqualTo((byte) SealPolicy.SIGNER.ordinal());
    assertThat(Arrays.copyOfRange(s, 11, 43)).isEqualTo(ID.signer());
    assertThat(Arrays.copyOfRange(s, 43, 48)).containsExactly(0, 7, 0, 3, 0);
  }

  @Test
  void keyIdSeparatesKeys() throws Exception {
    byte[] a = sealer.seal(SealPolicy.SIGNER, "aaa", utf8("p"));
    // Relabel "aaa" as "bbb": the key and the AAD both change, so authentication fails.
    a[8] = 'b';
    a[9] = 'b';
    a[10] = 'b';
    assertThatThrownBy(() -> sealer.unseal(a))
        .isInstanceOf(SealingException.class).hasMessageContaining("authentication");
  }

  @Test
  void unsealDoesNotReadTheCallersArrayAfterReturning() throws Exception {
    byte[] blob = sealer.seal(SealPolicy.MEASUREMENT, "k", utf8("plain"));
    byte[] copy = blob.clone();
    assertThat(sealer.unseal(blob)).isEqualTo(utf8("plain"));
    assertThat(blob).as("unseal must not modify its input").isEqualTo(copy);
  }

  @Test
  void platformSecretIsCopiedIn() throws Exception {
    byte[] secret = Harness.filled(32, 1);
    Sealer s = new Sealer(ID, secret);
    byte[] blob = s.seal(SealPolicy.MEASUREMENT, "k", utf8("x"));
    Arrays.fill(secret, (byte) 2);
    assertThat(s.unseal(blob)).isEqualTo(utf8("x"));
  }

  @Test
  void argumentsAreChecked() {
    assertThatThrownBy(() -> sealer.seal(null, "k", new byte[0])).isInstanceOf(SealingException.class);
    assertThatThrownBy(() -> sealer.seal(SealPolicy.SIGNER, null, new byte[0]))
        .isInstanceOf(SealingException.class);
    assertThatThrownBy(() -> sealer.seal(SealPolicy.SIGNER, "k", null))
        .isInstanceOf(SealingException.class);
    assertThatThrownBy(() -> sealer.seal(SealPolicy.SIGNER, "k".repeat(257), new byte[0]))
        .isInstanceOf(SealingException.class).hasMessageContaining("keyId");
    assertThatThrownBy(() -> sealer.unseal(null)).isInstanceOf(SealingException.class);
  }

  @Test
  void keyIdAtTheLimitWorks() throws Exception {
    byte[] blob = sealer.seal(SealPolicy.SIGNER, "é".repeat(128), utf8("x"));
    assertThat(sealer.unseal(blob)).isEqualTo(utf8("x"));
  }

  @Test
  void unknownVersionAndPolicyAreRefused() throws Exception {
    byte[] blob = sealer.seal(SealPolicy.SIGNER, "k", utf8("x"));
    byte[] v = blob.clone();
    v[4] = 2;
    assertThatThrownBy(() -> sealer.unseal(v)).hasMessageContaining("unsupported version 2");
    byte[] p = blob.clone();
    p[5] = 2;
    assertThatThrownBy(() -> sealer.unseal(p)).hasMessageContaining("unknown policy 2");
  }

  @Test
  void blobWithoutRoomForTheTagIsRefusedAsTruncated() throws Exception {
    byte[] blob = sealer.seal(SealPolicy.MEASUREMENT, "k", new byte[0]);
    assertThatThrownBy(() -> sealer.unseal(Arrays.copyOf(blob, blob.length - 1)))
        .isInstanceOf(SealingException.class).hasMessageContaining("truncated");
  }
}
