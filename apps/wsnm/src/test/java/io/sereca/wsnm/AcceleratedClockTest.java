package io.sereca.wsnm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class AcceleratedClockTest {

  @Test
  void simulatedTimeRunsFactorTimesFasterFromNow() {
    SteppedClock wall = new SteppedClock(Instant.parse("2026-03-01T00:00:00Z"));
    AcceleratedClock sim = AcceleratedClock.startingNow(wall, 600);
    assertThat(sim.instant()).isEqualTo(Instant.parse("2026-03-01T00:00:00Z"));
    wall.advance(Duration.ofSeconds(6));
    assertThat(sim.instant()).isEqualTo(Instant.parse("2026-03-01T01:00:00Z"));
    assertThat(sim.getZone()).isEqualTo(ZoneOffset.UTC);
  }

  @Test
  void anotherZoneSeesTheSameTimeLine() {
    SteppedClock wall = new SteppedClock(Instant.parse("2026-03-01T00:00:00Z"));
    AcceleratedClock sim = AcceleratedClock.startingNow(wall, 60);
    Clock rome = sim.withZone(ZoneId.of("Europe/Rome"));
    wall.advance(Duration.ofSeconds(10));
    assertThat(rome.getZone()).isEqualTo(ZoneId.of("Europe/Rome"));
    assertThat(rome.millis()).isEqualTo(sim.millis());
    assertThat(sim.withZone(ZoneOffset.UTC)).isSameAs(sim);
  }

  @Test
  void aFactorOutOfRangeIsNamed() {
    assertThatThrownBy(() -> AcceleratedClock.startingNow(Clock.systemUTC(), 0)).hasMessageContaining("time factor 0");
  }
}
