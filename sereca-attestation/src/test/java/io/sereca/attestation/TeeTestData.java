package io.sereca.attestation;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * The public TEE evidence in {@code shared/testdata/tee-evidence}, found by walking up from the
 * working directory. Tests that need it skip, saying why, when it is absent.
 */
public final class TeeTestData {

  /** Before the Phala collateral expires (nextUpdate 2025-07-19) and after it was issued (2025-06-19). */
  public static final Instant PINNED = Instant.parse("2025-07-01T00:00:00Z");

  public static final String SGX_QUOTE = "sgx/phala_sgx_quote.bin";
  public static final String SGX_COLLATERAL = "sgx/phala_sgx_quote_collateral.json";
  public static final String TDX_QUOTE = "tdx/phala_tdx_quote.bin";
  public static final String TDX_COLLATERAL = "tdx/phala_tdx_quote_collateral.json";
  public static final String TDX_SPR = "tdx/gotdx_tdx_prod_quote_SPR_E4.dat";
  public static final String TDX_V5 = "tdx/gotdx_quote_v5_sample.dat";
  public static final String SNP_REPORT = "snp/virtee_report_milan.bin";
  public static final String SNP_VCEK = "snp/virtee_vcek_milan.der";

  private TeeTestData() {}

  /** The evidence directory, or empty if it is not there. */
  public static java.util.Optional<Path> directory() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null) {
      Path candidate = dir.resolve("shared/testdata/tee-evidence");
      if (Files.isDirectory(candidate)) {
        return java.util.Optional.of(candidate);
      }
      dir = dir.getParent();
    }
    return java.util.Optional.empty();
  }

  /** The file, skipping the calling test if the evidence directory is absent. */
  public static Path file(String relative) {
    java.util.Optional<Path> dir = directory();
    assumeTrue(dir.isPresent(), "shared/testdata/tee-evidence not found above "
        + Path.of("").toAbsolutePath() + ": the public TEE evidence files are not available");
    Path file = dir.get().resolve(relative);
    assumeTrue(Files.isRegularFile(file), file + " is missing");
    return file;
  }

  /** The bytes of a file (skipping when absent). */
  public static byte[] bytes(String relative) {
    try {
      return Files.readAllBytes(file(relative));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Loads collateral (skipping when absent). */
  public static Collateral collateral(String relative) {
    try {
      return Collateral.load(file(relative));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
