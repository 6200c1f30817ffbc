package io.sereca.wsnm;

/**
 * Situations the simulated dam can be put in, by the API or by writing {@link #code()} into the
 * scenario holding register ({@link RegisterMap#HR_SCENARIO}).
 */
public enum Scenario {
  /** Seasonal weather, occasional storms, normal releases. */
  NORMAL(0),
  /** Intense persistent rain: inflow and level rise, the spillway gate opens. */
  FLOOD(1),
  /** Internal erosion: seepage flow and turbidity rise, the downstream piezometers rise with a flat level. */
  SEEPAGE_ANOMALY(2),
  /** Piezometer 2 freezes at its last value while still reported with good quality. */
  STUCK_SENSOR(3),
  /** The logger stops scanning and refuses measurement reads; holding registers stay available. */
  LOGGER_OFFLINE(4),
  /** Controlled emptying: high outlet release, no rain, the level falls. */
  DRAWDOWN(5);

  private final int code;

  Scenario(int code) {
    this.code = code;
  }

  /** The value of this scenario in the scenario holding register. */
  public int code() {
    return code;
  }

  /**
   * The scenario of a holding-register value.
   *
   * @throws IllegalArgumentException naming the value when no scenario has that code
   */
  public static Scenario fromCode(int code) {
    for (Scenario s : values()) {
      if (s.code == code) {
        return s;
      }
    }
    throw new IllegalArgumentException("scenario code " + code + " is not one of 0.." + (values().length - 1));
  }
}
