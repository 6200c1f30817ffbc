package io.sereca.bus.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sereca.bus.BusMetrics;
import io.sereca.enclave.bus.RejectReason;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class BusMetersTest {

  @Test
  void logsAtMostOneLinePerReasonPerIntervalButCountsEveryDrop() {
    AtomicLong nanos = new AtomicLong(1_000);
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    BusMeters meters = new BusMeters(registry, 10_000, nanos::get);
    assertThat(meters.rejected(RejectReason.BAD_TAG, "a", "x")).isTrue();
    assertThat(meters.rejected(RejectReason.BAD_TAG, "a", "x")).isFalse();
    assertThat(meters.rejected(RejectReason.REPLAY, "a", "x")).as("another reason has its own budget").isTrue();
    nanos.addAndGet(9_999_000_000L);
    assertThat(meters.rejected(RejectReason.BAD_TAG, "a", "x")).isFalse();
    nanos.addAndGet(1_000_000L);
    assertThat(meters.rejected(RejectReason.BAD_TAG, "a", "x")).isTrue();
    assertThat(registry.get(BusMetrics.REJECTED).tag(BusMetrics.REASON, "bad_tag").counter().count()).isEqualTo(4.0);
    assertThat(registry.get(BusMetrics.REJECTED).tag(BusMetrics.REASON, "stale").counter().count()).isZero();
  }

  @Test
  void aZeroIntervalLogsEveryDrop() {
    BusMeters meters = new BusMeters(new SimpleMeterRegistry(), 0, () -> 5);
    assertThat(meters.rejected(RejectReason.STALE, "a", "x")).isTrue();
    assertThat(meters.rejected(RejectReason.STALE, "a", "x")).isTrue();
  }
}
