package io.sereca.bench.harness;

import static org.assertj.core.api.Assertions.assertThat;

import io.sereca.bench.harness.internal.WsnmBenchmark;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code --quick} WSNM benchmark runs end to end on the sim backend (real enclaves, real
 * collector journal, real SQLite, real alarm engine): readings get acknowledged by storage, alarm
 * probes raise and clear, the cache and the alarm manager saw every scan, and the CSV files and
 * targets are written. Checks that the harness works, not the numbers.
 */
class WsnmBenchmarkQuickTest {

  @TempDir Path out;

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void quickRunMeasuresThroughputAndAlarmLatencyAndChecksDelivery() throws Exception {
    StringWriter printed = new StringWriter();
    HarnessReport report = EvaluationHarness.run(new HarnessOptions().setQuick(true).setSuite(BenchSuite.WSNM)
        .setBackends(List.of("sim")).setOutputDirectory(out)
        .setDurationMillis(HarnessOptions.WSNM_QUICK_DURATION_MILLIS)
        .setWarmupMillis(HarnessOptions.WSNM_QUICK_WARMUP_MILLIS), new PrintWriter(printed, true));
    String text = printed.toString();
    System.out.println(text);

    assertThat(text).contains("SIMULATED", "[QUICK smoke run", "targets (issue 6):",
        "cache holds the last scan of every dam: yes").doesNotContain("INCOMPLETE");
    assertThat(report.verdicts()).extracting(TargetVerdict::name).containsExactly(
        "sim: sustained readings/s (storage-acknowledged)", "sim: alarm latency p99 at 20,000 readings/s");
    // Storage acknowledged readings. (The p99 may be NaN on a very slow machine: a probe whose
    // alarm event outlives the 4 s paced phase is not recorded; the CSV checks below need probes.)
    assertThat(report.verdicts().get(0).measured()).isPositive();
    assertThat(report.files()).allMatch(Files::isRegularFile);

    List<String> throughput = Files.readAllLines(out.resolve("wsnm-sim-throughput.csv"));
    assertThat(throughput.get(0)).isEqualTo(WsnmBenchmark.THROUGHPUT_HEADER);
    assertThat(throughput).anyMatch(row -> row.startsWith("saturation,")).anyMatch(row -> row.startsWith("paced,"));
    assertThat(throughput.subList(1, throughput.size()))
        .anyMatch(row -> Long.parseLong(row.split(",")[2]) > 0);

    List<String> latency = Files.readAllLines(out.resolve("wsnm-sim-latency.csv"));
    assertThat(latency.get(0)).isEqualTo(WsnmBenchmark.LATENCY_HEADER);
    // Probes alternate: both transitions were timed (over both phases).
    assertThat(latency).anyMatch(l -> l.contains(",raise,")).anyMatch(l -> l.contains(",clear,"));
    assertThat(Files.readString(out.resolve("wsnm-summary.txt"))).contains("p99 ms", "QUICK");
  }
}
