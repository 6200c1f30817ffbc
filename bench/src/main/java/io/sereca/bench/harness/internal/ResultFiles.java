package io.sereca.bench.harness.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The CSV files of one comparison, one per figure, one row per series and point:
 * {@code <key>-fig5-pending.csv}, {@code <key>-fig6-payload-throughput.csv},
 * {@code <key>-fig7-payload-response-time.csv}. Times in microseconds, traffic in MiB/s of
 * payload in both directions.
 */
public final class ResultFiles {

  /** Header of the Fig. 5 file. */
  public static final String FIG5_HEADER =
      "series,pending,payload_bytes,requests,seconds,throughput_rps,mean_us,p50_us,p99_us";
  /** Header of the Fig. 6 file. */
  public static final String FIG6_HEADER = "series,payload_bytes,pending,requests,seconds,throughput_rps,traffic_mib_s";
  /** Header of the Fig. 7 file. */
  public static final String FIG7_HEADER = "series,payload_bytes,pending,requests,mean_us,p50_us,p99_us";

  private ResultFiles() {}

  /** File names (without directory) of a comparison's figures, without extension. */
  public static List<String> figureNames(String key) {
    return List.of(key + "-fig5-pending", key + "-fig6-payload-throughput", key + "-fig7-payload-response-time");
  }

  /** Writes the three CSV files into {@code dir}; returns their paths. */
  public static List<Path> write(ComparisonResult result, Path dir) throws IOException {
    Comparison c = result.comparison();
    List<String> names = figureNames(c.key());
    List<String> fig5 = new ArrayList<>(List.of(FIG5_HEADER));
    List<String> fig6 = new ArrayList<>(List.of(FIG6_HEADER));
    List<String> fig7 = new ArrayList<>(List.of(FIG7_HEADER));
    for (Target t : List.of(c.baseline(), c.candidate())) {
      for (RunStats r : ComparisonResult.of(result.pendingSweep(), t)) {
        fig5.add(String.format(Locale.ROOT, "%s,%d,%d,%d,%.3f,%.1f,%.1f,%.1f,%.1f", c.label(t), r.pending(),
            r.payload(), r.requests(), r.seconds(), r.throughput(), r.meanMicros(), r.p50Micros(), r.p99Micros()));
      }
      for (RunStats r : ComparisonResult.of(result.payloadSweep(), t)) {
        fig6.add(String.format(Locale.ROOT, "%s,%d,%d,%d,%.3f,%.1f,%.3f", c.label(t), r.payload(), r.pending(),
            r.requests(), r.seconds(), r.throughput(), r.trafficMibPerSecond()));
        fig7.add(String.format(Locale.ROOT, "%s,%d,%d,%d,%.1f,%.1f,%.1f", c.label(t), r.payload(), r.pending(),
            r.requests(), r.meanMicros(), r.p50Micros(), r.p99Micros()));
      }
    }
    List<Path> out = new ArrayList<>();
    List<List<String>> contents = List.of(fig5, fig6, fig7);
    for (int i = 0; i < 3; i++) {
      Path file = dir.resolve(names.get(i) + ".csv");
      Files.write(file, contents.get(i), StandardCharsets.UTF_8);
      out.add(file);
    }
    return out;
  }
}
