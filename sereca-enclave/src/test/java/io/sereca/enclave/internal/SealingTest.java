package io.sereca.enclave.internal;

import static io.sereca.enclave.internal.Harness.assertOk;
import static io.sereca.enclave.internal.Harness.identity;
import static io.sereca.enclave.internal.Harness.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.sereca.enclave.EnclaveIdentity;
import io.sereca.enclave.SealPolicy;
import io.sereca.enclave.boundary.Ocall;
import io.sereca.testapps.SealingApp;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Sealing through the runtime: one enclave seals via {@link SealingApp}, another (with some other
 * identity or platform secret) tries to unseal. An unseal either returns exactly the plaintext or
 * fails with a SealingException (the app turns that into a 422 failure; anything else would be a
 * 500).
 */
class SealingTest {

  private static final EnclaveIdentity BASE = identity(0x11, 0x22, 7, 3, false);
  private static final byte[] SECRET = Harness.filled(32, 0x5E);
  private static final byte[] PLAINTEXT = utf8("the sealed state of the enclave");

  private long token = 1;

  private static Harness enclave(EnclaveIdentity id, byte[] platformSecret) {
    Harness h = new Harness();
    assertOk(h.init(SealingApp.class.getName(), id, platformSecret));
    h.drain();
    return h;
  }

  private byte[] seal(Harness h, SealPolicy policy, String keyId, byte[] plaintext) {
    Ocall answer = h.ask("seal", SealingApp.sealRequest(policy, keyId, plaintext), token++);
    assertThat(answer).as("seal answer").isInstanceOf(Ocall.Reply.class);
    return ((Ocall.Reply) answer).body();
  }

  /** Unseals; returns the plaintext, or the refusal reason prefixed with "refused: ". */
  private String unseal(Harness h, byte[] blob) {
    Ocall answer = h.ask("unseal", blob, token++);
    if (answer instanceof Ocall.Reply) {
      byte[] out = ((Ocall.Reply) answer).body();
      return new String(out, java.nio.charset.StandardCharsets.UTF_8);
    }
    Ocall.Fail f = (Ocall.Fail) answer;
    assertThat(f.code()).as("unseal must fail with a SealingException, got: %s", f.message())
        .isEqualTo(SealingApp.SEALING_FAILED);
    return "refused: " + f.message();
  }

  private void assertRefused(Harness h, byte[] blob, String reason) {
    assertThat(unseal(h, blob)).startsWith("refused: ").contains(reason);
  }

  private void assertOpens(Harness h, byte[] blob) {
    assertThat(unseal(h, blob)).isEqualTo(new String(PLAINTEXT, java.nio.charset.StandardCharsets.UTF_8));
  }

  @ParameterizedTest
  @EnumSource(SealPolicy.class)
  void sameEnclaveAndAnotherInstanceOfItUnsealExactly(SealPolicy policy) {
    Harness a = enclave(BASE, SECRET);
    byte[] blob = seal(a, policy, "state", PLAINTEXT);
    assertThat(new String(blob, java.nio.charset.StandardCharsets.ISO_8859_1))
        .doesNotContain("sealed state");
    assertOpens(a, blob);
    assertOpens(enclave(BASE, SECRET), blob);
  }

  @Test
  void emptyPlaintextRoundTrips() {
    Harness a = enclave(BASE, SECRET);
    byte[] blob = seal(a, SealPolicy.SIGNER, "", new byte[0]);
    assertThat(unseal(a, blob)).isEmpty();
  }

  @Test
  void sealingTwiceGivesDifferentBlobs() {
    Harness a = enclave(BASE, SECRET);
    assertThat(seal(a, SealPolicy.MEASUREMENT, "k", PLAINTEXT))
        .isNotEqualTo(seal(a, SealPolicy.MEASUREMENT, "k", PLAINTEXT));
  }

  @Test
  void measurementPolicyRefusesAnotherMeasurement() {
    byte[] blob = seal(enclave(BASE, SECRET), SealPolicy.MEASUREMENT, "k", PLAINTEXT);
    assertRefused(enclave(identity(0x12, 0x22, 7, 3, false), SECRET), blob,
        "another enclave measurement");
    // Same signer, higher svn, but a different measurement: still refused.
    assertRefused(enclave(identity(0x13, 0x22, 7, 9, false), SECRET), blob,
        "another enclave measurement");
  }

  @Test
  void measurementPolicyOpensForTheSameMeasurementWhateverTheSignerFields() {
    byte[] blob = seal(enclave(BASE, SECRET), SealPolicy.MEASUREMENT, "k", PLAINTEXT);
    assertOpens(enclave(identity(0x11, 0x22, 7, 2, false), SECRET), blob);
  }

  @Test
  void signerPolicyRefusesAnotherSigner() {
    byte[] blob = seal(enclave(BASE, SECRET), SealPolicy.SIGNER, "k", PLAINTEXT);
    assertRefused(enclave(identity(0x11, 0x23, 7, 3, false), SECRET), blob, "another signer");
  }

  @Test
  void signerPolicyRefusesAnotherProduct() {
    byte[] blob = seal(enclave(BASE, SECRET), SealPolicy.SIGNER, "k", PLAINTEXT);
    assertRefused(enclave(identity(0x11, 0x22, 8, 3, false), SECRET), blob, "product 7");
  }

