package io.sereca.enclave.internal;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A temp directory laid out like Gramine's /dev/attestation, serving a real public SGX quote.
 *
 * <p>Honest limits: these are plain files. Real Gramine regenerates {@code quote} from whatever
 * was last written to {@code user_report_data}; here {@code quote} is fixed (the recorded quote
 * binds other report data), so tests check what was written to {@code user_report_data}
 * separately from the bytes returned.
 */
final class FakeAttestationDevice {

  final Path root;
  final byte[] quote;

  private FakeAttestationDevice(Path root, byte[] quote) {
    this.root = root;
    this.quote = quote;
  }

  /** Creates the tree under {@code dir} with the real quote and the given 16-byte keys. */
  static FakeAttestationDevice create(Path dir, byte[] mrenclaveKey, byte[] mrsignerKey) throws IOException {
    byte[] quote = Files.readAllBytes(evidence("sgx/phala_sgx_quote.bin"));
    Path root = dir.resolve("attestation");
    Files.createDirectories(root.resolve("keys"));
    Files.writeString(root.resolve("attestation_type"), "dcap", StandardCharsets.US_ASCII);
    Files.write(root.resolve("user_report_data"), new byte[64]);
    Files.write(root.resolve("quote"), quote);
    Files.write(root.resolve("keys/_sgx_mrenclave"), mrenclaveKey);
    Files.write(root.resolve("keys/_sgx_mrsigner"), mrsignerKey);
    return new FakeAttestationDevice(root, quote);
  }

  static byte[] key(int value) {
    byte[] k = new byte[16];
    Arrays.fill(k, (byte) value);
    return k;
  }

  byte[] writtenReportData() throws IOException {
    return Files.readAllBytes(root.resolve("user_report_data"));
  }

  /**
   * A file of ../shared/testdata/tee-evidence, found by walking up from the working directory;
   * the test is skipped (not passed) when the evidence files are absent.
   */
  static Path evidence(String name) {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      Path f = p.resolve("shared/testdata/tee-evidence").resolve(name);
      if (Files.isRegularFile(f)) {
        return f;
      }
    }
    assumeTrue(false, "public TEE evidence file shared/testdata/tee-evidence/" + name
        + " not found above " + Path.of("").toAbsolutePath() + "; skipping");
    throw new AssertionError("unreachable");
  }
}
