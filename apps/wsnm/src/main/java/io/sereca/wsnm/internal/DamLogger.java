package io.sereca.wsnm.internal;

import io.sereca.wsnm.Channel;
import io.sereca.wsnm.Dam;
import io.sereca.wsnm.RegisterMap;
import io.sereca.wsnm.Scenario;
import io.sereca.wsnm.WordOrder;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

/**
 * The SIMULATED data logger of one dam: scans the physics at its scan interval, keeps the last
 * scan, and renders it as Modbus registers. Thread-safe: Modbus handler threads read and write it
 * while the simulator's ticker scans it.
 */
public final class DamLogger {

  private static final Channel STUCK_CHANNEL = Channel.PIEZOMETER_2;

  private final Dam dam;
  private final Clock clock;
  private DamPhysics physics;
  private Scenario scenario = Scenario.NORMAL;
  private long seed;
  private int seedHighWord;
  private int scanIntervalSeconds;
  private WordOrder wordOrder;
  private long scanCounter;
  private Instant lastScan;
  private Map<Channel, Double> values = new EnumMap<>(Channel.class);
  private Double stuckValue;
  private double batteryVolts;
  private double loggerTemperature;

  /** A logger whose physics starts now (by {@code clock}) from {@code seed}; no scan yet. */
  public DamLogger(Dam dam, Clock clock, long seed, int scanIntervalSeconds, WordOrder wordOrder) {
    this.dam = dam;
    this.clock = clock;
    this.seed = seed & 0xFFFF_FFFFL;
    this.seedHighWord = (int) (this.seed >>> 16);
    this.scanIntervalSeconds = checkScanInterval(scanIntervalSeconds);
    this.wordOrder = wordOrder;
    this.physics = new DamPhysics(dam, this.seed, clock.instant());
  }

  /** The dam. */
  public Dam dam() {
    return dam;
  }

  /** Scans when the scan interval has elapsed since the last scan (or there was none). */
  public synchronized boolean tick() {
    Instant now = clock.instant();
    if (lastScan != null && now.getEpochSecond() - lastScan.getEpochSecond() < scanIntervalSeconds) {
      return false;
    }
    scan();
    return true;
  }

  /** Advances the physics to now and, unless the logger is offline, takes one scan. */
  public synchronized void scan() {
    Instant now = clock.instant();
    physics.advanceTo(now, scenario);
    if (scenario == Scenario.LOGGER_OFFLINE) {
      // An offline logger takes no scans: the counter resumes where it stopped.
      return;
    }
    Map<Channel, Double> measured = physics.measure();
    if (scenario == Scenario.STUCK_SENSOR) {
      if (stuckValue == null) {
        stuckValue = values.containsKey(STUCK_CHANNEL) ? values.get(STUCK_CHANNEL) : measured.get(STUCK_CHANNEL);
      }
      measured.put(STUCK_CHANNEL, stuckValue);
    } else {
      stuckValue = null;
    }
    values = measured;
    batteryVolts = physics.batteryVolts();
    loggerTemperature = physics.loggerTemperature();
    scanCounter = (scanCounter + 1) & 0xFFFF_FFFFL;
    lastScan = Instant.ofEpochSecond(now.getEpochSecond());
  }

  /** The scenario now in effect. */
  public synchronized Scenario scenario() {
    return scenario;
  }

  /** Switches the scenario; the physics follows it from the next step. */
  public synchronized void setScenario(Scenario next) {
    physics.advanceTo(clock.instant(), scenario);
    this.scenario = next;
  }

  /** Scan interval, seconds. */
  public synchronized int scanIntervalSeconds() {
    return scanIntervalSeconds;
  }

  /**
   * Sets the scan interval.
   *
   * @throws IllegalArgumentException naming the value when outside 1..3600 s
   */
  public synchronized void setScanIntervalSeconds(int seconds) {
    this.scanIntervalSeconds = checkScanInterval(seconds);
  }

  /** The seed the physics last started from. */
  public synchronized long seed() {
    return seed;
  }

  /** Restarts the physics now from {@code newSeed} (uint32); the scan counter keeps counting. */
  public synchronized void reseed(long newSeed) {
    this.seed = newSeed & 0xFFFF_FFFFL;
    this.seedHighWord = (int) (seed >>> 16);
    this.physics = new DamPhysics(dam, seed, clock.instant());
    this.stuckValue = null;
  }

  /** Word order of the served float32 values. */
  public synchronized WordOrder wordOrder() {
    return wordOrder;
  }

  /** Sets the word order of the served float32 values. */
  public synchronized void setWordOrder(WordOrder order) {
    this.wordOrder = order;
  }

  /** Scans taken so far (uint32, wraps). */
  public synchronized long scanCounter() {
    return scanCounter;
  }

  /** The last scanned value of {@code channel}, or NaN before the first scan. */
  public synchronized double value(Channel channel) {
    Double v = values.get(channel);
    return v == null ? Double.NaN : v;
  }

  /** The physics, for tests and diagnostics; callers must not step it concurrently with scans. */
  public synchronized DamPhysics physics() {
    return physics;
  }

  /** Whether measurement reads are refused (logger offline). */
  public synchronized boolean offline() {
    return scenario == Scenario.LOGGER_OFFLINE;
  }

