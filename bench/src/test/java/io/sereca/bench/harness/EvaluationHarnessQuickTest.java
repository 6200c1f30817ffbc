package io.sereca.bench.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sereca.bench.harness.internal.ResultFiles;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code --quick} harness runs end to end (two JVMs, real Hazelcast, real enclaves) and writes
 * every CSV row and PNG chart it promises. Checks that the harness works, not the numbers.
 */
class EvaluationHarnessQuickTest {

  @TempDir Path out;

  @Test
  @Timeout(value = 180, unit = TimeUnit.SECONDS)
  void quickVaultRunOnBothBackendsWritesEveryFigureAndTheTargets() throws Exception {
    HarnessReport report = run(HarnessOptions.quick().setSuite(BenchSuite.VAULT)
        .setBackends(List.of("sim", "process")).setOutputDirectory(out));

    for (String key : List.of("vault-sim", "vault-process")) {
      assertFigures(key, "regular verticle", "secure verticle (" + key.substring(6) + ")");
    }
    assertThat(report.verdicts()).extracting(TargetVerdict::name).containsExactly(
        "sim: secure/regular throughput at 1 KiB",
        "sim: response-time overhead, 0-512 B (mean)",
        "sim: response-time overhead, 512 B-256 KiB (mean)",
        "process: response-time overhead, 0-512 B (mean)",
        "process: response-time overhead, 512 B-256 KiB (mean)");
    assertThat(report.verdicts()).allMatch(v -> Double.isFinite(v.measured()));
    // One 0.2 s slice per point: nothing to resample, so no interval is claimed.
    assertThat(report.verdicts()).noneMatch(TargetVerdict::hasInterval);
    assertThat(Files.readString(out.resolve("vault-summary.txt"))).contains("QUICK", "targets (issue 7)");
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void quickBusRunWritesEveryFigureAndTheIssue3Target() throws Exception {
    HarnessReport report = run(HarnessOptions.quick().setSuite(BenchSuite.BUS).setOutputDirectory(out));

    assertFigures("bus", "plain bus", "secure bus");
    assertThat(report.verdicts()).singleElement()
        .satisfies(v -> assertThat(v.name()).contains("secure/plain request-reply throughput at 1 KiB"));
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void chosenPointsAreMeasuredAloneAndTheBandTargetsAreNotChecked() throws Exception {
    HarnessOptions options = HarnessOptions.quick().setSuite(BenchSuite.BUS).setOutputDirectory(out)
        .setPendingCounts(List.of(256, 4, 4)).setPayloadSizes(List.of(4096, 0));
    assertThat(options.getPendingCounts()).containsExactly(4, 256);
    assertThat(options.isFullSweep()).isFalse();
    StringWriter printed = new StringWriter();
    HarnessReport report = EvaluationHarness.run(options, new PrintWriter(printed, true));

    assertFigures("bus", "plain bus", "secure bus", List.of(4, 256), List.of(0, 4096));
    assertThat(report.verdicts()).isEmpty();
    assertThat(Files.readString(out.resolve("bus-summary.txt")))
        .contains("not checked: --pending/--payloads measured a subset");
  }

  @Test
  void pointListsOutOfRangeAreRefusedNamingTheOption() {
    HarnessOptions o = new HarnessOptions();
    assertThat(o.isFullSweep()).isTrue();
    assertThatThrownBy(() -> o.setPendingCounts(List.of(0)))
        .hasMessage("pending: must be between 1 and 4096, was 0");
    assertThatThrownBy(() -> o.setPayloadSizes(List.of(64, -1)))
        .hasMessage("payloads: must be between 0 and 4194304, was -1");
    assertThatThrownBy(() -> o.setPayloadSizes(List.of()))
        .hasMessage("payloads: at least one value");
    assertThat(o.getPayloadSizes()).isEqualTo(HarnessOptions.DEFAULT_PAYLOAD_SIZES);
  }

  private HarnessReport run(HarnessOptions options) throws Exception {
    StringWriter printed = new StringWriter();
    HarnessReport report = EvaluationHarness.run(options, new PrintWriter(printed, true));
    String text = printed.toString();
    System.out.println(text);
    assertThat(text).contains("[QUICK smoke run", "ratio", "targets (issue 7):");
    assertThat(report.files()).allMatch(Files::isRegularFile);
    return report;
  }

  private void assertFigures(String key, String baseline, String candidate) throws Exception {
    assertFigures(key, baseline, candidate, HarnessOptions.DEFAULT_PENDING_COUNTS,
        HarnessOptions.DEFAULT_PAYLOAD_SIZES);
  }

  private void assertFigures(String key, String baseline, String candidate, List<Integer> pendingCounts,
      List<Integer> payloadSizes) throws Exception {
    List<String> names = ResultFiles.figureNames(key);
    List<String> fig5 = Files.readAllLines(out.resolve(names.get(0) + ".csv"));
    List<String> fig6 = Files.readAllLines(out.resolve(names.get(1) + ".csv"));
    List<String> fig7 = Files.readAllLines(out.resolve(names.get(2) + ".csv"));
    assertThat(fig5.get(0)).isEqualTo(ResultFiles.FIG5_HEADER);
    assertThat(fig6.get(0)).isEqualTo(ResultFiles.FIG6_HEADER);
    assertThat(fig7.get(0)).isEqualTo(ResultFiles.FIG7_HEADER);
    // Every pending count and payload size asked for (by default the paper's), for both series.
    int pendings = pendingCounts.size();
    int payloads = payloadSizes.size();
    assertThat(fig5).hasSize(1 + 2 * pendings);
    assertThat(fig6).hasSize(1 + 2 * payloads);
    assertThat(fig7).hasSize(1 + 2 * payloads);
    for (String series : List.of(baseline, candidate)) {
      for (int p : pendingCounts) {
        assertThat(fig5).anyMatch(l -> l.startsWith(series + "," + p + ",1024,"));
      }
      for (int size : payloadSizes) {
        assertThat(fig6).anyMatch(l -> l.startsWith(series + "," + size + ","));
        assertThat(fig7).anyMatch(l -> l.startsWith(series + "," + size + ","));
      }
    }
    // Every run completed requests (a run with failed requests fails the harness instead).
    for (List<String> csv : List.of(fig5, fig6, fig7)) {
      for (String row : csv.subList(1, csv.size())) {
        assertThat(Long.parseLong(row.split(",")[3])).as(row).isPositive();
      }
    }
    for (String name : names) {
      BufferedImage png = ImageIO.read(out.resolve(name + ".png").toFile());
      assertThat(png).as(name + ".png").isNotNull();
      assertThat(png.getWidth()).isGreaterThan(100);
    }
  }
}
