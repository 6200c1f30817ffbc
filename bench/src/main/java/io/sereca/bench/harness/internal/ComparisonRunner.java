package io.sereca.bench.harness.internal;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Runs one comparison on a started {@link BenchCluster}: a warm-up of both targets, then Fig. 5
 * (pending counts at 1 KiB) and Figs. 6/7 (payload sizes at the best pending count). At every point
 * the baseline and the candidate run in alternating slices, so drift of the machine hits both.
 */
public final class ComparisonRunner {

  /** Pending count of the warm-up (the paper's optimum). */
  static final int WARMUP_PENDING = 128;

  private final Sender sender;
  private final Comparison comparison;
  private final List<Integer> pendingCounts;
  private final List<Integer> payloads;
  private final int fig5Payload;
  private final long settleMillis;
  private final long durationMillis;
  private final long warmupMillis;
  private final long sliceMillis;
  private final Progress progress;
  private int point;

  /**
   * @param sender the load generator on the cluster's sender JVM
   * @param progress receives one step per warm-up and per measured run
   */
  public ComparisonRunner(Sender sender, Comparison comparison, List<Integer> pendingCounts, List<Integer> payloads,
      int fig5Payload, long settleMillis, long durationMillis, long sliceMillis, long warmupMillis, Progress progress) {
    this.sender = sender;
    this.comparison = comparison;
    this.pendingCounts = List.copyOf(pendingCounts);
    this.payloads = List.copyOf(payloads);
    this.fig5Payload = fig5Payload;
    this.settleMillis = settleMillis;
    this.durationMillis = durationMillis;
    this.warmupMillis = warmupMillis;
    this.sliceMillis = sliceMillis;
    this.progress = progress;
  }

  /** Steps this runner reports to the progress bar. */
  public static int steps(int pendingCounts, int payloads) {
    return 2 + pendingCounts + payloads;
  }

  /** Runs everything. */
  public ComparisonResult run() {
    for (Target t : List.of(comparison.baseline(), comparison.candidate())) {
      progress.starting(comparison.key() + ": warm-up " + comparison.label(t));
      if (warmupMillis > 0) {
        await(sender.run(t, WARMUP_PENDING, fig5Payload, 0, warmupMillis));
      }
      progress.stepDone();
    }
    List<RunStats> fig5 = new ArrayList<>();
    for (int pending : pendingCounts) {
      fig5.addAll(measurePoint(pending, fig5Payload));
    }
    int best = bestPending(fig5);
    List<RunStats> fig6 = new ArrayList<>();
    for (int payload : payloads) {
      fig6.addAll(measurePoint(best, payload));
    }
    return new ComparisonResult(comparison, fig5, best, fig6);
  }

  /**
   * One point: the measured time is cut into slices of about {@code sliceMillis}; in each slice
   * both targets run back to back, in an order that alternates from slice to slice. A burst of
   * load from elsewhere on the machine then hits both targets nearly alike.
   */
  private List<RunStats> measurePoint(int pending, int payload) {
    int slices = (int) Math.max(1, Math.round((double) durationMillis / sliceMillis));
    long slice = Math.max(1, durationMillis / slices);
    Map<Target, List<Sender.Sample>> samples = new EnumMap<>(Target.class);
    List<Target> pair = List.of(comparison.baseline(), comparison.candidate());
    progress.starting(String.format(Locale.ROOT, "%s: %d pending, %s (%d x %d ms per series)", comparison.key(),
        pending, Payloads.label(payload), slices, slice));
    for (int i = 0; i < slices; i++) {
      boolean baselineFirst = (point + i) % 2 == 0;
      for (Target t : baselineFirst ? pair : List.of(pair.get(1), pair.get(0))) {
        samples.computeIfAbsent(t, k -> new ArrayList<>()).add(await(sender.run(t, pending, payload, settleMillis, slice)));
      }
    }
    point++;
    progress.stepDone();
    List<RunStats> out = new ArrayList<>();
    for (Target t : pair) {
      out.add(RunStats.of(t, pending, payload, samples.get(t)));
    }
    return out;
  }

  /** The pending count with the highest combined throughput of both targets. */
  private int bestPending(List<RunStats> fig5) {
    int best = pendingCounts.get(0);
    double bestThroughput = -1;
    for (int pending : pendingCounts) {
      double sum = ComparisonResult.find(fig5, comparison.baseline(), pending, fig5Payload).throughput()
          + ComparisonResult.find(fig5, comparison.candidate(), pending, fig5Payload).throughput();
      if (sum > bestThroughput) {
        bestThroughput = sum;
        best = pending;
      }
    }
    return best;
  }

  private Sender.Sample await(io.vertx.core.Future<Sender.Sample> run) {
    try {
      // Requests time out after 30 s each; the run cannot take much longer than that past its end.
      return run.await(settleMillis + durationMillis + warmupMillis + 2 * Sender.REQUEST_TIMEOUT_MILLIS,
          TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(comparison.key() + ": " + e.getMessage(), e);
    }
  }
}
