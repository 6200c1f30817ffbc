package io.sereca.wsnm.cep;

import static io.sereca.wsnm.cep.TestScans.T0;
import static io.sereca.wsnm.cep.TestScans.one;
import static org.assertj.core.api.Assertions.assertThat;

import io.sereca.wsnm.data.Scan;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each rule type through the engine, on hand-made scans. */
class RuleTypesTest {

  private static final String DAMS = "dams:\n  CONZA: {maxLevel: 426, minLevel: 404, crest: 430}\nrules:\n";

  private final TestScans.MovingClock clock = new TestScans.MovingClock();

  private AlarmEngine engine(String rules) {
    return new AlarmEngine(TestScans.rules(DAMS + rules), clock);
  }

  private static List<String> events(List<Alarm> alarms) {
    return alarms.stream().map(a -> a.event() + ":" + a.id()).collect(java.util.stream.Collectors.toList());
  }

  @Test
  void thresholdRelativeToADamParameterWithOnDelayDeadbandAndQuality() {
    AlarmEngine e = engine("  - id: high\n    type: threshold\n    priority: high\n    message: \"{dam} at {value} over {limit}\"\n"
        + "    channel: RESERVOIR_LEVEL\n    direction: high\n    limit: {param: maxLevel, offset: -0.3}\n"
        + "    deadband: 0.1\n    onDelay: 1m\n");
    // 425.8 > 425.7: pending, not raised before the on-delay has passed in data time.
    assertThat(e.onScan(one("CONZA", 1, T0, "RESERVOIR_LEVEL", 425.8))).isEmpty();
    assertThat(e.onScan(one("CONZA", 2, T0 + 30, "RESERVOIR_LEVEL", 425.8))).isEmpty();
    // A SUSPECT reading is skipped: it neither raises nor resets.
    assertThat(e.onScan(TestScans.of("CONZA").counter(3).at(T0 + 45).value("RESERVOIR_LEVEL", 500, Scan.SUSPECT, 0).build())).isEmpty();
    List<Alarm> raised = e.onScan(one("CONZA", 4, T0 + 60, "RESERVOIR_LEVEL", 425.8));
    assertThat(events(raised)).containsExactly("raised:high/CONZA");
    assertThat(raised.get(0).message()).isEqualTo("CONZA at 425.80 over 425.70");
    // Inside the deadband (425.7 - 0.1): still active.
    assertThat(e.onScan(one("CONZA", 5, T0 + 70, "RESERVOIR_LEVEL", 425.65))).isEmpty();
    assertThat(events(e.onScan(one("CONZA", 6, T0 + 80, "RESERVOIR_LEVEL", 425.55)))).containsExactly("returned:high/CONZA");
    // A dam without parameters is not evaluated by a rule that needs them.
    assertThat(e.onScan(one("OTHER", 1, T0, "RESERVOIR_LEVEL", 9999))).isEmpty();
  }

  @Test
  void thresholdOnTheBatteryPseudoChannel() {
    AlarmEngine e = engine("  - id: battery\n    type: threshold\n    priority: low\n    message: m\n"
        + "    channel: BATTERY\n    direction: low\n    limit: 11.8\n");
    assertThat(e.onScan(TestScans.of("CONZA").counter(1).battery(12_000).build())).isEmpty();
    assertThat(events(e.onScan(TestScans.of("CONZA").counter(2).at(T0 + 10).battery(11_500).build())))
        .containsExactly("raised:battery/CONZA");
  }

  @Test
  void rateOfChangeOverAWindow() {
    AlarmEngine e = engine("  - id: rise\n    type: rate\n    priority: high\n    message: m\n"
        + "    channel: RESERVOIR_LEVEL\n    direction: rise\n    window: 1h\n    limit: 0.5\n");
    List<String> seen = new java.util.ArrayList<>();
    // 0.2 m per 10 min = 1.2 m/h; the rate needs half a window of data first.
    for (int i = 0; i <= 6; i++) {
      List<Alarm> out = e.onScan(one("CONZA", i + 1, T0 + 600L * i, "RESERVOIR_LEVEL", 410 + 0.2 * i));
      if (!out.isEmpty()) {
        seen.add(i + ":" + out.get(0).event());
      }
    }
    assertThat(seen).containsExactly("3:raised");
    assertThat(e.alarm("rise/CONZA").orElseThrow().value()).isCloseTo(1.2, org.assertj.core.api.Assertions.within(1e-9));
  }

