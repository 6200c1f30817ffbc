package io.sereca.wsnm.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.sereca.wsnm.Channel;
import io.sereca.wsnm.Dam;
import io.sereca.wsnm.Scenario;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DamPhysicsTest {

  private static final Instant START = Instant.parse("2026-03-01T00:00:00Z");

  private static void run(DamPhysics p, Scenario s, Duration d) {
    p.advanceTo(Instant.ofEpochSecond(p.epochSecond()).plus(d), s);
  }

  @Test
  void volumeChangesByInflowMinusOutflowEachStep() {
    DamPhysics p = new DamPhysics(Dam.CONZA, 7, START);
    run(p, Scenario.FLOOD, Duration.ofHours(3));
    for (int i = 0; i < 50; i++) {
      double before = p.volume();
      p.step(Scenario.FLOOD);
      double expected = (p.inflow() - p.outflow()) * DamPhysics.STEP_SECONDS;
      assertThat(p.volume() - before).isCloseTo(expected, within(1e-6 * Math.abs(expected) + 1e-3));
    }
  }

  @Test
  void floodRaisesTheLevelAndDrawdownLowersIt() {
    DamPhysics flood = new DamPhysics(Dam.ACERENZA, 3, START);
    double level0 = flood.level();
    run(flood, Scenario.FLOOD, Duration.ofHours(12));
    assertThat(flood.inflow()).isGreaterThan(flood.outflow());
    assertThat(flood.level()).isGreaterThan(level0 + 0.5);

    DamPhysics drawdown = new DamPhysics(Dam.ACERENZA, 3, START);
    run(drawdown, Scenario.DRAWDOWN, Duration.ofDays(5));
    assertThat(drawdown.outflow()).isGreaterThan(drawdown.inflow());
    assertThat(drawdown.level()).isLessThan(level0 - 0.5);
  }

  @Test
  void spillwayOpensAndReleasesWhenTheLevelPassesTheRegulationLevel() {
    DamPhysics p = new DamPhysics(Dam.SAETTA, 11, START);
    p.setLevel(Dam.SAETTA.maxOperatingLevel() + 0.5);
    run(p, Scenario.NORMAL, Duration.ofHours(2));
    assertThat(p.measure().get(Channel.SPILLWAY_GATE)).isGreaterThan(10.0);
    assertThat(p.measure().get(Channel.SPILLWAY_DISCHARGE)).isGreaterThan(0.0);
  }

  @Test
  void piezometersFollowALevelStepWithLagsGrowingDownstream() {
    DamPhysics p = new DamPhysics(Dam.PERTUSILLO, 5, START);
    double[] before = new double[4];
    for (int i = 0; i < 4; i++) {
      before[i] = p.piezometer(i);
    }
    double[] fraction = {0.85, 0.6, 0.4, 0.2};
    double rise = 8.0;
    p.setLevel(p.level() + rise);
    // Right after the step nothing has moved yet: the pore pressure lags the reservoir.
    p.step(Scenario.DRAWDOWN);
    for (int i = 0; i < 4; i++) {
      assertThat(p.piezometer(i) - before[i]).isLessThan(0.02 * fraction[i] * rise);
    }
    run(p, Scenario.NORMAL, Duration.ofHours(6));
    double[] followed = new double[4];
    for (int i = 0; i < 4; i++) {
      followed[i] = (p.piezometer(i) - before[i]) / (fraction[i] * rise);
    }
    // One time constant for piezometer 1 (about 63 %), an eighth of one for piezometer 4.
    assertThat(followed[0]).isBetween(0.4, 0.8);
    assertThat(followed[3]).isBetween(0.02, 0.25);
    assertThat(followed[0]).isGreaterThan(followed[1]);
    assertThat(followed[1]).isGreaterThan(followed[2]);
    assertThat(followed[2]).isGreaterThan(followed[3]);
  }

  @Test
  void seepageAnomalyRaisesSeepageTurbidityAndDownstreamPiezometersWithAFlatLevel() {
    DamPhysics normal = new DamPhysics(Dam.CAMASTRA, 9, START);
    DamPhysics anomaly = new DamPhysics(Dam.CAMASTRA, 9, START);
    run(normal, Scenario.NORMAL, Duration.ofDays(2));
    run(anomaly, Scenario.SEEPAGE_ANOMALY, Duration.ofDays(2));
    assertThat(anomaly.level()).isCloseTo(normal.level(), within(0.05));
    assertThat(anomaly.measure().get(Channel.SEEPAGE_FLOW)).isGreaterThan(2 * normal.measure().get(Channel.SEEPAGE_FLOW));
    assertThat(anomaly.measure().get(Channel.SEEPAGE_TURBIDITY)).isGreaterThan(20.0);
    assertThat(normal.measure().get(Channel.SEEPAGE_TURBIDITY)).isLessThan(5.0);
    assertThat(anomaly.piezometer(3)).isGreaterThan(normal.piezometer(3) + 1.0);
  }

  @Test
  void theSameSeedGivesTheSameStateAndAnotherSeedAnother() {
    DamPhysics a = new DamPhysics(Dam.GENZANO, 42, START);
    DamPhysics b = new DamPhysics(Dam.GENZANO, 42, START);
    DamPhysics c = new DamPhysics(Dam.GENZANO, 43, START);
    // Chunking time differently must not matter: fixed steps from a fixed origin.
    run(a, Scenario.NORMAL, Duration.ofDays(3));
    for (int h = 0; h < 72; h++) {
      run(b, Scenario.NORMAL, Duration.ofHours(1));
    }
    run(c, Scenario.NORMAL, Duration.ofDays(3));
    assertThat(b.measure()).isEqualTo(a.measure());
    assertThat(c.measure()).isNotEqualTo(a.measure());
  }

  @Test
  void temperaturesFollowTheSeasonsWithTheWaterLaggingTheAir() {
    DamPhysics winter = new DamPhysics(Dam.MONTE_COTUGNO, 1, Instant.parse("2026-01-20T12:00:00Z"));
    DamPhysics summer = new DamPhysics(Dam.MONTE_COTUGNO, 1, Instant.parse("2026-07-21T12:00:00Z"));
    run(winter, Scenario.NORMAL, Duration.ofDays(1));
    run(summer, Scenario.NORMAL, Duration.ofDays(1));
    double winterAir = winter.measure().get(Channel.AIR_TEMPERATURE);
    double summerAir = summer.measure().get(Channel.AIR_TEMPERATURE);
    assertThat(summerAir - winterAir).isGreaterThan(8.0);
    assertThat(summer.measure().get(Channel.WATER_TEMPERATURE)).isLessThan(summerAir + 2);
    assertThat(winter.measure().get(Channel.WATER_TEMPERATURE)).isGreaterThanOrEqualTo(3.5);
  }
}
