package io.sereca.bench.harness.internal;

import io.sereca.bench.harness.TargetVerdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The summary of a harness run: per comparison a table of both series side by side with the
 * candidate/baseline ratios, and the targets of issue 7 marked met or missed.
 */
public final class Summary {

  /** Payload of the throughput target. */
  static final int KIB = 1024;
  /** Upper end of the small-payload band (paper: 0-512 B), lower end of the large one. */
  static final int SMALL_MAX = 512;

  private Summary() {}

  /** The targets for {@code result}. */
  public static List<TargetVerdict> verdicts(ComparisonResult result) {
    Comparison c = result.comparison();
    List<TargetVerdict> out = new ArrayList<>();
    if (c.candidate() == Target.SECURE_VERTICLE) {
      String backend = c.key().substring("vault-".length());
      boolean sim = backend.equals("sim");
      if (sim) {
        out.add(ratio(backend + ": secure/regular throughput at 1 KiB", result, 0.95));
      }
      out.add(overhead(backend + ": response-time overhead, 0-512 B (mean)", result, 0, SMALL_MAX, sim ? 15 : 30));
      out.add(overhead(backend + ": response-time overhead, 512 B-256 KiB (mean)", result, SMALL_MAX, 256 * KIB,
          sim ? 8 : 15));
    } else {
      out.add(ratio("bus: secure/plain request-reply throughput at 1 KiB (issue 3)", result, 0.9));
    }
    return out;
  }

  private static TargetVerdict ratio(String name, ComparisonResult result, double threshold) {
    SliceBootstrap.Interval ci = result.throughputRatioInterval(KIB);
    return new TargetVerdict(name, result.throughputRatio(KIB), threshold, true, "x", ci.low(), ci.high());
  }

  private static TargetVerdict overhead(String name, ComparisonResult result, int from, int to, double threshold) {
    SliceBootstrap.Interval ci = result.meanOverheadInterval(from, to);
    return new TargetVerdict(name, result.meanOverheadPercent(from, to), threshold, false, "%", ci.low(), ci.high());
  }

  /**
   * The table and verdicts of one comparison, as printed.
   *
   * @param fullSweep whether every point of the paper was measured; else the targets, which average
   *     over payload bands, are not checked
   */
  public static String table(ComparisonResult result, boolean quick, boolean fullSweep) {
    Comparison c = result.comparison();
    StringBuilder sb = new StringBuilder();
    sb.append("== ").append(c.title()).append(quick ? "  [QUICK smoke run: numbers not meaningful]" : "")
        .append('\n');
    sb.append(String.format(Locale.ROOT, "Fig. 5, 1 KiB: throughput (req/s) and mean response time (us);"
        + " ratio = %s / %s%n", c.candidateLabel(), c.baselineLabel()));
    sb.append(String.format(Locale.ROOT, "%8s %12s %12s %7s %10s %10s %8s%n", "pending", "base req/s",
        "cand req/s", "ratio", "base mean", "cand mean", "overhead"));
    for (RunStats b : ComparisonResult.of(result.pendingSweep(), c.baseline())) {
      RunStats s = ComparisonResult.find(result.pendingSweep(), c.candidate(), b.pending(), b.payload());
      sb.append(String.format(Locale.ROOT, "%8d %12.0f %12.0f %7.3f %10.1f %10.1f %7.1f%%%n", b.pending(),
          b.throughput(), s.throughput(), s.throughput() / b.throughput(), b.meanMicros(), s.meanMicros(),
          (s.meanMicros() / b.meanMicros() - 1) * 100));
    }
    sb.append(String.format(Locale.ROOT, "Figs. 6/7 at %d pending (best of Fig. 5): throughput, mean/p50/p99"
        + " response time (us)%n", result.bestPending()));
    sb.append(String.format(Locale.ROOT, "%8s %11s %11s %6s %9s %9s %8s %8s %8s %8s %8s%n", "payload",
        "base req/s", "cand req/s", "ratio", "base mean", "cand mean", "overhead", "base p50", "cand p50",
        "base p99", "cand p99"));
    for (RunStats b : ComparisonResult.of(result.payloadSweep(), c.baseline())) {
      RunStats s = ComparisonResult.find(result.payloadSweep(), c.candidate(), b.pending(), b.payload());
      sb.append(String.format(Locale.ROOT, "%8s %11.0f %11.0f %6.3f %9.1f %9.1f %7.1f%% %8.1f %8.1f %8.1f %8.1f%n",
          Payloads.label(b.payload()), b.throughput(), s.throughput(), s.throughput() / b.throughput(),
          b.meanMicros(), s.meanMicros(), (s.meanMicros() / b.meanMicros() - 1) * 100, b.p50Micros(),
          s.p50Micros(), b.p99Micros(), s.p99Micros()));
    }
    if (!fullSweep) {
      sb.append("targets (issue 7): not checked: --pending/--payloads measured a subset of the paper's points\n");
      return sb.toString();
    }
    sb.append(String.format(Locale.ROOT, "response-time overhead (mean of the per-payload overheads):"
        + " 0-512 B %.1f%%, 512 B-256 KiB %.1f%%, all %.1f%% (paper: 83.1%%, 26.2%%, 8.7%% overall)%n",
        result.meanOverheadPercent(0, SMALL_MAX), result.meanOverheadPercent(SMALL_MAX, 256 * KIB),
        result.meanOverheadPercent(0, 256 * KIB)));
    List<TargetVerdict> verdicts = verdicts(result);
    // A run of one slice per point (--quick) has nothing to resample: no interval is claimed.
    sb.append(verdicts.stream().anyMatch(TargetVerdict::hasInterval)
        ? "targets (issue 7), with 95% intervals over this run's paired slices (bootstrap):\n"
        : "targets (issue 7):\n");
    for (TargetVerdict v : verdicts) {
      sb.append("  ").append(v.describe()).append('\n');
    }
    return sb.toString();
  }
}
