package io.sereca.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.sereca.attestation.Evidence;
import io.sereca.attestation.SimulatedEvidence;
import io.sereca.cli.Cli;
import io.sereca.host.EnclaveBundle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvidenceCommandTest {

  @TempDir
  Path tmp;

  @Test
  void writesSimulatedEvidenceForTheBundleBindingThePaddedReportData() throws Exception {
    Path bundle = Fixtures.signedBundle(tmp);
    Path out = tmp.resolve("evidence.bin");

    Cli.Result r = Cli.run("attest", "evidence", bundle.toString(), "--backend", "sim",
        "--report-data", "CAFE01", "--out", out.toString(), "--data-dir", tmp.resolve("data").toString());

    assertThat(r.exitCode()).as(r.toString()).isZero();
    Evidence evidence = SimulatedEvidence.parse(Files.readAllBytes(out));
    assertThat(evidence.simulated()).isTrue();
    assertThat(evidence.identity()).isEqualTo(EnclaveBundle.load(bundle).identity());
    assertThat(evidence.reportData()).isEqualTo(Arrays.copyOf(new byte[] {(byte) 0xca, (byte) 0xfe, 1}, 64));
    assertThat(r.out()).contains("SIMULATED").contains("wrote " + Files.size(out) + " bytes of evidence to " + out)
        .contains("simulation root: " + tmp.resolve("data/sim-platform/root-ca.pem"))
        .contains("--report-data " + HexFormat.of().formatHex(evidence.reportData()));
  }

  @Test
  void reportDataMustBeUpTo64BytesOfHex() throws Exception {
    Path bundle = Fixtures.signedBundle(tmp);
    String out = tmp.resolve("e.bin").toString();

    Cli.Result notHex = Cli.run("attest", "evidence", bundle.toString(), "--report-data", "xyz1", "--out", out);
    Cli.Result odd = Cli.run("attest", "evidence", bundle.toString(), "--report-data", "abc", "--out", out);
    Cli.Result tooLong = Cli.run("attest", "evidence", bundle.toString(), "--report-data", "00".repeat(65), "--out", out);

    assertThat(notHex.exitCode()).isEqualTo(2);
    assertThat(notHex.err()).contains("option '--report-data' must be hexadecimal");
    assertThat(odd.exitCode()).isEqualTo(2);
    assertThat(odd.err()).contains("odd number of hex digits");
    assertThat(tooLong.exitCode()).isEqualTo(2);
    assertThat(tooLong.err()).contains("must be 1..64 bytes (2..128 hex digits), was 65 bytes");
    assertThat(Path.of(out)).doesNotExist();
  }

  @Test
  void withoutOutIsAUsageError() throws Exception {
    Cli.Result r = Cli.run("attest", "evidence", "b.jar", "--report-data", "00");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("Missing required option: '--out=FILE'");
  }
}
