package io.sereca.wsnm;

/**
 * The measured channels of a dam's logger, in register order: channel {@code i} starts at input
 * register {@link RegisterMap#channelAddress(int)}. The range is the instrument's plausible range;
 * a value outside it is reported with quality {@link RegisterMap#QUALITY_SUSPECT}. The range of a
 * level is relative to the dam ({@link #rangeIsRelative()}): its lower end to the minimum operating
 * level, its upper end to the crest; {@link #min(Dam)} and {@link #max(Dam)} give absolute bounds.
 */
public enum Channel {
  /** Reservoir water level, m a.s.l. */
  RESERVOIR_LEVEL("m a.s.l.", -30, 10, true),
  /** Rain gauge intensity, mm/h. */
  RAIN_INTENSITY("mm/h", 0, 200, false),
  /** Rain gauge cumulative total since the logger started, mm. */
  RAIN_CUMULATIVE("mm", 0, 100_000, false),
  /** Inflow into the reservoir, m³/s. */
  INFLOW("m3/s", 0, 5_000, false),
  /** Total outflow (outlet plus spillway), m³/s. */
  OUTFLOW("m3/s", 0, 5_000, false),
  /** Spillway gate opening, % of full travel. */
  SPILLWAY_GATE("%", 0, 100, false),
  /** Spillway discharge, m³/s. */
  SPILLWAY_DISCHARGE("m3/s", 0, 5_000, false),
  /** Air temperature, °C. */
  AIR_TEMPERATURE("degC", -30, 50, false),
  /** Reservoir water temperature near the dam, °C. */
  WATER_TEMPERATURE("degC", 0, 35, false),
  /** Concrete temperature (embedded thermometer), °C. */
  CONCRETE_TEMPERATURE("degC", -20, 45, false),
  /** Piezometer 1 (upstream heel), piezometric level, m a.s.l. */
  PIEZOMETER_1("m a.s.l.", -60, 10, true),
  /** Piezometer 2, piezometric level, m a.s.l. */
  PIEZOMETER_2("m a.s.l.", -60, 10, true),
  /** Piezometer 3, piezometric level, m a.s.l. */
  PIEZOMETER_3("m a.s.l.", -60, 10, true),
  /** Piezometer 4 (downstream toe), piezometric level, m a.s.l. */
  PIEZOMETER_4("m a.s.l.", -60, 10, true),
  /** Direct pendulum, radial displacement (positive downstream), mm. */
  PENDULUM_RADIAL("mm", -50, 50, false),
  /** Direct pendulum, tangential displacement (positive towards the left bank), mm. */
  PENDULUM_TANGENTIAL("mm", -50, 50, false),
  /** Seepage flow measured at the drainage weir, l/s. */
  SEEPAGE_FLOW("l/s", 0, 500, false),
  /** Seepage water turbidity, NTU. */
  SEEPAGE_TURBIDITY("NTU", 0, 1_000, false),
  /** Inclinometer tilt (positive downstream), mrad. */
  INCLINOMETER("mrad", -5, 5, false),
  /** Joint extensometer opening, mm. */
  EXTENSOMETER("mm", -10, 10, false);

  private final String unit;
  private final double min;
  private final double max;
  private final boolean relative;

  Channel(String unit, double min, double max, boolean relative) {
    this.unit = unit;
    this.min = min;
    this.max = max;
    this.relative = relative;
  }

  /** Engineering unit, ASCII. */
  public String unit() {
    return unit;
  }

  /** Lower end of the plausible range (relative to the dam when {@link #rangeIsRelative()}). */
  public double min() {
    return min;
  }

  /** Upper end of the plausible range (relative to the dam when {@link #rangeIsRelative()}). */
  public double max() {
    return max;
  }

  /** Whether the range is relative to the dam's minimum operating level (for levels) or absolute. */
  public boolean rangeIsRelative() {
    return relative;
  }

  /** Lower plausible bound for {@code dam}. */
  public double min(Dam dam) {
    return relative ? dam.minOperatingLevel() + min : min;
  }

  /** Upper plausible bound for {@code dam} (levels: up to the crest plus a margin). */
  public double max(Dam dam) {
    return relative ? dam.crestLevel() + max : max;
  }
}
