package io.sereca.enclave.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Gramine attestation device against a fake tree serving a real SGX DCAP quote. */
class AttestationDeviceTest {

  @TempDir Path tmp;
  private FakeAttestationDevice fake;

  @BeforeEach
  void setUp() throws IOException {
    fake = FakeAttestationDevice.create(tmp, FakeAttestationDevice.key(1), FakeAttestationDevice.key(2));
  }

  @Test
  void quoteWritesTheReportDataAndReturnsTheDevicesQuoteUnchanged() throws IOException {
    byte[] reportData = new byte[64];
    for (int i = 0; i < 64; i++) {
      reportData[i] = (byte) (i * 7);
    }
    byte[] quote = AttestationDevice.open(fake.root).quote(reportData);
    assertThat(quote).isEqualTo(fake.quote);
    assertThat(fake.writtenReportData()).isEqualTo(reportData);
  }

  @Test
  void reportDataOfAnotherLengthIsRefused() throws IOException {
    AttestationDevice device = AttestationDevice.open(fake.root);
    assertThatThrownBy(() -> device.quote(new byte[32])).hasMessageContaining("64 bytes, was 32");
  }

  @Test
  void sealKeysAreReadAsSixteenBytes() throws IOException {
    AttestationDevice device = AttestationDevice.open(fake.root);
    assertThat(device.sealKey("_sgx_mrenclave")).isEqualTo(FakeAttestationDevice.key(1));
    assertThat(device.sealKey("_sgx_mrsigner")).isEqualTo(FakeAttestationDevice.key(2));
  }

  @Test
  void sealKeysOfTheWrongSizeOrMissingAreRefusedNamingTheFile() throws IOException {
    AttestationDevice device = AttestationDevice.open(fake.root);
    Files.write(fake.root.resolve("keys/_sgx_mrenclave"), new byte[15]);
    assertThatThrownBy(() -> device.sealKey("_sgx_mrenclave"))
        .hasMessageContaining("_sgx_mrenclave holds 15 bytes, expected at least 16");
    Files.write(fake.root.resolve("keys/_sgx_mrenclave"), new byte[17]);
    assertThatThrownBy(() -> device.sealKey("_sgx_mrenclave"))
        .hasMessageContaining("_sgx_mrenclave holds more than 16 bytes");
    Files.delete(fake.root.resolve("keys/_sgx_mrsigner"));
    assertThatThrownBy(() -> device.sealKey("_sgx_mrsigner"))
        .hasMessageContaining("_sgx_mrsigner does not exist");
  }

  @Test
  void aTruncatedOrOversizeQuoteIsRefused() throws IOException {
    AttestationDevice device = AttestationDevice.open(fake.root);
    Files.write(fake.root.resolve("quote"), new byte[100]);
    assertThatThrownBy(() -> device.quote(new byte[64]))
        .hasMessageContaining("quote holds 100 bytes, expected at least 436");
    Files.write(fake.root.resolve("quote"), new byte[AttestationDevice.MAX_QUOTE_BYTES + 1]);
    assertThatThrownBy(() -> device.quote(new byte[64]))
        .hasMessageContaining("quote holds more than 65536 bytes");
    Files.delete(fake.root.resolve("quote"));
    assertThatThrownBy(() -> device.quote(new byte[64])).hasMessageContaining("quote does not exist");
  }

  @Test
  void aDeviceWithoutDcapAttestationIsRefused() throws IOException {
    Files.writeString(fake.root.resolve("attestation_type"), "none\n");
    assertThatThrownBy(() -> AttestationDevice.open(fake.root))
        .hasMessageContaining("reads 'none', expected 'dcap'");
    Files.write(fake.root.resolve("attestation_type"), new byte[0]);
    assertThatThrownBy(() -> AttestationDevice.open(fake.root))
        .hasMessageContaining("attestation_type holds 0 bytes");
  }

  @Test
  void noDeviceAtAllSaysWhy() {
    assertThatThrownBy(() -> AttestationDevice.open(tmp.resolve("absent")))
        .hasMessageContaining("not running under Gramine");
  }
}
