package io.sereca.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.sereca.cli.Cli;
import io.sereca.cli.SerecaCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sereca bench}: argument handling and a quick keeper run. The harness itself is
 * exercised end to end by sereca-bench's EvaluationHarnessQuickTest.
 */
class BenchCommandTest {

  @TempDir Path dir;

  @Test
  void quickKeeperRunWritesTheComparisonAndTheTarget() throws Exception {
    Cli.Result r = Cli.run("bench", "keeper", "--quick", "--out", dir.toString());
    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out()).contains("SIMULATED", "ratio keeper/zookeeper", "in-server/zookeeper",
        "proxy/plain ZooKeeper throughput", "in-server/plain ZooKeeper throughput");
    java.util.List<String> csv = java.nio.file.Files.readAllLines(dir.resolve("keeper.csv"));
    assertThat(csv).hasSize(5);
    assertThat(csv.get(0)).startsWith("series,ops,seconds,throughput_ops_s");
    assertThat(csv.get(1)).startsWith("zookeeper,");
    assertThat(csv.get(2)).startsWith("keeper,");
    assertThat(csv.get(3)).startsWith("in-server,");
    assertThat(csv.get(4)).startsWith("relay,");
    for (String row : csv.subList(1, 5)) {
      assertThat(Long.parseLong(row.split(",")[1])).as("operations completed in " + row).isPositive();
    }
    byte[] png = java.nio.file.Files.readAllBytes(dir.resolve("keeper-throughput.png"));
    assertThat(java.util.Arrays.copyOf(png, 4)).isEqualTo(new byte[] {(byte) 0x89, 'P', 'N', 'G'});
  }

  @Test
  void unknownBenchmarkIsAUsageErrorNamingTheChoices() {
    Cli.Result r = Cli.run("bench", "zookeeper");
    assertThat(r.exitCode()).isEqualTo(SerecaCommand.EXIT_USAGE);
    assertThat(r.err()).contains("unknown benchmark 'zookeeper'").contains("vault, bus, keeper");
  }

  @Test
  void unknownBackendIsAUsageErrorNamingTheOption() {
    Cli.Result r = Cli.run("bench", "vault", "--backend", "sgx", "--out", dir.resolve("x").toString());
    assertThat(r.exitCode()).isEqualTo(SerecaCommand.EXIT_USAGE);
    assertThat(r.err()).contains("--backend: unknown backend 'sgx'");
    assertThat(Files.exists(dir.resolve("x"))).isFalse();
  }

  @Test
  void wsnmWithAnUnknownBackendIsAUsageErrorAndStartsNothing() {
    Cli.Result r = Cli.run("bench", "wsnm", "--quick", "--backend", "sgx", "--out", dir.resolve("w").toString());
    assertThat(r.exitCode()).isEqualTo(SerecaCommand.EXIT_USAGE);
    assertThat(r.err()).contains("--backend: unknown backend 'sgx'");
    assertThat(Files.exists(dir.resolve("w"))).isFalse();
  }

  @Test
  void durationOutOfRangeIsAUsageErrorNamingTheOption() {
    Cli.Result r = Cli.run("bench", "bus", "--duration", "0.01");
    assertThat(r.exitCode()).isEqualTo(SerecaCommand.EXIT_USAGE);
    assertThat(r.err()).contains("--duration: must be between 0.1 s and 600 s");
  }

  @Test
  void pointListsAreCheckedAndOnlyForVaultAndBus() {
    String p = dir.resolve("p").toString();
    assertThat(usageError("bench", "bus", "--pending", "4,0", "--out", p))
        .contains("--pending: must be between 1 and 4096, was 0");
    assertThat(usageError("bench", "vault", "--payloads", "-5", "--out", p))
        .contains("--payloads: must be between 0 and 4194304, was -5");
    assertThat(usageError("bench", "keeper", "--pending", "4", "--out", p))
        .contains("--pending and --payloads apply to vault and bus only, not to keeper");
    assertThat(usageError("bench", "bus", "--payloads", "1k", "--out", p)).contains("--payloads");
    assertThat(Files.exists(dir.resolve("p"))).isFalse();
  }

  /** Runs the command, requires a usage error, and returns its stderr. */
  private static String usageError(String... args) {
    Cli.Result r = Cli.run(args);
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(SerecaCommand.EXIT_USAGE);
    return r.err();
  }

  @Test
  void negativeWarmupIsAUsageError() {
    Cli.Result r = Cli.run("bench", "bus", "--warmup", "-1");
    assertThat(r.exitCode()).isEqualTo(SerecaCommand.EXIT_USAGE);
    assertThat(r.err()).contains("--warmup: must be between 0 s and 600 s");
  }

  @Test
  void helpListsTheFourBenchmarks() {
    Cli.Result r = Cli.run("bench", "--help");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("vault", "bus", "keeper", "wsnm", "--quick", "--out", "--backend", "--duration",
        "--warmup");
  }
}
