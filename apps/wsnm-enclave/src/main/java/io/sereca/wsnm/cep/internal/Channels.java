package io.sereca.wsnm.cep.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The channel names rules may use, each with a small index so a scan's readings sit in an array:
 * the 20 logger channels ({@code io.sereca.wsnm.Channel} names, in register order) and two
 * pseudo-channels from the scan header, {@code BATTERY} (volts) and {@code LOGGER_TEMPERATURE}
 * (°C), which are always of GOOD quality. A name outside this list in a rule file is an error, so
 * a typo cannot silently disable a rule.
 */
public final class Channels {

  /** Every known name, index = position. */
  public static final List<String> NAMES = List.of(
      "RESERVOIR_LEVEL", "RAIN_INTENSITY", "RAIN_CUMULATIVE", "INFLOW", "OUTFLOW", "SPILLWAY_GATE",
      "SPILLWAY_DISCHARGE", "AIR_TEMPERATURE", "WATER_TEMPERATURE", "CONCRETE_TEMPERATURE",
      "PIEZOMETER_1", "PIEZOMETER_2", "PIEZOMETER_3", "PIEZOMETER_4", "PENDULUM_RADIAL",
      "PENDULUM_TANGENTIAL", "SEEPAGE_FLOW", "SEEPAGE_TURBIDITY", "INCLINOMETER", "EXTENSOMETER",
      "BATTERY", "LOGGER_TEMPERATURE");
  /** Index of the battery pseudo-channel. */
  public static final int BATTERY = NAMES.indexOf("BATTERY");
  /** Index of the logger temperature pseudo-channel. */
  public static final int LOGGER_TEMPERATURE = NAMES.indexOf("LOGGER_TEMPERATURE");
  /** Number of logger channels (pseudo-channels excluded). */
  public static final int LOGGER_CHANNELS = BATTERY;

  private static final Map<String, Integer> INDEX = new HashMap<>();

  static {
    for (int i = 0; i < NAMES.size(); i++) {
      INDEX.put(NAMES.get(i), i);
    }
  }

  private Channels() {}

  /** The index of {@code name}, or -1 when it is not a known channel. */
  public static int index(String name) {
    Integer i = INDEX.get(name);
    return i == null ? -1 : i;
  }

  /** The name of index {@code i}. */
  public static String name(int i) {
    return NAMES.get(i);
  }
}
