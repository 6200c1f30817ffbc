package io.sereca.wsnm.cep;

import static org.assertj.core.api.Assertions.assertThat;

import io.sereca.wsnm.Channel;
import io.sereca.wsnm.Dam;
import io.sereca.wsnm.Scenario;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The default rule set against the SIMULATED dam physics, read through the loggers' register
 * images: NORMAL raises nothing over two simulated days at any dam, and each scenario raises its
 * expected alarms at every dam.
 */
class DefaultRulesRealismTest {

  // Early March: the wet season, with storms in NORMAL.
  private static final Instant START = Instant.parse("2026-03-01T00:00:00Z");
  private static final long SEED = 20260301L;
  private static final Duration WARM_UP = Duration.ofHours(12);
  private static final Duration SCENARIO = Duration.ofDays(2);

  /** Alarms each scenario must raise at every dam. */
  private static final Map<Scenario, Set<String>> EXPECTED = Map.of(
      Scenario.FLOOD, Set.of("flood-rain-and-rise", "level-high", "level-high-high", "level-rise-rate",
          "spillway-after-storm", "spillway-release"),
      Scenario.SEEPAGE_ANOMALY, Set.of("seepage-turbid", "seepage-turbidity-high", "piezometer-rise-flat-level"),
      Scenario.STUCK_SENSOR, Set.of("stuck-sensor"),
      Scenario.LOGGER_OFFLINE, Set.of("logger-offline"),
      Scenario.DRAWDOWN, Set.of("level-fall-rate"));
  /**
   * Further alarms a scenario may raise at some dams, because the physics makes them true: a
   * flood over the regulation level loads the structure, the toe piezometer of most dams passes
   * its limit in the seepage anomaly, and a drawdown opens the gate near the regulation level.
   */
  private static final Map<Scenario, Set<String>> ALLOWED = Map.of(
      Scenario.FLOOD, Set.of("pendulum-drift", "pendulum-radial-high", "piezometer-1-high"),
      Scenario.SEEPAGE_ANOMALY, Set.of("piezometer-4-high"),
      Scenario.STUCK_SENSOR, Set.of(),
      Scenario.LOGGER_OFFLINE, Set.of(),
      Scenario.DRAWDOWN, Set.of("spillway-release"));

  private static final class Run {
    final SimulatedLogger sim;
    final AlarmEngine engine;
    final Set<String> raised = new TreeSet<>();
    final Map<String, Object> channels = new java.util.HashMap<>();

    Run(Dam dam, long seed) {
      sim = new SimulatedLogger(dam, seed, START);
      engine = new AlarmEngine(RuleSet.defaults(), sim.clock, 100);
    }

    Set<String> run(Scenario s, Duration d) {
      raised.clear();
      sim.run(s, d, scan -> note(engine.onScan(scan)), () -> note(engine.tick()));
      return new TreeSet<>(raised);
    }

    private void note(java.util.List<Alarm> transitions) {
      for (Alarm a : transitions) {
        if (a.event().equals("raised") || a.event().equals("reraised")) {
          raised.add(a.rule());
          channels.put(a.rule(), a.toMap().get("channel"));
        }
      }
    }
  }

  @Test
  void normalRaisesNothingOverTwoDaysAtAnyDam() {
    for (Dam dam : Dam.values()) {
      for (long seed : new long[] {SEED, 7, 42}) {
        Run r = new Run(dam, seed);
        assertThat(r.run(Scenario.NORMAL, Duration.ofDays(2))).as("%s seed %d", dam, seed).isEmpty();
      }
    }
  }

  @ParameterizedTest
  @EnumSource(value = Scenario.class, names = {"FLOOD", "SEEPAGE_ANOMALY", "STUCK_SENSOR", "LOGGER_OFFLINE", "DRAWDOWN"})
  void eachScenarioRaisesItsExpectedAlarmsAtEveryDam(Scenario scenario) {
    for (Dam dam : Dam.values()) {
      Run r = new Run(dam, SEED);
      assertThat(r.run(Scenario.NORMAL, WARM_UP)).as("%s warm-up", dam).isEmpty();
      Set<String> raised = r.run(scenario, SCENARIO);
      System.out.println("REALISM " + scenario + " " + dam + " " + raised);
      assertThat(raised).as("%s in %s", dam, scenario).containsAll(EXPECTED.get(scenario));
      Set<String> possible = new TreeSet<>(EXPECTED.get(scenario));
      possible.addAll(ALLOWED.get(scenario));
      assertThat(possible).as("%s in %s: unexpected alarms", dam, scenario).containsAll(raised);
      if (scenario == Scenario.STUCK_SENSOR) {
        assertThat(r.channels.get("stuck-sensor")).isEqualTo("PIEZOMETER_2");
      }
    }
  }

  @Test
  void aScanLostOnTheWayIsAnIntegrityAlarmButALoggerComingBackOnlineIsNot() {
    Run r = new Run(Dam.GENZANO, SEED);
    r.run(Scenario.NORMAL, Duration.ofHours(1));
    // The logger goes offline for 10 minutes and comes back: its counter resumes at +1.
    r.run(Scenario.LOGGER_OFFLINE, Duration.ofMinutes(10));
    assertThat(r.run(Scenario.NORMAL, Duration.ofMinutes(30))).doesNotContain("integrity");
    assertThat(r.engine.alarm("logger-offline/GENZANO").orElseThrow().state()).isEqualTo(AlarmState.RTN_UNACK);
    // An envelope rejected between collector and cloud: one scan never reaches the engine.
    java.util.List<Alarm> seen = new java.util.ArrayList<>();
    long[] n = {0};
    r.sim.run(Scenario.NORMAL, Duration.ofMinutes(5), scan -> {
      if (n[0]++ != 10) {
        seen.addAll(r.engine.onScan(scan));
      }
    }, () -> { });
    assertThat(seen).extracting(Alarm::id, Alarm::event)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("integrity/GENZANO", "raised"),
            org.assertj.core.groups.Tuple.tuple("integrity/GENZANO", "returned"));
    assertThat(seen.get(0).message()).endsWith("(1 scans missing))");
  }

  @Test
  void theRulesKnowEveryLoggerChannel() {
    // The rule files name channels by the Channel enum's names: the engine must know them all.
    assertThat(io.sereca.wsnm.cep.internal.Channels.NAMES.subList(0, Channel.values().length))
        .containsExactlyElementsOf(Arrays.stream(Channel.values()).map(Enum::name).collect(Collectors.toList()));
    assertThat(RuleSet.defaults().dams())
        .containsExactlyInAnyOrderElementsOf(Arrays.stream(Dam.values()).map(Enum::name).collect(Collectors.toList()));
    for (Dam d : Dam.values()) {
      Map<String, Double> p = RuleSet.defaults().parameters(d.name());
      assertThat(p.get("minLevel")).isEqualTo(d.minOperatingLevel());
      assertThat(p.get("maxLevel")).isEqualTo(d.maxOperatingLevel());
      assertThat(p.get("crest")).isEqualTo(d.crestLevel());
    }
  }
}