  @Test
  void windowAggregatesComparedToALimit() {
    String base = "  - id: agg\n    type: aggregate\n    priority: low\n    message: m\n    channel: SEEPAGE_FLOW\n"
        + "    direction: high\n    window: 1h\n    minSamples: 4\n";
    double[] values = {1, 2, 9, 3};
    // avg 3.75, min 1, max 9, median 2.5, population stddev sqrt(9.6875) of the four samples.
    Object[][] cases = {{"avg", 3.7, 3.8, 3.75}, {"min", 0.9, 1.1, 1.0}, {"max", 8.9, 9.1, 9.0},
        {"median", 2.4, 2.6, 2.5}, {"stddev", 3.1, 3.2, Math.sqrt(9.6875)}};
    for (Object[] c : cases) {
      AlarmEngine below = engine(base + "    function: " + c[0] + "\n    limit: " + c[2] + "\n");
      AlarmEngine above = engine(base + "    function: " + c[0] + "\n    limit: " + c[1] + "\n");
      // minSamples 4: only the last scan is evaluated, over all four samples.
      for (int i = 0; i < values.length; i++) {
        below.onScan(one("CONZA", i + 1, T0 + 60L * i, "SEEPAGE_FLOW", values[i]));
        above.onScan(one("CONZA", i + 1, T0 + 60L * i, "SEEPAGE_FLOW", values[i]));
      }
      assertThat(below.active()).as("%s below", c[0]).isEmpty();
      assertThat(above.active()).as("%s above", c[0]).hasSize(1);
      assertThat(above.active().get(0).value()).as("%s", c[0]).isCloseTo((Double) c[3], org.assertj.core.api.Assertions.within(1e-9));
    }
  }

  @Test
  void correlationNeedsEveryConditionWithinTheWindow() {
    AlarmEngine e = engine("  - id: flood\n    type: correlation\n    priority: high\n    message: m\n    within: 1h\n"
        + "    all:\n      - {channel: RAIN_INTENSITY, test: above, limit: 20}\n"
        + "      - {channel: RESERVOIR_LEVEL, test: rise, limit: 0.1, over: 1h}\n");
    // Heavy rain, flat level: nothing.
    for (int i = 0; i < 4; i++) {
      assertThat(e.onScan(TestScans.of("CONZA").counter(i + 1).at(T0 + 600L * i)
          .value("RAIN_INTENSITY", 30).value("RESERVOIR_LEVEL", 410).build())).isEmpty();
    }
    // The rain stops, the level starts rising 0.6 m/h: both within the hour → raised.
    List<Alarm> out = List.of();
    for (int i = 4; i < 8 && out.isEmpty(); i++) {
      out = e.onScan(TestScans.of("CONZA").counter(i + 1).at(T0 + 600L * i)
          .value("RAIN_INTENSITY", 0).value("RESERVOIR_LEVEL", 410 + 0.1 * (i - 3)).build());
    }
    assertThat(events(out)).containsExactly("raised:flood/CONZA");
    // Two hours later without rain the correlation no longer holds.
    out = e.onScan(TestScans.of("CONZA").counter(20).at(T0 + 3 * 3600).value("RAIN_INTENSITY", 0)
        .value("RESERVOIR_LEVEL", 411.5).build());
    assertThat(events(out)).containsExactly("returned:flood/CONZA");
  }

  @Test
  void sequenceNeedsTheSecondConditionToStartAfterTheFirst() {
    String rule = "  - id: seq\n    type: sequence\n    priority: medium\n    message: m\n    within: 2h\n"
        + "    first: {channel: RAIN_INTENSITY, test: above, limit: 15}\n"
        + "    then: {channel: SPILLWAY_GATE, test: above, limit: 5}\n";
    AlarmEngine inOrder = engine(rule);
    inOrder.onScan(TestScans.of("CONZA").counter(1).at(T0).value("RAIN_INTENSITY", 30).value("SPILLWAY_GATE", 0).build());
    assertThat(events(inOrder.onScan(TestScans.of("CONZA").counter(2).at(T0 + 3600).value("RAIN_INTENSITY", 0)
        .value("SPILLWAY_GATE", 20).build()))).containsExactly("raised:seq/CONZA");

    AlarmEngine tooLate = engine(rule);
    tooLate.onScan(TestScans.of("CONZA").counter(1).at(T0).value("RAIN_INTENSITY", 30).value("SPILLWAY_GATE", 0).build());
    assertThat(tooLate.onScan(TestScans.of("CONZA").counter(2).at(T0 + 3 * 3600).value("RAIN_INTENSITY", 0)
        .value("SPILLWAY_GATE", 20).build())).isEmpty();

    // The gate was open before the rain: B did not start after A.
    AlarmEngine reversed = engine(rule);
    reversed.onScan(TestScans.of("CONZA").counter(1).at(T0).value("RAIN_INTENSITY", 0).value("SPILLWAY_GATE", 20).build());
    assertThat(reversed.onScan(TestScans.of("CONZA").counter(2).at(T0 + 600).value("RAIN_INTENSITY", 30)
        .value("SPILLWAY_GATE", 20).build())).isEmpty();
  }

