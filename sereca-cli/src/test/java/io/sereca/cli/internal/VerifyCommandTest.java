package io.sereca.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.sereca.cli.Cli;
import io.sereca.enclave.crypto.ProvisioningCipher;
import io.sereca.host.EnclaveBundle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerifyCommandTest {

  @TempDir
  Path tmp;

  private Path data;
  private Path bundle;
  private Path evidence;
  private String measurement;
  private final HexFormat hex = HexFormat.of();

  @BeforeEach
  void produceEvidence() throws Exception {
    data = tmp.resolve("data");
    bundle = Fixtures.signedBundle(tmp);
    measurement = hex.formatHex(EnclaveBundle.load(bundle).measurement());
    evidence = tmp.resolve("evidence.bin");
    Cli.Result r = Cli.run("attest", "evidence", bundle.toString(), "--report-data", "0102",
        "--out", evidence.toString(), "--data-dir", data.toString());
    assertThat(r.exitCode()).as(r.toString()).isZero();
  }

  private Path policy(String yaml) throws Exception {
    return Files.writeString(tmp.resolve("policy-" + Math.abs(yaml.hashCode()) + ".yaml"), yaml);
  }

  private Cli.Result verify(Path evidenceFile, Path policy, String... more) {
    String[] base = {"attest", "verify", evidenceFile.toString(), "--policy", policy.toString(),
        "--data-dir", data.toString()};
    String[] args = Arrays.copyOf(base, base.length + more.length);
    System.arraycopy(more, 0, args, base.length, more.length);
    return Cli.run(args);
  }

  @Test
  void acceptsSimulatedEvidenceWhenThePolicyAllowsSimulation() throws Exception {
    Cli.Result r = verify(evidence, policy("allowSimulation: true\nallowedMeasurements:\n  - " + measurement + "\n"));

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out()).contains("Evidence: SIMULATED", "measurement: " + measurement, "product id:  1",
        "!! SIMULATED evidence", "allowSimulation=true", "verdict:  ACCEPTED (SIMULATED evidence)");
  }

  @Test
  void theDefaultPolicyRefusesSimulatedEvidenceAndSaysWhy() throws Exception {
    Cli.Result r = verify(evidence, policy("allowedMeasurements:\n  - " + measurement + "\n"));

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.out()).contains("!! SIMULATED evidence", "verdict:  REFUSED",
        "  - simulated evidence refused: policy.allowSimulation is false");
    assertThat(r.err()).startsWith("sereca: evidence refused by policy");
  }

  @Test
  void printsEveryReasonForARefusal() throws Exception {
    String other = "ab".repeat(32);

    Cli.Result r = verify(evidence, policy("allowedMeasurements:\n  - " + other + "\n"), "--report-data", "0103");

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.out()).contains("  - simulated evidence refused: policy.allowSimulation is false",
        "  - measurement " + measurement + " not allowed", "report data checked");
    assertThat(r.out().lines().filter(l -> l.startsWith("  - ")).count()).isGreaterThanOrEqualTo(3);
  }

  @Test
  void checksTheReportDataGivenAsHexOrAsNonceAndPublicKey() throws Exception {
    Path allow = policy("allowSimulation: true\nallowedMeasurements:\n  - " + measurement + "\n");
    byte[] nonce = new byte[16];
    byte[] publicKey = new byte[32];
    Arrays.fill(publicKey, (byte) 9);
    byte[] bound = ProvisioningCipher.reportData(publicKey, nonce);
    Path boundEvidence = tmp.resolve("bound.bin");
    assertThat(Cli.run("attest", "evidence", bundle.toString(), "--report-data", hex.formatHex(bound),
        "--out", boundEvidence.toString(), "--data-dir", data.toString()).exitCode()).isZero();

    assertThat(verify(evidence, allow, "--report-data", "0102").exitCode()).isZero();
    assertThat(verify(boundEvidence, allow, "--nonce", hex.formatHex(nonce),
        "--public-key", hex.formatHex(publicKey)).exitCode()).isZero();
    Cli.Result wrongNonce = verify(boundEvidence, allow, "--nonce", "01".repeat(16),
        "--public-key", hex.formatHex(publicKey));
    assertThat(wrongNonce.exitCode()).isEqualTo(1);
    assertThat(wrongNonce.out()).contains("verdict:  REFUSED").containsIgnoringCase("report data");
  }

  @Test
  void malformedEvidenceIsAClearErrorWithoutStackTrace() throws Exception {
    Path allow = policy("allowSimulation: true\nallowedMeasurements:\n  - " + measurement + "\n");
    Path junk = Files.writeString(tmp.resolve("junk.bin"), "definitely not evidence");
    byte[] whole = Files.readAllBytes(evidence);
    Path truncated = Files.write(tmp.resolve("truncated.bin"), Arrays.copyOf(whole, 100));

    Cli.Result r = verify(junk, allow);
    Cli.Result t = verify(truncated, allow);

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).startsWith("sereca: " + junk + " is not valid attestation evidence: malformed evidence")
        .doesNotContain("\tat ").hasLineCount(1);
    assertThat(r.out()).isEmpty();
    assertThat(t.exitCode()).isEqualTo(1);
    assertThat(t.err()).contains("is not valid attestation evidence").contains("truncated").hasLineCount(1);
  }

  @Test
  void badPolicyFilesAreNamed() throws Exception {
    Path typo = policy("allowSimulaton: true\n");
    Path missing = tmp.resolve("missing.yaml");

    Cli.Result r = verify(evidence, typo);
    Cli.Result m = verify(evidence, missing);

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).startsWith("sereca: invalid policy: ").contains("allowSimulaton").hasLineCount(1);
    assertThat(m.exitCode()).isEqualTo(1);
    assertThat(m.err()).isEqualTo("sereca: policy file " + missing + " does not exist or is not a file"
        + System.lineSeparator());
  }

  @Test
  void reportDataOptionsMustBeConsistent() throws Exception {
    Path allow = policy("allowSimulation: true\n");

    Cli.Result nonceOnly = verify(evidence, allow, "--nonce", "00".repeat(16));
    Cli.Result both = verify(evidence, allow, "--report-data", "01", "--nonce", "00".repeat(16),
        "--public-key", "00".repeat(32));
    Cli.Result shortNonce = verify(evidence, allow, "--nonce", "00", "--public-key", "00".repeat(32));

    assertThat(nonceOnly.exitCode()).isEqualTo(2);
    assertThat(nonceOnly.err()).contains("'--nonce' and '--public-key' must be given together");
    assertThat(both.exitCode()).isEqualTo(2);
    assertThat(shortNonce.exitCode()).isEqualTo(2);
    assertThat(shortNonce.err()).contains("option '--nonce' must be 16..64 bytes");
  }

  @Test
  void withoutAPolicySimulatedEvidenceIsOnlyCheckedForAuthenticityAndSaysSimulated() {
    Cli.Result r = Cli.run("attest", "verify", evidence.toString(), "--data-dir", data.toString());

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out()).contains("Evidence: SIMULATED", "!! SIMULATED evidence",
        "  PASS  authenticity: SIMULATED", "verdict:  ACCEPTED (SIMULATED evidence)");
  }
}
