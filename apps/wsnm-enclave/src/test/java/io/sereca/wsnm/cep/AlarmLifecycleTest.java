package io.sereca.wsnm.cep;

import static io.sereca.wsnm.cep.TestScans.T0;
import static io.sereca.wsnm.cep.TestScans.one;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The ISA-18.2 lifecycle of one alarm, with the clock injected. */
class AlarmLifecycleTest {

  private static final String RULES = "rules:\n  - id: high\n    type: threshold\n    priority: critical\n"
      + "    message: \"{dam} high\"\n    channel: INFLOW\n    direction: high\n    limit: 100\n";

  private final TestScans.MovingClock clock = new TestScans.MovingClock();
  private final AlarmEngine engine = new AlarmEngine(TestScans.rules(RULES), clock, 5);
  private long counter;

  private List<Alarm> inflow(double v) {
    counter++;
    clock.advance(Duration.ofSeconds(10));
    return engine.onScan(one("CONZA", counter, T0 + 10 * counter, "INFLOW", v));
  }

  private static AlarmState only(List<Alarm> alarms) {
    assertThat(alarms).hasSize(1);
    return alarms.get(0).state();
  }

  @Test
  void raisedAcknowledgedThenClearedWithTimesAndWho() {
    assertThat(inflow(50)).isEmpty();
    Alarm raised = inflow(150).get(0);
    assertThat(raised.state()).isEqualTo(AlarmState.ACTIVE_UNACK);
    Map<String, Object> m = raised.toMap();
    assertThat(m).containsEntry("id", "high/CONZA").containsEntry("priority", "critical").containsEntry("event", "raised")
        .containsEntry("previousState", "NORMAL").containsEntry("raisedAt", clock.millis()).containsEntry("value", 150.0)
        .containsEntry("limit", 100.0).containsEntry("ackedBy", null).containsEntry("active", true);
    assertThat(inflow(160)).as("no event while it stays active").isEmpty();
    clock.advance(Duration.ofMinutes(1));
    Alarm acked = engine.acknowledge("high/CONZA", "ana", "opening the outlet");
    assertThat(acked.toMap()).containsEntry("state", "ACTIVE_ACK").containsEntry("ackedBy", "ana")
        .containsEntry("comment", "opening the outlet").containsEntry("ackedAt", clock.millis());
    Alarm cleared = inflow(90).get(0);
    assertThat(cleared.toMap()).containsEntry("state", "NORMAL").containsEntry("event", "cleared")
        .containsEntry("clearedAt", clock.millis()).containsEntry("ackedBy", "ana");
    assertThat(engine.active()).isEmpty();
  }

  @Test
  void returnedBeforeAcknowledgementWaitsForTheAckAndCanComeBack() {
    inflow(150);
    assertThat(only(inflow(90))).isEqualTo(AlarmState.RTN_UNACK);
    assertThat(engine.active()).extracting(Alarm::state).containsExactly(AlarmState.RTN_UNACK);
    assertThat(only(inflow(150))).isEqualTo(AlarmState.ACTIVE_UNACK);
    assertThat(inflow(90).get(0).event()).isEqualTo("returned");
    Alarm acked = engine.acknowledge("high/CONZA", "ana", "seen");
    assertThat(acked.state()).isEqualTo(AlarmState.NORMAL);
    assertThat(acked.toMap()).containsEntry("count", 2L);
    assertThatThrownBy(() -> engine.acknowledge("high/CONZA", "ana", "again"))
        .isInstanceOf(IllegalStateException.class).hasMessage("alarm high/CONZA is NORMAL: nothing to acknowledge");
  }

  @Test
  void aShelvedAlarmIsNotAnnouncedAndReturnsOnExpiry() {
    inflow(150);
    Alarm shelved = engine.shelve("high/CONZA", "eng", "sensor maintenance", Duration.ofMinutes(30));
    assertThat(shelved.toMap()).containsEntry("state", "SHELVED").containsEntry("shelvedBy", "eng")
        .containsEntry("shelvedUntil", clock.millis() + 30 * 60_000L);
    assertThat(inflow(90)).isEmpty();
    assertThat(inflow(150)).isEmpty();
    assertThat(engine.tick()).isEmpty();
    clock.advance(Duration.ofMinutes(30));
    Alarm back = engine.tick().get(0);
    assertThat(back.event()).isEqualTo("shelve_expired");
    assertThat(back.state()).as("the condition holds: raised again").isEqualTo(AlarmState.ACTIVE_UNACK);
  }

  @Test
  void unshelveReturnsToNormalWhenTheConditionEndedAndAnAlarmCanBeShelvedBeforeItIsRaised() {
    Alarm pre = engine.shelve("high/CONZA", "eng", "gauge being replaced", Duration.ofHours(2));
    assertThat(pre.state()).isEqualTo(AlarmState.SHELVED);
    assertThat(inflow(150)).isEmpty();
    assertThat(inflow(90)).isEmpty();
    assertThat(engine.unshelve("high/CONZA", "eng").state()).isEqualTo(AlarmState.NORMAL);
    assertThatThrownBy(() -> engine.unshelve("high/CONZA", "eng")).isInstanceOf(IllegalStateException.class)
        .hasMessage("alarm high/CONZA is NORMAL, not shelved");
  }

  @Test
  void badCommandsSayWhatIsWrong() {
    inflow(150);
    assertThatThrownBy(() -> engine.acknowledge("nope/CONZA", "ana", "x")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("no alarm 'nope/CONZA'");
    assertThatThrownBy(() -> engine.acknowledge("high/CONZA", " ", "x")).hasMessage("user is missing");
    assertThatThrownBy(() -> engine.acknowledge("high/CONZA", "ana", "x".repeat(501)))
        .hasMessage("comment is longer than 500 characters");
    assertThatThrownBy(() -> engine.shelve("high/CONZA", "ana", "x", Duration.ofDays(8)))
        .hasMessage("shelve duration must be between 1 minute and 7 days");
    assertThatThrownBy(() -> engine.shelve("ghost/CONZA", "ana", "x", Duration.ofHours(1)))
        .hasMessage("no alarm 'ghost/CONZA' (ids are rule/dam)");
  }

  @Test
  void theHistoryIsBoundedAndNewestFirst() {
    for (int i = 0; i < 4; i++) {
      inflow(150);
      inflow(90);
    }
    List<Alarm> h = engine.history(100);
    assertThat(h).hasSize(5);
    assertThat(h.get(0).event()).isEqualTo("returned");
    assertThat((Long) h.get(0).toMap().get("seq")).isEqualTo(8L);
    assertThat(engine.history(2)).hasSize(2);
  }

  @Test
  void newRulesKeepTheAlarmsOfRulesThatRemainAndReturnTheOthers() {
    inflow(150);
    List<Alarm> out = engine.setRules(TestScans.rules(RULES.replace("id: high", "id: other")));
    assertThat(out).hasSize(1);
    assertThat(out.get(0).toMap()).containsEntry("id", "high/CONZA").containsEntry("event", "rule_removed")
        .containsEntry("state", "NORMAL");
    assertThat(engine.active()).isEmpty();
    assertThat(inflow(150).get(0).id()).isEqualTo("other/CONZA");
  }
}
