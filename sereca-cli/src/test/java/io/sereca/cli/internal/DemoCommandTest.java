package io.sereca.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.sereca.cli.Cli;
import io.sereca.host.EnclaveBundle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCommandTest {

  @TempDir
  Path data;

  @Test
  void runsEndToEndOnTheSimBackend() throws Exception {
    Cli.Result r = Cli.run("demo", "--data-dir", data.toString());

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out()).contains(
        "!! SIMULATED backend 'sim'",
        "[1/9] bundle signed and measured: hello-enclave",
        "signing key  " + data.resolve("demo/signer.key") + " (generated now)",
        "[2/9] enclave launched on backend sim (SIMULATED, not hardware protection)",
        "[enclave INFO] hello enclave ready",
        "[3/9] attestation: nonce -> evidence -> verified",
        "allowSimulation=true (set explicitly, for this demo only)",
        "verdict      ACCEPTED (SIMULATED evidence)",
        "[4/9] the default policy (allowSimulation=false) refuses the same evidence",
        "verdict      REFUSED: simulated evidence refused: policy.allowSimulation is false",
        "before       hello.sign -> FAILED 412: no greeting.key provisioned yet",
        "reply        Hello, SERECA!",
        "(matches the demo's own HMAC)",
        "unsealed     sealed by the demo",
        "[host] host.clock asked by the enclave",
        "reply        the host says it is ");
    assertThat(r.out().strip().lines().reduce((a, b) -> b)).hasValueSatisfying(
        last -> assertThat(last).startsWith("demo OK"));
    assertThat(r.err()).isEmpty();
    // What the demo shows is what 'sereca enclave measure' says about the bundle it left behind.
    EnclaveBundle bundle = EnclaveBundle.load(data.resolve("demo/hello-enclave.signed.jar"));
    assertThat(Fixtures.field(r.out(), "measurement")).isEqualTo(HexFormat.of().formatHex(bundle.measurement()));
    assertThat(Files.readString(data.resolve("demo/demo-policy.yaml"))).contains("allowSimulation: true");
  }

  @Test
  void runsEndToEndOnTheProcessBackend() {
    Cli.Result r = Cli.run("demo", "--backend", "process", "--data-dir", data.toString());

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out()).contains("!! SIMULATED backend 'process'", "[9/9]", "demo OK");
  }

  @Test
  void reusesItsKeySoTheMeasurementAndSignerStayTheSame() {
    Cli.Result first = Cli.run("demo", "--data-dir", data.toString());
    Cli.Result second = Cli.run("demo", "--data-dir", data.toString());

    assertThat(second.exitCode()).as(second.toString()).isZero();
    assertThat(second.out()).contains("signing key  " + data.resolve("demo/signer.key") + " (reused)");
    assertThat(Fixtures.field(second.out(), "measurement")).isEqualTo(Fixtures.field(first.out(), "measurement"));
    assertThat(Fixtures.field(second.out(), "signer")).isEqualTo(Fixtures.field(first.out(), "signer"));
  }

  @Test
  void aFailedStepEndsTheDemoWithItsReason() throws Exception {
    Files.createDirectories(data.resolve("demo"));
    Files.writeString(data.resolve("demo/signer.pub"), "orphan");

    Cli.Result r = Cli.run("demo", "--data-dir", data.toString());

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).startsWith("sereca: demo failed at step 1/9 (bundle signed and measured: ")
        .contains("is incomplete (only signer.pub exists)").hasLineCount(1);
    assertThat(r.out()).doesNotContain("demo OK");
  }

  @Test
  void unknownBackendIsAUsageError() {
    Cli.Result r = Cli.run("demo", "--backend", "quantum", "--data-dir", data.toString());

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("unknown backend 'quantum'");
  }

  @Test
  void aHardwareBackendWithoutItsHardwareFailsSayingWhatIsMissing() {
    Cli.Result r = Cli.run("demo", "--backend", "tdx", "--data-dir", data.toString());

    assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
    assertThat(r.err()).contains("configfs-tsm").hasLineCount(1);
    assertThat(r.out()).doesNotContain("SIMULATED backend").doesNotContain("demo OK");
  }
}
