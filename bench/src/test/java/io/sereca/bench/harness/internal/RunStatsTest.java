package io.sereca.bench.harness.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Statistics of a point, merged over its slices. */
class RunStatsTest {

  @Test
  void slicesAreMergedBeforePercentilesAndThroughputIsOverTheirTotalTime() {
    // 100 response times 1..100 µs split unevenly over two slices of 0.5 s and 1.5 s.
    long[] a = new long[30];
    long[] b = new long[70];
    for (int i = 0; i < 100; i++) {
      if (i < 30) {
        a[i] = (100 - i) * 1_000L;
      } else {
        b[i - 30] = (100 - i) * 1_000L;
      }
    }
    RunStats s = RunStats.of(Target.REGULAR, 8, 1024, List.of(new Sender.Sample(a, 0.5), new Sender.Sample(b, 1.5)));

    assertThat(s.requests()).isEqualTo(100);
    assertThat(s.seconds()).isCloseTo(2.0, within(1e-9));
    assertThat(s.throughput()).isCloseTo(50.0, within(1e-9));
    assertThat(s.meanMicros()).isCloseTo(50.5, within(1e-9));
    assertThat(s.p50Micros()).isEqualTo(50.0);
    assertThat(s.p99Micros()).isEqualTo(99.0);
    // Each slice is kept for the bootstrap: 30 replies of 71..100 µs, then 70 of 1..70 µs.
    assertThat(s.slices()).containsExactly(new RunStats.Slice(30, 0.5, 2565.0), new RunStats.Slice(70, 1.5, 2485.0));
    // 50 req/s, 1 KiB each way.
    assertThat(s.trafficMibPerSecond()).isCloseTo(50 * 2048 / (1024.0 * 1024.0), within(1e-9));
  }

  @Test
  void anEmptyPointHasZeroStatisticsRatherThanFailing() {
    RunStats s = RunStats.of(Target.PLAIN, 1, 0, List.of(new Sender.Sample(new long[0], 1.0)));
    assertThat(s.requests()).isZero();
    assertThat(s.meanMicros()).isZero();
    assertThat(s.p99Micros()).isZero();
  }
}
