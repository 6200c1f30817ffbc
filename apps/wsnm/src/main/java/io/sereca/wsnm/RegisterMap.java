package io.sereca.wsnm;

/**
 * The Modbus register layout of a simulated dam logger (unit id {@link #UNIT_ID}); addresses are
 * 0-based protocol addresses (a client that counts from 1, such as mbpoll, adds one).
 *
 * <p>Input registers (function 4): a header, then four registers per {@link Channel}: the value as
 * an IEEE-754 float32 in the configured {@link WordOrder}, a quality code and the age in seconds of
 * the value. Holding registers (functions 3, 6, 16): scan interval, scenario, seed, word order.
 * docs/wsnm-simulator.md has the same map as a table.
 */
public final class RegisterMap {

  /** Modbus unit id the loggers answer to. */
  public static final int UNIT_ID = 1;

  /** Input: time of the last scan, Unix epoch seconds, uint32 high word (always high word first). */
  public static final int IR_EPOCH_HI = 0;
  /** Input: time of the last scan, low word. */
  public static final int IR_EPOCH_LO = 1;
  /** Input: status bits, see the {@code STATUS_*} constants. */
  public static final int IR_STATUS = 2;
  /** Input: scan counter, uint32 high word; +1 per scan, never reset (not even by a new seed). */
  public static final int IR_SCAN_COUNTER_HI = 3;
  /** Input: scan counter, low word. */
  public static final int IR_SCAN_COUNTER_LO = 4;
  /** Input: logger battery voltage, uint16 millivolts. */
  public static final int IR_BATTERY_MV = 5;
  /** Input: logger (enclosure) temperature, int16 tenths of °C. */
  public static final int IR_LOGGER_TEMP_DECI_C = 6;
  /** Input: number of channels that follow the header. */
  public static final int IR_CHANNEL_COUNT = 7;
  /** Input: word order of the float32 values now served (0 ABCD, 1 CDAB). */
  public static final int IR_WORD_ORDER = 8;
  /** Input: register map version, {@link #MAP_VERSION}. */
  public static final int IR_MAP_VERSION = 9;
  /** Input: address of the first channel block. */
  public static final int IR_FIRST_CHANNEL = 10;
  /** Registers per channel block: float32 (2), quality, age. */
  public static final int REGISTERS_PER_CHANNEL = 4;
  /** Number of input registers served. */
  public static final int INPUT_REGISTER_COUNT = IR_FIRST_CHANNEL + REGISTERS_PER_CHANNEL * Channel.values().length;
  /** Version of this layout, served in {@link #IR_MAP_VERSION}. */
  public static final int MAP_VERSION = 1;

  /** Status bit: the logger is scanning; set in every answered read (an offline logger refuses reads). */
  public static final int STATUS_LOGGER_OK = 1;
  /** Status bit: battery below 11.8 V. */
  public static final int STATUS_BATTERY_LOW = 1 << 1;
  /** Status bit: a scenario other than normal is active. */
  public static final int STATUS_SCENARIO_ACTIVE = 1 << 2;
  /** Status bit: at least one channel has a quality other than good. */
  public static final int STATUS_CHANNEL_FAULT = 1 << 3;
  /** Status bit: the spillway gate is open. */
  public static final int STATUS_SPILLWAY_OPEN = 1 << 4;
  /** Status bit, always set: these readings are SIMULATED, never a real dam's. */
  public static final int STATUS_SIMULATED = 1 << 15;

  /** Quality: measured and plausible. */
  public static final int QUALITY_GOOD = 0;
  /** Quality: measured but outside the channel's plausible range. */
  public static final int QUALITY_SUSPECT = 1;
  /** Quality: sensor fault, the value is not usable. */
  public static final int QUALITY_BAD = 2;
  /** Quality: no measurement yet (before the first scan). */
  public static final int QUALITY_NOT_MEASURED = 3;

  /** Holding: scan interval, seconds, 1..3600. */
  public static final int HR_SCAN_INTERVAL = 0;
  /** Holding: scenario code, {@link Scenario#code()}. */
  public static final int HR_SCENARIO = 1;
  /** Holding: seed, uint32 high word; takes effect when the low word is written. */
  public static final int HR_SEED_HI = 2;
  /** Holding: seed, low word; writing it restarts the physics from the seed. */
  public static final int HR_SEED_LO = 3;
  /** Holding: word order of the float32 values, {@link WordOrder#code()}. */
  public static final int HR_WORD_ORDER = 4;
  /** Number of holding registers served. */
  public static final int HOLDING_REGISTER_COUNT = 5;
  /** Smallest accepted scan interval, seconds. */
  public static final int MIN_SCAN_INTERVAL = 1;
  /** Largest accepted scan interval, seconds. */
  public static final int MAX_SCAN_INTERVAL = 3600;

  private RegisterMap() {}

  /** Input address of the first (float32) register of {@code channel}'s block. */
  public static int channelAddress(Channel channel) {
    return channelAddress(channel.ordinal());
  }

  /** Input address of the first register of block {@code index}. */
  public static int channelAddress(int index) {
    return IR_FIRST_CHANNEL + REGISTERS_PER_CHANNEL * index;
  }

  /** Input address of {@code channel}'s quality register. */
  public static int qualityAddress(Channel channel) {
    return channelAddress(channel) + 2;
  }

  /** Input address of {@code channel}'s age register. */
  public static int ageAddress(Channel channel) {
    return channelAddress(channel) + 3;
  }
}
