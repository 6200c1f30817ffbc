package io.sereca.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sereca.cli.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sereca attest verify} on the public SGX, TDX and SEV-SNP evidence files. */
class HardwareVerifyCommandTest {

  @TempDir
  Path tmp;

  /** shared/testdata/tee-evidence, found by walking up; the test skips without it. */
  private static Path evidence(String relative) {
    Optional<Path> found = Optional.empty();
    for (Path dir = Path.of("").toAbsolutePath(); dir != null && found.isEmpty(); dir = dir.getParent()) {
      Path candidate = dir.resolve("shared/testdata/tee-evidence");
      if (Files.isDirectory(candidate)) {
        found = Optional.of(candidate);
      }
    }
    assumeTrue(found.isPresent(), "shared/testdata/tee-evidence not found: public TEE evidence unavailable");
    return found.get().resolve(relative);
  }

  @Test
  void printsTheSgxQuoteFieldsAndEveryCheckAndExitsZero() {
    Cli.Result r = Cli.run("attest", "verify", evidence("sgx/phala_sgx_quote.bin").toString(),
        "--collateral", evidence("sgx/phala_sgx_quote_collateral.json").toString(), "--at", "2025-07-01");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out()).contains("Evidence: Intel SGX",
        "MRENCLAVE:         33d8736db756ed4997e04ba358d27833188f1932ff7b1d156904d3f560452fbb",
        "  PASS  quote signature: header and report body signed by the attestation key",
        "  PASS  PCK certificate chain: leads to the pinned Intel SGX Root CA",
        "  PASS  QE identity: Intel quoting enclave",
        "TCB status: ConfigurationAndSWHardeningNeeded",
        "policy:   none: only authenticity is checked",
        "verdict:  ACCEPTED");
    assertThat(r.out()).doesNotContain("FAIL", "SIMULATED");
  }

  @Test
  void verifiesTdxAndSnpEvidenceWithAnExplicitType() {
    Cli.Result tdx = Cli.run("attest", "verify", evidence("tdx/gotdx_quote_v5_sample.dat").toString(),
        "--type", "tdx", "--at", "2026-03-01");
    Cli.Result snp = Cli.run("attest", "verify", evidence("snp/virtee_report_milan.bin").toString(),
        "--type", "snp", "--collateral", evidence("snp/virtee_vcek_milan.der").toString(), "--at", "2025-07-01");

    assertThat(tdx.exitCode()).as(tdx.toString()).isZero();
    assertThat(tdx.out()).contains("Evidence: Intel TDX", "body:              TD 1.5 (648 bytes)", "RTMR0:");
    assertThat(snp.exitCode()).as(snp.toString()).isZero();
    assertThat(snp.out()).contains("Evidence: AMD SEV-SNP", "  PASS  reported TCB:",
        "  PASS  certificate chain: VCEK <- ASK <- ARK-Milan");
  }

  @Test
  void aFailedCheckIsPrintedAndExitsOne() throws Exception {
    byte[] quote = Files.readAllBytes(evidence("tdx/phala_tdx_quote.bin"));
    quote[200] ^= 0x10; // inside MRTD, which the attestation key signed
    Path tampered = Files.write(tmp.resolve("tampered.bin"), quote);

    Cli.Result r = Cli.run("attest", "verify", tampered.toString(), "--at", "2025-07-01");
    Cli.Result noVcek = Cli.run("attest", "verify", evidence("snp/virtee_report_milan.bin").toString());

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.out()).contains("  FAIL  quote signature:", "verdict:  REFUSED");
    assertThat(r.err()).isEqualTo("sereca: evidence is not genuine" + System.lineSeparator());
    assertThat(noVcek.exitCode()).isEqualTo(1);
    assertThat(noVcek.out()).contains("  FAIL  signing key: the report is signed by a VCEK");
  }

  @Test
  void aPolicyAddsItsChecksAndRefusesATcbStatusItDoesNotAccept() throws Exception {
    Path policy = Files.writeString(tmp.resolve("sgx.yaml"), """
        allowedMeasurements: ["33d8736db756ed4997e04ba358d27833188f1932ff7b1d156904d3f560452fbb"]
        """);
    String[] args = {"attest", "verify", evidence("sgx/phala_sgx_quote.bin").toString(),
        "--collateral", evidence("sgx/phala_sgx_quote_collateral.json").toString(), "--at", "2025-07-01",
        "--policy", policy.toString(), "--report-data", "48656c6c6f2c20776f726c6421"};

    Cli.Result refused = Cli.run(args);
    Files.writeString(policy, "acceptedTcbStatuses: [UpToDate, ConfigurationAndSWHardeningNeeded]\n",
        java.nio.file.StandardOpenOption.APPEND);
    Cli.Result accepted = Cli.run(args);

    assertThat(refused.exitCode()).isEqualTo(1);
    assertThat(refused.out()).contains("  FAIL  TCB status: TCB status ConfigurationAndSWHardeningNeeded not accepted",
        "  PASS  identity:", "  PASS  report data:", "  - TCB status ConfigurationAndSWHardeningNeeded not accepted");
    assertThat(accepted.exitCode()).as(accepted.toString()).isZero();
    assertThat(accepted.out()).contains("  PASS  TCB status: ConfigurationAndSWHardeningNeeded accepted by the policy");
  }

  @Test
  void badOptionsAreUsageErrors() {
    String quote = evidence("sgx/phala_sgx_quote.bin").toString();

    Cli.Result type = Cli.run("attest", "verify", quote, "--type", "arm");
    Cli.Result at = Cli.run("attest", "verify", quote, "--at", "yesterday");
    Cli.Result reportDataWithoutPolicy = Cli.run("attest", "verify", quote, "--report-data", "01");

    assertThat(type.exitCode()).isEqualTo(2);
    assertThat(type.err()).contains("option '--type' must be sgx, tdx, snp, sim or auto, was 'arm'");
    assertThat(at.exitCode()).isEqualTo(2);
    assertThat(at.err()).contains("option '--at' must be an ISO date");
    assertThat(reportDataWithoutPolicy.exitCode()).isEqualTo(2);
  }

  @Test
  void invalidCollateralIsNamed() throws Exception {
    Path junk = Files.writeString(tmp.resolve("junk.json"), "{\"tcb_info\": 1}");

    Cli.Result r = Cli.run("attest", "verify", evidence("sgx/phala_sgx_quote.bin").toString(),
        "--collateral", junk.toString());

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).startsWith("sereca: invalid collateral: " + junk + ": key 'pck_crl_issuer_chain': missing");
  }
}