  /** The input registers, rendered now: header, then the channel blocks (see {@link RegisterMap}). */
  public synchronized int[] inputRegisters() {
    int[] r = new int[RegisterMap.INPUT_REGISTER_COUNT];
    Instant now = clock.instant();
    long epoch = lastScan == null ? 0 : lastScan.getEpochSecond();
    r[RegisterMap.IR_EPOCH_HI] = (int) ((epoch >>> 16) & 0xFFFF);
    r[RegisterMap.IR_EPOCH_LO] = (int) (epoch & 0xFFFF);
    r[RegisterMap.IR_SCAN_COUNTER_HI] = (int) ((scanCounter >>> 16) & 0xFFFF);
    r[RegisterMap.IR_SCAN_COUNTER_LO] = (int) (scanCounter & 0xFFFF);
    r[RegisterMap.IR_BATTERY_MV] = lastScan == null ? 0 : clampUnsigned(Math.round(batteryVolts * 1000));
    r[RegisterMap.IR_LOGGER_TEMP_DECI_C] = lastScan == null ? 0 : (int) Math.round(loggerTemperature * 10) & 0xFFFF;
    r[RegisterMap.IR_CHANNEL_COUNT] = Channel.values().length;
    r[RegisterMap.IR_WORD_ORDER] = wordOrder.code();
    r[RegisterMap.IR_MAP_VERSION] = RegisterMap.MAP_VERSION;
    int status = RegisterMap.STATUS_SIMULATED | RegisterMap.STATUS_LOGGER_OK;
    if (lastScan != null && batteryVolts < 11.8) {
      status |= RegisterMap.STATUS_BATTERY_LOW;
    }
    if (scenario != Scenario.NORMAL) {
      status |= RegisterMap.STATUS_SCENARIO_ACTIVE;
    }
    for (Channel c : Channel.values()) {
      int a = RegisterMap.channelAddress(c);
      Double v = values.get(c);
      float f = v == null ? Float.NaN : v.floatValue();
      int[] words = wordOrder.encode(f);
      r[a] = words[0];
      r[a + 1] = words[1];
      int quality = quality(c, v);
      r[a + 2] = quality;
      long age = lastScan == null ? 0xFFFF : Math.max(0, now.getEpochSecond() - lastScan.getEpochSecond());
      r[a + 3] = (int) Math.min(0xFFFF, age);
      if (quality != RegisterMap.QUALITY_GOOD) {
        status |= RegisterMap.STATUS_CHANNEL_FAULT;
      }
    }
    if (values.getOrDefault(Channel.SPILLWAY_GATE, 0.0) > 0.5) {
      status |= RegisterMap.STATUS_SPILLWAY_OPEN;
    }
    r[RegisterMap.IR_STATUS] = status;
    return r;
  }

  /** The holding registers (see {@link RegisterMap}). */
  public synchronized int[] holdingRegisters() {
    int[] r = new int[RegisterMap.HOLDING_REGISTER_COUNT];
    r[RegisterMap.HR_SCAN_INTERVAL] = scanIntervalSeconds;
    r[RegisterMap.HR_SCENARIO] = scenario.code();
    r[RegisterMap.HR_SEED_HI] = seedHighWord & 0xFFFF;
    r[RegisterMap.HR_SEED_LO] = (int) (seed & 0xFFFF);
    r[RegisterMap.HR_WORD_ORDER] = wordOrder.code();
    return r;
  }

  /**
   * Writes one holding register as a Modbus client would.
   *
   * @throws IllegalArgumentException naming the register and value when refused
   */
  public synchronized void writeHolding(int address, int value) {
    int v = value & 0xFFFF;
    switch (address) {
      case RegisterMap.HR_SCAN_INTERVAL:
        setScanIntervalSeconds(v);
        break;
      case RegisterMap.HR_SCENARIO:
        setScenario(Scenario.fromCode(v));
        break;
      case RegisterMap.HR_SEED_HI:
        // Latched: the seed changes when the low word arrives, so a two-register write is atomic.
        seedHighWord = v;
        break;
      case RegisterMap.HR_SEED_LO:
        reseed(((long) seedHighWord << 16) | v);
        break;
      case RegisterMap.HR_WORD_ORDER:
        setWordOrder(WordOrder.fromCode(v));
        break;
      default:
        throw new IllegalArgumentException("holding register " + address + " does not exist (0.."
            + (RegisterMap.HOLDING_REGISTER_COUNT - 1) + ")");
    }
  }

  private int quality(Channel c, Double v) {
    if (v == null) {
      return RegisterMap.QUALITY_NOT_MEASURED;
    }
    if (v.isNaN() || v < c.min(dam) || v > c.max(dam)) {
      return RegisterMap.QUALITY_SUSPECT;
    }
    return RegisterMap.QUALITY_GOOD;
  }

  private static int clampUnsigned(long v) {
    return (int) Math.max(0, Math.min(0xFFFF, v));
  }

  private static int checkScanInterval(int seconds) {
    if (seconds < RegisterMap.MIN_SCAN_INTERVAL || seconds > RegisterMap.MAX_SCAN_INTERVAL) {
      throw new IllegalArgumentException("scan interval " + seconds + " s is outside "
          + RegisterMap.MIN_SCAN_INTERVAL + ".." + RegisterMap.MAX_SCAN_INTERVAL + " s");
    }
    return seconds;
  }
}