  @Test
  void absenceIsEvaluatedOnTicksByTheEngineClock() {
    AlarmEngine e = engine("  - id: offline\n    type: absence\n    priority: high\n    message: \"{dam}: {detail}\"\n    after: 2m\n");
    // Nothing is expected of a dam never heard from.
    clock.advance(Duration.ofHours(1));
    assertThat(e.tick()).isEmpty();
    e.onScan(one("CONZA", 1, T0, "RESERVOIR_LEVEL", 410));
    clock.advance(Duration.ofSeconds(119));
    assertThat(e.tick()).isEmpty();
    clock.advance(Duration.ofSeconds(2));
    List<Alarm> out = e.tick();
    assertThat(events(out)).containsExactly("raised:offline/CONZA");
    assertThat(out.get(0).message()).isEqualTo("CONZA: no scan for 121 s");
    assertThat(events(e.onScan(one("CONZA", 2, T0 + 130, "RESERVOIR_LEVEL", 410)))).containsExactly("returned:offline/CONZA");
  }

  @Test
  void flatlineWhileOtherChannelsMove() {
    AlarmEngine e = engine("  - id: stuck\n    type: flatline\n    priority: medium\n    message: m\n"
        + "    channels: [PIEZOMETER_2, PIEZOMETER_3]\n    scans: 5\n    whileMoving: [RESERVOIR_LEVEL]\n");
    List<String> out = new java.util.ArrayList<>();
    for (int i = 0; i < 6; i++) {
      out.addAll(events(e.onScan(TestScans.of("CONZA").counter(i + 1).at(T0 + 10L * i)
          .value("PIEZOMETER_2", 400.25).value("PIEZOMETER_3", 390 + 0.01 * i).value("RESERVOIR_LEVEL", 410 + 0.001 * i).build())));
    }
    assertThat(out).containsExactly("raised:stuck/CONZA");
    assertThat(e.alarm("stuck/CONZA").orElseThrow().toMap()).containsEntry("channel", "PIEZOMETER_2");
    // Everything frozen (a logger repeating its last scan) is not a stuck sensor.
    AlarmEngine frozen = engine("  - id: stuck\n    type: flatline\n    priority: medium\n    message: m\n"
        + "    channels: [PIEZOMETER_2]\n    scans: 5\n    whileMoving: [RESERVOIR_LEVEL]\n");
    for (int i = 0; i < 10; i++) {
      assertThat(frozen.onScan(TestScans.of("CONZA").counter(i + 1).at(T0 + 10L * i)
          .value("PIEZOMETER_2", 400.25).value("RESERVOIR_LEVEL", 410).build())).isEmpty();
    }
  }

  @Test
  void staleReadings() {
    AlarmEngine e = engine("  - id: stale\n    type: stale\n    priority: medium\n    message: \"{detail}\"\n    maxAge: 2m\n");
    assertThat(e.onScan(TestScans.of("CONZA").counter(1).value("INFLOW", 1, Scan.GOOD, 100).build())).isEmpty();
    List<Alarm> out = e.onScan(TestScans.of("CONZA").counter(2).at(T0 + 10).value("INFLOW", 1, Scan.GOOD, 30)
        .value("OUTFLOW", 1, Scan.GOOD, 400).build());
    assertThat(out).hasSize(1);
    assertThat(out.get(0).message()).isEqualTo("OUTFLOW is 400 s old");
  }

  @Test
  void integrityCounterJumpsRegressionsClockAndCollectorFlags() {
    AlarmEngine e = engine("  - id: integrity\n    type: integrity\n    priority: high\n    message: \"{detail}\"\n");
    assertThat(e.onScan(one("CONZA", 10, T0, "INFLOW", 1))).isEmpty();
    assertThat(e.onScan(one("CONZA", 11, T0 + 10, "INFLOW", 1))).isEmpty();
    List<Alarm> jump = e.onScan(one("CONZA", 15, T0 + 50, "INFLOW", 1));
    assertThat(jump.get(0).message()).isEqualTo("scan counter jumped 11 -> 15 (3 scans missing)");
    assertThat(events(e.onScan(one("CONZA", 16, T0 + 60, "INFLOW", 1)))).containsExactly("returned:integrity/CONZA");
    assertThat(e.onScan(one("CONZA", 3, T0 + 70, "INFLOW", 1)).get(0).message()).isEqualTo("scan counter went back 16 -> 3");
    e.acknowledge("integrity/CONZA", "ana", "logger replaced");
    assertThat(e.onScan(one("CONZA", 4, T0 + 20, "INFLOW", 1))).isEmpty();
    List<Alarm> flagged = e.onScan(TestScans.of("CONZA").counter(5).at(T0 + 90).flag(Scan.FLAG_COUNTER_JUMP).build());
    assertThat(flagged).hasSize(0);
    // Still active: the clock went back at scan 4 (T0+20 < T0+70), then a flag at scan 5.
    assertThat(e.alarm("integrity/CONZA").orElseThrow().message()).isEqualTo("collector flag counter_jump");
    // The counter wraps at 2^32 without an alarm.
    AlarmEngine w = engine("  - id: integrity\n    type: integrity\n    priority: high\n    message: m\n");
    w.onScan(one("CONZA", 0xFFFF_FFFFL, T0, "INFLOW", 1));
    assertThat(w.onScan(one("CONZA", 0, T0 + 10, "INFLOW", 1))).isEmpty();
  }
}
