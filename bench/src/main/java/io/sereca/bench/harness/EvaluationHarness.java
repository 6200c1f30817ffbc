package io.sereca.bench.harness;

import io.sereca.bench.harness.internal.BenchCluster;
import io.sereca.bench.harness.internal.Charts;
import io.sereca.bench.harness.internal.Comparison;
import io.sereca.bench.harness.internal.ComparisonResult;
import io.sereca.bench.harness.internal.ComparisonRunner;
import io.sereca.bench.harness.internal.Progress;
import io.sereca.bench.harness.internal.ResultFiles;
import io.sereca.bench.harness.internal.Sender;
import io.sereca.bench.harness.internal.Summary;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Reproduces the Vert.x Vault evaluation (paper §6, Figs. 5-7) and the plain vs secure event bus
 * comparison on this machine: two JVMs clustered over 127.0.0.1 (Hazelcast, TCP event bus), a
 * sender in this one, the answering verticles in a child JVM.
 *
 * <pre>{@code
 * HarnessReport report = EvaluationHarness.run(
 *     new HarnessOptions().setSuite(BenchSuite.VAULT).setBackends(List.of("sim")), System.out);
 * }</pre>
 *
 * <p>Writes, per comparison ({@code vault-sim}, {@code vault-process}, {@code bus}), three CSV files
 * and three PNG charts into the output directory, and {@code summary.txt} with the printed
 * summary. Enclave backends here are SIMULATED; the figures measure costs, not protection.
 */
public final class EvaluationHarness {

  /** Held so the level sticks: Hazelcast's INFO lines would bury the progress bar. */
  private static final Logger HAZELCAST_LOG = Logger.getLogger("com.hazelcast");

  private EvaluationHarness() {}

  /**
   * Runs the suite.
   *
   * @param out where the progress bar and the summary go
   * @return the files written and the targets checked
   * @throws Exception if a JVM cannot start or a request fails (a run with failed requests measures
   *     nothing and is not reported)
   */
  public static HarnessReport run(HarnessOptions options, PrintWriter out) throws Exception {
    HarnessOptions o = new HarnessOptions(options);
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
    if (HAZELCAST_LOG.getLevel() == null) {
      HAZELCAST_LOG.setLevel(Level.WARNING);
    }
    Path dir = o.getOutputDirectory();
    Files.createDirectories(dir);
    if (o.getSuite() == BenchSuite.KEEPER) {
      var k = io.sereca.bench.harness.internal.KeeperComparison.run(dir, o.getWarmupMillis(),
          o.getDurationMillis() * 4, Math.min(o.getSliceMillis(), o.getDurationMillis()), out);
      out.print(k.summary());
      out.println("files:");
      k.files().forEach(f -> out.println("  " + f));
      return new HarnessReport(k.files(), k.verdicts());
    }
    if (o.getSuite() == BenchSuite.WSNM) {
      var w = io.sereca.bench.harness.internal.WsnmBenchmark.run(dir, o.getBackends(), o.getWarmupMillis(),
          o.getDurationMillis(), o.isQuick(), out);
      return new HarnessReport(w.files(), w.verdicts());
    }
    List<Comparison> comparisons = new ArrayList<>();
    if (o.getSuite() == BenchSuite.VAULT) {
      o.getBackends().forEach(b -> comparisons.add(Comparison.vault(b)));
    } else {
      comparisons.add(Comparison.bus());
    }
    List<Integer> pending = o.getPendingCounts();
    List<Integer> payloads = o.getPayloadSizes();
    out.printf("sereca bench %s%s: %d comparison(s); per point and series %.2f s measured in slices of %.2f s"
            + " (series alternating, %.2f s settle each); %.1f s warm-up per series; output in %s%n",
        o.getSuite().cliName(), o.isQuick() ? " --quick" : "", comparisons.size(), o.getDurationMillis() / 1000.0,
        Math.min(o.getSliceMillis(), o.getDurationMillis()) / 1000.0, o.getSettleMillis() / 1000.0,
        o.getWarmupMillis() / 1000.0, dir.toAbsolutePath());
    if (o.getSuite() == BenchSuite.VAULT) {
      out.println("Enclave backends sim and process are SIMULATED: no hardware protection; costs only.");
    }
    Progress progress = new Progress(out, comparisons.size() * ComparisonRunner.steps(pending.size(), payloads.size()),
        System.console() != null);
    List<Path> files = new ArrayList<>();
    List<TargetVerdict> verdicts = new ArrayList<>();
    StringBuilder summary = new StringBuilder();
    for (Comparison c : comparisons) {
      progress.starting(c.key() + ": starting the responder JVM");
      String backend = c.key().startsWith("vault-") ? c.key().substring("vault-".length()) : "sim";
      ComparisonResult result;
      try (BenchCluster cluster = BenchCluster.start(o.getSuite().cliName(), backend,
          dir.resolve(c.key() + "-responder.log"), o.getResponderJvmArgs())) {
        result = new ComparisonRunner(new Sender(cluster.vertx(), cluster.bus()), c, pending, payloads,
            HarnessOptions.FIG5_PAYLOAD, o.getSettleMillis(), o.getDurationMillis(), o.getSliceMillis(),
            o.getWarmupMillis(), progress)
            .run();
      }
      files.addAll(ResultFiles.write(result, dir));
      files.addAll(Charts.write(result, dir, o.isQuick()));
      if (o.isFullSweep()) {
        verdicts.addAll(Summary.verdicts(result));
      }
      summary.append(Summary.table(result, o.isQuick(), o.isFullSweep())).append('\n');
    }
    progress.finish();
    Path summaryFile = dir.resolve(o.getSuite().cliName() + "-summary.txt");
    Files.writeString(summaryFile, summary, StandardCharsets.UTF_8);
    files.add(summaryFile);
    out.println();
    out.print(summary);
    out.println("files:");
    files.forEach(f -> out.println("  " + f));
    return new HarnessReport(files, verdicts);
  }
}
