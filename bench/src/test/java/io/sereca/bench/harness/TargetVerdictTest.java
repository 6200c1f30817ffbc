package io.sereca.bench.harness;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How a verdict reads, with and without its interval. */
class TargetVerdictTest {

  @Test
  void aVerdictWithoutAnIntervalReadsAsBefore() {
    TargetVerdict v = new TargetVerdict("keeper: in-server", 0.922, 0.92, true, "x");
    assertThat(v.met()).isTrue();
    assertThat(v.hasInterval()).isFalse();
    assertThat(v.settled()).isFalse();
    assertThat(v.describe()).endsWith("0.922x  target >= 0.920x  met").doesNotContain("[");
  }

  @Test
  void anIntervalWhollyPastTheThresholdSettlesTheVerdict() {
    TargetVerdict v = new TargetVerdict("sim: 512 B-256 KiB", 4.3, 8, false, "%", 2.1, 6.4);
    assertThat(v.met()).isTrue();
    assertThat(v.settled()).isTrue();
    assertThat(v.describe()).contains("4.3% [2.1%, 6.4%]").endsWith("target <= 8.0%  met");

    TargetVerdict missed = new TargetVerdict("bus", 0.49, 0.9, true, "x", 0.47, 0.51);
    assertThat(missed.met()).isFalse();
    assertThat(missed.settled()).isTrue();
    assertThat(missed.describe()).endsWith("MISSED");
  }

  @Test
  void anIntervalSpanningTheThresholdSaysTheRunCannotTell() {
    TargetVerdict met = new TargetVerdict("keeper: in-server", 0.922, 0.92, true, "x", 0.905, 0.939);
    assertThat(met.met()).isTrue();
    assertThat(met.settled()).isFalse();
    assertThat(met.describe()).contains("0.922x [0.905x, 0.939x]")
        .endsWith("met (interval spans the target: within this run's noise)");

    TargetVerdict missed = new TargetVerdict("process", 18.4, 15, false, "%", 13.9, 22.8);
    assertThat(missed.describe()).endsWith("MISSED (interval spans the target: within this run's noise)");
  }
}
