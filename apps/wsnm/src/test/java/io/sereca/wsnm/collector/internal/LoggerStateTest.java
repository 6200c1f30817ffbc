package io.sereca.wsnm.collector.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.sereca.wsnm.data.Scan;
import org.junit.jupiter.api.Test;

/** The scan counter and logger time checks, including the counter's wrap at 2^32. */
class LoggerStateTest {

  @Test
  void theSameCounterIsTheSameScan() {
    LoggerState s = new LoggerState();
    assertThat(s.isNew(7)).isTrue();
    s.forwarded(7, 100);
    assertThat(s.isNew(7)).isFalse();
    assertThat(s.isNew(8)).isTrue();
  }

  @Test
  void nextScanHasNoFlagsAJumpAndARegressionAreFlagged() {
    LoggerState s = new LoggerState();
    assertThat(s.flags(7, 100)).isEmpty();
    s.forwarded(7, 100);
    assertThat(s.flags(8, 110)).isEmpty();
    assertThat(s.flags(10, 110)).containsExactly(Scan.FLAG_COUNTER_JUMP);
    assertThat(s.flags(3, 110)).containsExactly(Scan.FLAG_COUNTER_REGRESSED);
    assertThat(s.flags(8, 90)).containsExactly(Scan.FLAG_TIME_BACKWARDS);
  }

  @Test
  void theCounterWrapsAt2To32WithoutAFlag() {
    LoggerState s = new LoggerState();
    s.forwarded(0xFFFF_FFFFL, 100);
    assertThat(s.flags(0, 110)).isEmpty();
    assertThat(s.flags(2, 110)).containsExactly(Scan.FLAG_COUNTER_JUMP);
  }
}
