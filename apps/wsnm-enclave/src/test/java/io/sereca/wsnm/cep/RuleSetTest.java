package io.sereca.wsnm.cep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RuleSetTest {

  private static final String HEADER = "dams:\n  CONZA: {maxLevel: 426, minLevel: 404, crest: 430}\n"
      + "  SAETTA: {maxLevel: 1018, minLevel: 1008}\nrules:\n";

  private static String threshold(String extra) {
    return "  - id: level\n    type: threshold\n    priority: high\n    message: m\n"
        + "    channel: RESERVOIR_LEVEL\n    direction: high\n" + extra;
  }

  private static void rejects(String yaml, String message) {
    assertThatThrownBy(() -> RuleSet.parse(yaml, "test")).isInstanceOf(RuleException.class).hasMessage(message);
  }

  @Test
  void theDefaultRuleSetParsesWithTheSevenDams() {
    RuleSet d = RuleSet.defaults();
    assertThat(d.source()).isEqualTo(RuleSet.DEFAULT_SOURCE);
    assertThat(d.dams()).hasSize(7).contains("CONZA", "MONTE_COTUGNO");
    assertThat(d.parameters("CONZA")).containsEntry("maxLevel", 426.0).containsEntry("crest", 430.0);
    assertThat(d.ruleIds()).contains("level-high", "level-high-high", "level-rise-rate", "flood-rain-and-rise",
        "piezometer-1-high", "piezometer-rise-flat-level", "seepage-turbid", "pendulum-drift", "stale-reading",
        "logger-offline", "stuck-sensor", "spillway-release", "battery-low", "integrity");
  }

  @Test
  void errorsNameTheLineAndTheFieldPath() {
    rejects(HEADER + threshold("    limit: 1\n    onDelay: 5x\n"),
        "line 12: rules[0].onDelay: '5x' is not a duration (use 30s, 5m, 2h)");
    rejects(HEADER + threshold("    limit: 1\n    colour: red\n"), "line 12: rules[0].colour: unknown key");
    rejects(HEADER + threshold("    limit: one\n"), "line 11: rules[0].limit: 'one' is not a number");
    rejects(HEADER + threshold("    limit: {param: crest}\n"), "line 5: rules[0]: dam SAETTA has no parameter 'crest'");
    rejects(HEADER + threshold("    limit: {param: maxLevel, scale: 2}\n"), "line 11: rules[0].limit.scale: unknown key");
    rejects(HEADER + threshold("    limit: 1\n").replace("RESERVOIR_LEVEL", "RESERVOIR_LEVL"),
        "line 9: rules[0].channel: 'RESERVOIR_LEVL' is not a channel (one of RESERVOIR_LEVEL, RAIN_INTENSITY, "
            + "RAIN_CUMULATIVE, INFLOW, OUTFLOW, SPILLWAY_GATE, SPILLWAY_DISCHARGE, AIR_TEMPERATURE, WATER_TEMPERATURE, "
            + "CONCRETE_TEMPERATURE, PIEZOMETER_1, PIEZOMETER_2, PIEZOMETER_3, PIEZOMETER_4, PENDULUM_RADIAL, "
            + "PENDULUM_TANGENTIAL, SEEPAGE_FLOW, SEEPAGE_TURBIDITY, INCLINOMETER, EXTENSOMETER, BATTERY, LOGGER_TEMPERATURE)");
    rejects(HEADER + threshold("    limit: 1\n").replace("priority: high", "priority: urgent"),
        "line 7: rules[0].priority: 'urgent' is not one of critical, high, medium, low");
    rejects(HEADER + threshold("    limit: 1\n").replace("direction: high", "direction: up"),
        "line 10: rules[0].direction: 'up' is not one of high, low");
    rejects(HEADER + threshold("    limit: 1\n") + threshold("    limit: 2\n"), "line 12: rules[1].id: duplicate rule id 'level'");
    rejects(HEADER + "  - id: w\n    type: aggregate\n    priority: low\n    message: m\n    channel: INFLOW\n"
        + "    function: mode\n    direction: high\n    limit: 1\n    window: 1h\n",
        "line 10: rules[0].function: 'mode' is not one of avg, min, max, stddev, median");
    rejects(HEADER + "  - id: c\n    type: correlation\n    priority: low\n    message: m\n    all:\n"
        + "      - {channel: INFLOW, test: rise, limit: 1}\n      - {channel: OUTFLOW, test: above, limit: 1}\n",
        "line 10: rules[0].all[0].over: is missing");
    rejects(HEADER + "  - id: i\n    type: integrity\n    priority: low\n    message: m\n    checks: [counterJump, clock]\n",
        "line 9: rules[0].checks[1]: 'clock' is not one of counterRegressed, counterJump, timeBackwards, flags");
    rejects("rules:\n  - id: Bad_Id\n    type: stale\n    priority: low\n    message: m\n    maxAge: 1m\n",
        "line 2: rules[0].id: 'Bad_Id' is not a rule id (lower case, digits and '-', 1..64)");
    rejects("version: 2\nrules: []\n", "line 1: version: '2' is not a supported version (1)");
    rejects("rulez: []\n", "line 1: rules: is missing");
    rejects("rules:\n  - id: x\n    type: threshold\n    priority: low\n    message: m\n    channel: INFLOW\n"
        + "    direction: high\n    limit: {param: maxLevel}\n",
        "line 2: rules[0]: uses dam parameter 'maxLevel' but the file has no dams section");
  }

  @Test
  void aDisabledRuleIsParsedButNotInForce() {
    RuleSet r = TestScans.rules(HEADER + threshold("    limit: 1\n    enabled: false\n"));
    assertThat(r.ruleIds()).isEmpty();
  }
}