  @Test
  void signerPolicyRefusesALowerSvn() {
    byte[] blob = seal(enclave(BASE, SECRET), SealPolicy.SIGNER, "k", PLAINTEXT);
    assertRefused(enclave(identity(0x11, 0x22, 7, 2, false), SECRET), blob, "lower");
  }

  @Test
  void signerPolicyOpensForAnEqualOrHigherSvnAndAnotherMeasurement() {
    byte[] blob = seal(enclave(BASE, SECRET), SealPolicy.SIGNER, "k", PLAINTEXT);
    assertOpens(enclave(identity(0x11, 0x22, 7, 3, false), SECRET), blob);
    assertOpens(enclave(identity(0x44, 0x22, 7, 4, false), SECRET), blob);
    assertOpens(enclave(identity(0x45, 0x22, 7, 0xFFFF, false), SECRET), blob);
  }

  @ParameterizedTest
  @EnumSource(SealPolicy.class)
  void anotherPlatformSealSecretFailsAuthentication(SealPolicy policy) {
    byte[] blob = seal(enclave(BASE, SECRET), policy, "k", PLAINTEXT);
    assertRefused(enclave(BASE, Harness.filled(32, 0x5F)), blob, "failed authentication");
  }

  @ParameterizedTest
  @EnumSource(SealPolicy.class)
  void everyTamperedByteFails(SealPolicy policy) {
    Harness a = enclave(BASE, SECRET);
    byte[] blob = seal(a, policy, "key-id", PLAINTEXT);
    for (int i = 0; i < blob.length; i++) {
      for (int flip : new int[] {0x01, 0x80}) {
        byte[] tampered = blob.clone();
        tampered[i] ^= (byte) flip;
        assertThat(unseal(a, tampered)).as("byte %d xor %d", i, flip).startsWith("refused: ");
      }
    }
    assertOpens(a, blob);
  }

  @ParameterizedTest
  @EnumSource(SealPolicy.class)
  void everyTruncationAndExtensionFails(SealPolicy policy) {
    Harness a = enclave(BASE, SECRET);
    byte[] blob = seal(a, policy, "key-id", PLAINTEXT);
    for (int len = 0; len < blob.length; len++) {
      assertThat(unseal(a, Arrays.copyOf(blob, len))).as("cut to %d", len).startsWith("refused: ");
    }
    assertThat(unseal(a, Arrays.copyOf(blob, blob.length + 1))).startsWith("refused: ");
  }

  @Test
  void headerFieldsRewrittenToThisEnclavesIdentityStillFail() {
    // A MEASUREMENT blob of another enclave, re-labelled with this enclave's measurement.
    EnclaveIdentity other = identity(0x77, 0x22, 7, 3, false);
    byte[] blob = seal(enclave(other, SECRET), SealPolicy.MEASUREMENT, "k", PLAINTEXT);
    int measurementAt = 4 + 1 + 1 + 2 + 1;
    assertThat(Arrays.copyOfRange(blob, measurementAt, measurementAt + 32))
        .isEqualTo(other.measurement());
    System.arraycopy(BASE.measurement(), 0, blob, measurementAt, 32);
    assertRefused(enclave(BASE, SECRET), blob, "failed authentication");

    // A SIGNER blob sealed at svn 9, re-labelled as svn 3 for an svn-3 enclave.
    byte[] high = seal(enclave(identity(0x11, 0x22, 7, 9, false), SECRET), SealPolicy.SIGNER, "k",
        PLAINTEXT);
    int svnAt = measurementAt + 32 + 2;
    assertThat(high[svnAt + 1]).isEqualTo((byte) 9);
    high[svnAt + 1] = 3;
    assertRefused(enclave(BASE, SECRET), high, "failed authentication");
  }

  @Test
  void randomMutationsNeverYieldPartialOrWrongData() {
    Harness a = enclave(BASE, SECRET);
    byte[] blob = seal(a, SealPolicy.SIGNER, "k", PLAINTEXT);
    Random random = new Random(0x5EA1L);
    for (int i = 0; i < 1500; i++) {
      byte[] mutated = blob.clone();
      int edits = 1 + random.nextInt(3);
      for (int e = 0; e < edits; e++) {
        mutated[random.nextInt(mutated.length)] = (byte) random.nextInt(256);
      }
      if (random.nextBoolean()) {
        mutated = Arrays.copyOf(mutated, random.nextInt(mutated.length + 4));
      }
      String result = unseal(a, mutated);
      if (!result.startsWith("refused: ") && !Arrays.equals(mutated, blob)) {
        fail("a modified blob was opened: " + result);
      }
    }
  }

  @Test
  void garbageIsRefusedAsMalformed() {
    Harness a = enclave(BASE, SECRET);
    assertRefused(a, new byte[0], "malformed");
    assertRefused(a, utf8("XXXXXXXXXXXXXXXXXXXXXX"), "bad magic");
  }

  @ParameterizedTest
  @EnumSource(SealPolicy.class)
  void debugEnclaveCannotUnsealWhatAProductionEnclaveSealed(SealPolicy policy) {
    byte[] blob = seal(enclave(BASE, SECRET), policy, "k", PLAINTEXT);
    EnclaveIdentity debugTwin = identity(0x11, 0x22, 7, 3, true);
    assertThat(unseal(enclave(debugTwin, SECRET), blob)).startsWith("refused: ");
  }
}
