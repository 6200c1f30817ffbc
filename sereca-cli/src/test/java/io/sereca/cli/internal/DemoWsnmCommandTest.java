package io.sereca.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.sereca.cli.Cli;
import io.sereca.cli.SerecaCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoWsnmCommandTest {

  @TempDir Path dir;

  @Test
  void theDemoStartsEveryServiceWithCasProvisionedEnclavesAndPrintsTheCredentials() throws Exception {
    int base = WsnmCommandTest.freeBasePort();
    Cli.Result r = Cli.run("demo", "wsnm", "--data-dir", dir.toString(), "--web-port", "0", "--cas-port", "0",
        "--modbus-base-port", String.valueOf(base), "--run-for", "3");
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(SerecaCommand.EXIT_OK);
    assertThat(r.out()).contains("SIMULATED").contains("WSNM manifest set for 5 services")
        .contains("wsnm-collector enclave", "wsnm-cache enclave", "wsnm-alarms enclave", "wsnm-storage enclave",
            "wsnm-web enclave")
        .contains("attested and provisioned by the CAS").contains("127.0.0.1:" + base)
        .containsPattern("dashboard: http://127\\.0\\.0\\.1:\\d+/wsnm/")
        .containsPattern("operator +password \\S{8,}").contains("WSNM stopped");
    assertThat(Files.exists(dir.resolve("wsnm-demo").resolve("wsnm").resolve("storage"))).isTrue();
  }

  @Test
  void aBadOptionIsAUsageErrorNamingIt() {
    Cli.Result r = Cli.run("demo", "wsnm", "--backend", "gramine-sgx");
    assertThat(r.exitCode()).isEqualTo(SerecaCommand.EXIT_USAGE);
    assertThat(r.err()).contains("backend must be sim or process");
    Cli.Result t = Cli.run("demo", "wsnm", "--time-factor", "0");
    assertThat(t.exitCode()).isEqualTo(SerecaCommand.EXIT_USAGE);
    assertThat(t.err()).contains("time factor 0 is not 1..86400");
  }
}
