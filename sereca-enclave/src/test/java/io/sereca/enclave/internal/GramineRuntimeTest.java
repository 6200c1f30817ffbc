package io.sereca.enclave.internal;

import static io.sereca.enclave.internal.Harness.assertError;
import static io.sereca.enclave.internal.Harness.assertOk;
import static io.sereca.enclave.internal.Harness.identity;
import static io.sereca.enclave.internal.Harness.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import io.sereca.enclave.EnclaveIdentity;
import io.sereca.enclave.SealPolicy;
import io.sereca.enclave.boundary.Ecall;
import io.sereca.enclave.boundary.EcallResult;
import io.sereca.enclave.boundary.Ocall;
import io.sereca.enclave.crypto.ProvisioningCipher;
import io.sereca.testapps.SealingApp;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runtime with an attestation device, as under Gramine: the enclave quotes its own
 * provisioning key's report data through the device, and seals with the device's keys instead of
 * the secret the host sends.
 */
class GramineRuntimeTest {

  private static final EnclaveIdentity ID = identity(0x11, 0x22, 7, 3, false);
  private static final byte[] PLAINTEXT = utf8("state sealed under the hardware key");

  @TempDir Path tmp;
  private long token = 1;

  private Harness enclave(FakeAttestationDevice fake, byte[] hostSealSecret) throws IOException {
    Harness h = new Harness(AttestationDevice.open(fake.root));
    assertOk(h.init(SealingApp.class.getName(), ID, hostSealSecret));
    h.drain();
    return h;
  }

  @Test
  void theEnclaveQuotesItsProvisioningKeysBindingThroughTheDevice() throws Exception {
    FakeAttestationDevice fake = FakeAttestationDevice.create(tmp, FakeAttestationDevice.key(1),
        FakeAttestationDevice.key(2));
    Harness h = enclave(fake, Harness.filled(32, 0x5E));
    byte[] nonce = Harness.filled(32, 0x42);
    EcallResult key = h.call(new Ecall.ProvisionKey(nonce));
    assertOk(key);
    byte[] pk = Arrays.copyOf(key.payload(), 32);
    byte[] reportData = Arrays.copyOfRange(key.payload(), 32, 96);

    EcallResult quote = h.call(new Ecall.Attest(reportData));
    assertOk(quote);
    assertThat(quote.payload()).as("evidence is the device's quote, byte for byte").isEqualTo(fake.quote);
    byte[] expected = ProvisioningCipher.reportData(pk, nonce);
    assertThat(fake.writtenReportData()).as("user_report_data = SHA-256(pk || nonce) || 32 zero bytes")
        .isEqualTo(expected).hasSize(64);
    assertThat(Arrays.copyOfRange(expected, 32, 64)).containsOnly(0);
  }

  @Test
  void theEnclaveRefusesToQuoteReportDataItDidNotMake() throws Exception {
    FakeAttestationDevice fake = FakeAttestationDevice.create(tmp, FakeAttestationDevice.key(1),
        FakeAttestationDevice.key(2));
    Harness h = enclave(fake, Harness.filled(32, 0x5E));
    assertThat(assertError(h.call(new Ecall.Attest(new byte[64]))))
        .contains("only the report data of its current provisioning key");
    assertOk(h.call(new Ecall.ProvisionKey(Harness.filled(16, 1))));
    byte[] hostChosen = Harness.filled(64, 0x66);
    assertThat(assertError(h.call(new Ecall.Attest(hostChosen))))
        .contains("only the report data of its current provisioning key");
    assertThat(fake.writtenReportData()).as("nothing reached the device").isEqualTo(new byte[64]);
  }

  @Test
  void withoutADeviceAttestIsRefusedBecauseTheHostQuotes() {
    Harness h = new Harness();
    assertOk(h.init(SealingApp.class.getName(), ID, Harness.filled(32, 0x5E)));
    assertThat(assertError(h.call(new Ecall.Attest(new byte[64])))).contains("no attestation device");
  }

  @Test
  void sealingUsesTheDeviceKeysAndIgnoresTheHostsSecret() throws Exception {
    FakeAttestationDevice platformA = FakeAttestationDevice.create(tmp.resolve("a"),
        FakeAttestationDevice.key(1), FakeAttestationDevice.key(2));
    FakeAttestationDevice platformB = FakeAttestationDevice.create(tmp.resolve("b"),
        FakeAttestationDevice.key(9), FakeAttestationDevice.key(2));
    Harness sealer = enclave(platformA, Harness.filled(32, 0x5E));
    byte[] blob = seal(sealer, SealPolicy.MEASUREMENT);
    byte[] signerBlob = seal(sealer, SealPolicy.SIGNER);

    // Same hardware keys, a different host secret: the host's secret plays no part.
    Harness sameHardware = enclave(platformA, Harness.filled(32, 0x01));
    assertThat(unseal(sameHardware, blob)).isEqualTo(new String(PLAINTEXT, StandardCharsets.UTF_8));
    // Another MRENCLAVE key (another enclave build or CPU), same host secret: refused.
    Harness otherHardware = enclave(platformB, Harness.filled(32, 0x5E));
    assertThat(unseal(otherHardware, blob)).startsWith("refused: ").contains("failed authentication");
    // SIGNER blobs use the MRSIGNER key, which platform B shares.
    assertThat(unseal(otherHardware, signerBlob)).isEqualTo(new String(PLAINTEXT, StandardCharsets.UTF_8));
  }

  @Test
  void initFailsNamingTheMissingSealKey() throws Exception {
    FakeAttestationDevice fake = FakeAttestationDevice.create(tmp, FakeAttestationDevice.key(1),
        FakeAttestationDevice.key(2));
    Files.delete(fake.root.resolve("keys/_sgx_mrsigner"));
    Harness h = new Harness(AttestationDevice.open(fake.root));
    assertThat(assertError(h.init(SealingApp.class.getName(), ID, Harness.filled(32, 0x5E))))
        .contains("attestation device:").contains("_sgx_mrsigner does not exist");
  }

  private byte[] seal(Harness h, SealPolicy policy) {
    Ocall answer = h.ask("seal", SealingApp.sealRequest(policy, "k", PLAINTEXT), token++);
    assertThat(answer).isInstanceOf(Ocall.Reply.class);
    return ((Ocall.Reply) answer).body();
  }

  private String unseal(Harness h, byte[] blob) {
    Ocall answer = h.ask("unseal", blob, token++);
    if (answer instanceof Ocall.Reply) {
      return new String(((Ocall.Reply) answer).body(), StandardCharsets.UTF_8);
    }
    return "refused: " + ((Ocall.Fail) answer).message();
  }
}
