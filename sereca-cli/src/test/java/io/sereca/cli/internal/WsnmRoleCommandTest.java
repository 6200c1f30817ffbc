package io.sereca.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.sereca.cli.Cli;
import io.sereca.cli.SerecaCommand;
import io.sereca.wsnm.Dam;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code sereca wsnm --role ...}: refused options name themselves (exit 2); one process with all
 * roles as a one-member cluster, with event-bus TLS from the dev PKI, starts and stops. The
 * multi-process cluster is tested in apps/wsnm (WsnmDistributedTest), on the same WsnmNode calls.
 */
class WsnmRoleCommandTest {

  @TempDir Path dir;

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "--role storage                                   | '--cluster-port'",
      "--role nonsense --cluster-port 5701              | unknown WSNM role 'nonsense'",
      "--role storage --cluster-port 70000              | '--cluster-port'",
      "--role storage --members 5701                    | '--members' needs '--cluster-port'",
      "--role all --backend tdx                         | '--backend'",
      "--role all --db mysql://h/db                     | '--db'",
      "--role all --seed -1                             | '--seed'",
      "--role all --scan-interval 0                     | '--scan-interval'",
      "--role all --time-factor 0                       | '--time-factor'",
      "--role all --poll-interval-ms 0                  | '--poll-interval-ms'",
      "--role all --web-port 70000                      | '--web-port'",
      "--role all --modbus-base-port 65530              | '--modbus-base-port'",
      "--role cas --cluster-port 5701 --members 5702,x  | --members",
  })
  void badOptionsAreUsageErrorsNamingTheOption(String args, String expected) {
    String[] argv = ("wsnm --data-dir " + dir + " " + args.trim()).split("\\s+");
    Cli.Result r = Cli.run(argv);
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(SerecaCommand.EXIT_USAGE);
    assertThat(r.err()).as(r.toString()).contains(expected);
    assertThat(dir.resolve("wsnm")).as("nothing started").doesNotExist();
  }

  @Test
  void wsnmWithoutRoleOrSubcommandIsAUsageError() {
    Cli.Result r = Cli.run("wsnm");
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(SerecaCommand.EXIT_USAGE);
    assertThat(r.err()).contains("--role").contains("simulator");
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  @Test
  void allRolesAsAOneMemberClusterWithEventBusTlsStartPrintCredentialsAndStop() throws Exception {
    int base = freePort();
    while (base + Dam.values().length > 65535) {
      base = freePort();
    }
    Cli.Result r = Cli.run("wsnm", "--role", "cas,storage,cache,alarms,web", "--role", "simulator,collector",
        "--data-dir", dir.toString(), "--cluster-port", Integer.toString(freePort()),
        "--web-port", "0", "--cas-port", "0", "--modbus-base-port", Integer.toString(base),
        "--time-factor", "60", "--scan-interval", "60", "--poll-interval-ms", "200", "--run-for", "3");
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(SerecaCommand.EXIT_OK);
    assertThat(r.out()).contains("!! SIMULATED backend 'sim'").contains("SIMULATED dam data loggers")
        .contains("mutual TLS 1.3").contains("attested and provisioned by the CAS")
        .contains("started        data collector").contains("dashboard      http://127.0.0.1:")
        .contains("dashboard users").containsPattern("operator +\\S{8,}").contains("wsnm node stopped");
    assertThat(Files.exists(dir.resolve("pki").resolve("ca.pem"))).as("dev PKI under the data dir").isTrue();
  }
}
