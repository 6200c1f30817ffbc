package io.sereca.wsnm.cep.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class WindowTest {

  @Test
  void aggregatesMatchABruteForceWindowOnRandomData() {
    Random random = new Random(1);
    Window w = new Window(60_000);
    List<long[]> times = new ArrayList<>();
    List<Double> values = new ArrayList<>();
    long t = 0;
    for (int i = 0; i < 5000; i++) {
      // At least window/MAX_SAMPLES apart: no decimation, so the window holds every sample.
      t += 30 + random.nextInt(3000);
      double v = 1000 + random.nextGaussian() * 5;
      w.add(t, v);
      times.add(new long[] {t});
      values.add(v);
      List<Double> in = new ArrayList<>();
      for (int j = 0; j < times.size(); j++) {
        if (times.get(j)[0] >= t - 60_000) {
          in.add(values.get(j));
        }
      }
      double mean = in.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
      double var = in.stream().mapToDouble(x -> (x - mean) * (x - mean)).sum() / in.size();
      assertThat(w.size()).isEqualTo(in.size());
      assertThat(w.mean()).isCloseTo(mean, within(1e-9));
      assertThat(w.stddev()).isCloseTo(Math.sqrt(var), within(1e-6));
      assertThat(w.min()).isEqualTo(in.stream().mapToDouble(Double::doubleValue).min().orElseThrow());
      assertThat(w.max()).isEqualTo(in.stream().mapToDouble(Double::doubleValue).max().orElseThrow());
      double[] sorted = in.stream().mapToDouble(Double::doubleValue).sorted().toArray();
      int n = sorted.length;
      assertThat(w.median()).isEqualTo(n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2);
    }
  }

  @Test
  void memoryIsBoundedByDecimationAndLateSamplesAreIgnored() {
    Window w = new Window(86_400_000L);
    for (long t = 1; t <= 86_400; t++) {
      w.add(t * 1000, t);
    }
    assertThat(w.size()).isLessThanOrEqualTo(Window.MAX_SAMPLES + 2);
    assertThat(w.latest()).isEqualTo(86_400.0);
    assertThat(w.ratePerHour()).isCloseTo(3600.0, within(1e-6));
    assertThat(w.add(5_000, 1)).isFalse();
    assertThat(w.latest()).isEqualTo(86_400.0);
  }

  @Test
  void noRateBeforeHalfAWindowOfData() {
    Window w = new Window(3_600_000);
    w.add(0, 1);
    w.add(1_000_000, 2);
    assertThat(w.ratePerHour()).isNaN();
    w.add(1_800_000, 3);
    assertThat(w.ratePerHour()).isCloseTo(4.0, within(1e-9));
  }
}
