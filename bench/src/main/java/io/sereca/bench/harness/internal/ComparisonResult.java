package io.sereca.bench.harness.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * The runs of one comparison: the pending-count sweep (Fig. 5) and the payload sweep at the best
 * pending count (Figs. 6 and 7), each point measured for the baseline and the candidate.
 *
 * @param comparison what was compared
 * @param pendingSweep Fig. 5 runs, in the order measured
 * @param bestPending the pending count the payload sweep used
 * @param payloadSweep Figs. 6 and 7 runs, in the order measured
 */
public record ComparisonResult(Comparison comparison, List<RunStats> pendingSweep, int bestPending,
    List<RunStats> payloadSweep) {

  /** Copies the lists. */
  public ComparisonResult {
    pendingSweep = List.copyOf(pendingSweep);
    payloadSweep = List.copyOf(payloadSweep);
  }

  /** The run of {@code target} in {@code runs} at {@code pending} and {@code payload}. */
  static RunStats find(List<RunStats> runs, Target target, int pending, int payload) {
    for (RunStats r : runs) {
      if (r.target() == target && r.pending() == pending && r.payload() == payload) {
        return r;
      }
    }
    throw new IllegalArgumentException("no run of " + target + " at " + pending + " pending, " + payload + " B");
  }

  /** The runs of {@code target}, sorted by pending count then payload. */
  static List<RunStats> of(List<RunStats> runs, Target target) {
    List<RunStats> out = new ArrayList<>();
    for (RunStats r : runs) {
      if (r.target() == target) {
        out.add(r);
      }
    }
    out.sort((a, b) -> a.pending() != b.pending() ? Integer.compare(a.pending(), b.pending())
        : Integer.compare(a.payload(), b.payload()));
    return out;
  }

  /** Candidate/baseline throughput at the best pending count and {@code payload}. */
  public double throughputRatio(int payload) {
    return find(payloadSweep, comparison.candidate(), bestPending, payload).throughput()
        / find(payloadSweep, comparison.baseline(), bestPending, payload).throughput();
  }

  /** The 95% slice-bootstrap interval of {@link #throughputRatio} (NaN bounds with fewer than 2 slices). */
  SliceBootstrap.Interval throughputRatioInterval(int payload) {
    return SliceBootstrap.throughputRatio(find(payloadSweep, comparison.baseline(), bestPending, payload),
        find(payloadSweep, comparison.candidate(), bestPending, payload));
  }

  /** Candidate's mean response time over the baseline's, minus 1, in percent, at {@code payload}. */
  public double responseTimeOverheadPercent(int payload) {
    return (find(payloadSweep, comparison.candidate(), bestPending, payload).meanMicros()
        / find(payloadSweep, comparison.baseline(), bestPending, payload).meanMicros() - 1) * 100;
  }

  /** The mean of {@link #responseTimeOverheadPercent} over the payloads in {@code [from, to]}. */
  public double meanOverheadPercent(int from, int to) {
    double sum = 0;
    int n = 0;
    for (RunStats r : of(payloadSweep, comparison.baseline())) {
      if (r.payload() >= from && r.payload() <= to) {
        sum += responseTimeOverheadPercent(r.payload());
        n++;
      }
    }
    return n == 0 ? Double.NaN : sum / n;
  }

  /** The 95% slice-bootstrap interval of {@link #meanOverheadPercent}. */
  SliceBootstrap.Interval meanOverheadInterval(int from, int to) {
    List<RunStats[]> points = new ArrayList<>();
    for (RunStats r : of(payloadSweep, comparison.baseline())) {
      if (r.payload() >= from && r.payload() <= to) {
        points.add(new RunStats[] {r, find(payloadSweep, comparison.candidate(), bestPending, r.payload())});
      }
    }
    return SliceBootstrap.meanOverheadPercent(points);
  }
}
