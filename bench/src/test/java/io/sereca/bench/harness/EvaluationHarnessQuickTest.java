package io.sereca.bench.harness;

import static org.assertj.core.api.Assertions.assertThat;

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
    List<String> names = ResultFiles.figureNames(key);
    List<String> fig5 = Files.readAllLines(out.resolve(names.get(0) + ".csv"));
    List<String> fig6 = Files.readAllLines(out.resolve(names.get(1) + ".csv"));
    List<String> fig7 = Files.readAllLines(out.resolve(names.get(2) + ".csv"));
    assertThat(fig5.get(0)).isEqualTo(ResultFiles.FIG5_HEADER);
    assertThat(fig6.get(0)).isEqualTo(ResultFiles.FIG6_HEADER);
    assertThat(fig7.get(0)).isEqualTo(ResultFiles.FIG7_HEADER);
    // Every pending count and payload size of the paper, for both series.
    int pendings = HarnessOptions.DEFAULT_PENDING_COUNTS.size();
    int payloads = HarnessOptions.DEFAULT_PAYLOAD_SIZES.size();
    assertThat(fig5).hasSize(1 + 2 * pendings);
    assertThat(fig6).hasSize(1 + 2 * payloads);
    assertThat(fig7).hasSize(1 + 2 * payloads);
    for (String series : List.of(baseline, candidate)) {
      for (int p : HarnessOptions.DEFAULT_PENDING_COUNTS) {
        assertThat(fig5).anyMatch(l -> l.startsWith(series + "," + p + ",1024,"));
      }
      for (int size : HarnessOptions.DEFAULT_PAYLOAD_SIZES) {
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
