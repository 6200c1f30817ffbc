package io.sereca.bench.harness.internal;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * How far a ratio measured in one run could move with that run's own slice-to-slice spread: a
 * percentile bootstrap over the paired slices of a point. Slice {@code i} of the baseline and of
 * the candidate ran back to back, so they are resampled together, and whatever load the machine
 * had then hits both. The interval says nothing about drift that spans the whole run (another
 * day, another host): only about the spread inside it.
 *
 * <p>The resampling uses a fixed seed, so the same measurements always give the same interval.
 */
final class SliceBootstrap {

  /** Resamples per interval. */
  static final int RESAMPLES = 4000;
  /** Two-sided level of the intervals. */
  static final double LEVEL = 0.95;
  private static final long SEED = 0x5e2eca;

  /** An interval; both bounds NaN when there were too few slices to resample. */
  record Interval(double low, double high) {
    static final Interval NONE = new Interval(Double.NaN, Double.NaN);
  }

  private SliceBootstrap() {}

  /** Candidate/baseline throughput over paired slices (at least 2, equally many on both sides). */
  static Interval throughputRatio(RunStats baseline, RunStats candidate) {
    int n = pairs(baseline, candidate);
    if (n < 2) {
      return Interval.NONE;
    }
    SplittableRandom random = new SplittableRandom(SEED);
    double[] stats = new double[RESAMPLES];
    int[] pick = new int[n];
    for (int r = 0; r < RESAMPLES; r++) {
      draw(random, pick);
      stats[r] = Totals.of(candidate, pick).throughput() / Totals.of(baseline, pick).throughput();
    }
    return percentiles(stats);
  }

  /**
   * The mean over points of (candidate mean response time / baseline's - 1) × 100, each point's
   * slices resampled independently of the other points'. Points given as {baseline, candidate}.
   */
  static Interval meanOverheadPercent(List<RunStats[]> points) {
    if (points.isEmpty()) {
      return Interval.NONE;
    }
    for (RunStats[] p : points) {
      if (pairs(p[0], p[1]) < 2) {
        return Interval.NONE;
      }
    }
    SplittableRandom random = new SplittableRandom(SEED);
    double[] stats = new double[RESAMPLES];
    int[][] picks = new int[points.size()][];
    for (int i = 0; i < picks.length; i++) {
      picks[i] = new int[points.get(i)[0].slices().size()];
    }
    for (int r = 0; r < RESAMPLES; r++) {
      double sum = 0;
      for (int i = 0; i < picks.length; i++) {
        draw(random, picks[i]);
        RunStats[] p = points.get(i);
        sum += (Totals.of(p[1], picks[i]).meanMicros() / Totals.of(p[0], picks[i]).meanMicros() - 1) * 100;
      }
      stats[r] = sum / picks.length;
    }
    return percentiles(stats);
  }

  /**
   * Candidate/baseline ratio of totals over paired slices of equal length (e.g. operations per
   * slice): {@code baseline[i]} and {@code candidate[i]} ran in the same round.
   */
  static Interval ratioOfTotals(long[] baseline, long[] candidate) {
    if (baseline.length != candidate.length || baseline.length < 2) {
      return Interval.NONE;
    }
    SplittableRandom random = new SplittableRandom(SEED);
    double[] stats = new double[RESAMPLES];
    int[] pick = new int[baseline.length];
    for (int r = 0; r < RESAMPLES; r++) {
      draw(random, pick);
      double b = 0;
      double c = 0;
      for (int i : pick) {
        b += baseline[i];
        c += candidate[i];
      }
      stats[r] = b == 0 ? Double.NaN : c / b;
    }
    return percentiles(stats);
  }

  private static int pairs(RunStats baseline, RunStats candidate) {
    int n = baseline.slices().size();
    return n == candidate.slices().size() ? n : 0;
  }

  private static void draw(SplittableRandom random, int[] pick) {
    for (int i = 0; i < pick.length; i++) {
      pick[i] = random.nextInt(pick.length);
    }
  }

  /** The totals of a point over drawn slices. */
  private record Totals(long requests, double seconds, double micros) {
    static Totals of(RunStats run, int[] pick) {
      long requests = 0;
      double seconds = 0;
      double micros = 0;
      for (int i : pick) {
        RunStats.Slice s = run.slices().get(i);
        requests += s.requests();
        seconds += s.seconds();
        micros += s.sumMicros();
      }
      return new Totals(requests, seconds, micros);
    }

    double throughput() {
      return requests / seconds;
    }

    double meanMicros() {
      return micros / requests;
    }
  }

  /** The central {@link #LEVEL} of the resampled statistics; NONE if any resample was undefined. */
  private static Interval percentiles(double[] stats) {
    for (double s : stats) {
      if (!Double.isFinite(s)) {
        return Interval.NONE;
      }
    }
    Arrays.sort(stats);
    double tail = (1 - LEVEL) / 2;
    return new Interval(stats[(int) Math.floor(tail * (stats.length - 1))],
        stats[(int) Math.ceil((1 - tail) * (stats.length - 1))]);
  }
}
