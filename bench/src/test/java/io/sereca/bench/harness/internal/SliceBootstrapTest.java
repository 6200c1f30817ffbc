package io.sereca.bench.harness.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The slice bootstrap behind the harness's 95% intervals. */
class SliceBootstrapTest {

  /** A point whose slices ran at the given throughputs (1 s each) and mean response times. */
  private static RunStats point(Target t, double[] throughputs, double[] meanMicros) {
    List<RunStats.Slice> slices = new ArrayList<>();
    long requests = 0;
    for (int i = 0; i < throughputs.length; i++) {
      long n = Math.round(throughputs[i]);
      slices.add(new RunStats.Slice(n, 1.0, n * meanMicros[i]));
      requests += n;
    }
    return new RunStats(t, 128, 1024, requests, throughputs.length, 0, 0, 0, slices);
  }

  private static double[] times(double[] v, double f) {
    double[] out = v.clone();
    for (int i = 0; i < out.length; i++) {
      out[i] *= f;
    }
    return out;
  }

  @Test
  void aCandidateAtAFixedShareOfEverySliceGivesAnIntervalOfThatShareAlone() {
    // The machine's load swings by 2x from slice to slice, but hits both series alike.
    double[] base = {100_000, 50_000, 80_000, 120_000, 60_000, 90_000};
    double[] rt = {100, 200, 125, 80, 160, 110};
    SliceBootstrap.Interval ci = SliceBootstrap.throughputRatio(point(Target.PLAIN, base, rt),
        point(Target.REGULAR, times(base, 0.9), rt));

    assertThat(ci.low()).isCloseTo(0.9, within(1e-4));
    assertThat(ci.high()).isCloseTo(0.9, within(1e-4));
  }

  @Test
  void pairingCancelsLoadThatHitsBothSeriesOfASlice() {
    Random r = new Random(1);
    int n = 20;
    double[] base = new double[n];
    double[] cand = new double[n];
    double[] rt = new double[n];
    for (int i = 0; i < n; i++) {
      double load = 50_000 + r.nextInt(100_000);
      base[i] = load;
      cand[i] = load * (0.9 + 0.02 * r.nextGaussian());
      rt[i] = 100;
    }
    SliceBootstrap.Interval paired = SliceBootstrap.throughputRatio(point(Target.PLAIN, base, rt),
        point(Target.REGULAR, cand, rt));
    // The same candidate slices, but each paired with another slice's baseline.
    double[] shifted = new double[n];
    for (int i = 0; i < n; i++) {
      shifted[i] = cand[(i + 7) % n];
    }
    SliceBootstrap.Interval unpaired = SliceBootstrap.throughputRatio(point(Target.PLAIN, base, rt),
        point(Target.REGULAR, shifted, rt));

    assertThat(paired.low()).isLessThan(0.9).isGreaterThan(0.87);
    assertThat(paired.high()).isGreaterThan(0.9).isLessThan(0.93);
    assertThat(unpaired.high() - unpaired.low()).isGreaterThan(3 * (paired.high() - paired.low()));
  }

  @Test
  void theSameMeasurementsAlwaysGiveTheSameInterval() {
    double[] base = {10, 12, 9, 11, 10};
    double[] cand = {9, 11, 9, 10, 8};
    double[] rt = {1, 1, 1, 1, 1};
    SliceBootstrap.Interval a = SliceBootstrap.throughputRatio(point(Target.PLAIN, base, rt), point(Target.REGULAR, cand, rt));
    SliceBootstrap.Interval b = SliceBootstrap.throughputRatio(point(Target.PLAIN, base, rt), point(Target.REGULAR, cand, rt));
    assertThat(a).isEqualTo(b);
    assertThat(a.low()).isLessThan(a.high());
  }

  @Test
  void theBandOverheadIsTheMeanOfPerPointOverheads() {
    double[] tp = {1000, 1000, 1000};
    RunStats[] small = {point(Target.REGULAR, tp, new double[] {100, 120, 90}),
        point(Target.SECURE_VERTICLE, tp, new double[] {110, 132, 99})};
    RunStats[] large = {point(Target.REGULAR, tp, new double[] {1000, 900, 1100}),
        point(Target.SECURE_VERTICLE, tp, new double[] {1300, 1170, 1430})};
    SliceBootstrap.Interval ci = SliceBootstrap.meanOverheadPercent(List.of(small, large));

    // 10% and 30% in every slice: the mean is 20% whatever is resampled.
    assertThat(ci.low()).isCloseTo(20, within(1e-6));
    assertThat(ci.high()).isCloseTo(20, within(1e-6));
  }

  @Test
  void theRatioOfTotalsResamplesRoundsTogether() {
    long[] plain = {10_000, 14_000, 9_000, 12_000};
    long[] keeper = {9_300, 13_020, 8_370, 11_160};
    SliceBootstrap.Interval ci = SliceBootstrap.ratioOfTotals(plain, keeper);
    assertThat(ci.low()).isCloseTo(0.93, within(1e-9));
    assertThat(ci.high()).isCloseTo(0.93, within(1e-9));
  }

  @Test
  void withFewerThanTwoPairedSlicesThereIsNoInterval() {
    double[] one = {1000};
    RunStats a = point(Target.PLAIN, one, one);
    RunStats b = point(Target.REGULAR, one, one);
    assertThat(SliceBootstrap.throughputRatio(a, b)).isEqualTo(SliceBootstrap.Interval.NONE);
    assertThat(SliceBootstrap.meanOverheadPercent(List.<RunStats[]>of(new RunStats[] {a, b})))
        .isEqualTo(SliceBootstrap.Interval.NONE);
    assertThat(SliceBootstrap.meanOverheadPercent(List.of())).isEqualTo(SliceBootstrap.Interval.NONE);
    RunStats two = point(Target.REGULAR, new double[] {1000, 1000}, new double[] {1, 1});
    assertThat(SliceBootstrap.throughputRatio(a, two)).isEqualTo(SliceBootstrap.Interval.NONE);
    assertThat(SliceBootstrap.ratioOfTotals(new long[] {1, 2}, new long[] {1})).isEqualTo(SliceBootstrap.Interval.NONE);
    assertThat(SliceBootstrap.ratioOfTotals(new long[] {0, 0}, new long[] {1, 1})).isEqualTo(SliceBootstrap.Interval.NONE);
  }
}
