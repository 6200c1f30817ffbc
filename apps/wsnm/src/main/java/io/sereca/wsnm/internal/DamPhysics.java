package io.sereca.wsnm.internal;

import io.sereca.wsnm.Channel;
import io.sereca.wsnm.Dam;
import io.sereca.wsnm.Scenario;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.EnumMap;
import java.util.Map;
import java.util.Random;

/**
 * SIMULATED physics of one dam: water balance, weather and the structure's response, advanced in
 * fixed steps of {@link #STEP_SECONDS} of simulated time.
 *
 * <p>Fixed steps from a fixed origin make the state a function of (seed, origin, elapsed steps,
 * scenario history) alone: however a caller chunks time, the same sequence of steps and random
 * draws happens. Measurement noise has its own generator so that reading more or less often does
 * not disturb the physics.
 */
public final class DamPhysics {

  /** Length of one physics step, seconds of simulated time. */
  public static final int STEP_SECONDS = 10;

  private static final double[] PIEZO_FRACTION = {0.85, 0.6, 0.4, 0.2};
  private static final double[] PIEZO_TAU_S = {6 * 3600.0, 12 * 3600.0, 24 * 3600.0, 48 * 3600.0};
  private static final double STAGE_EXPONENT = 1.6;
  private static final double RUNOFF_COEFFICIENT = 0.5;

  private final Dam dam;
  private final Random physicsRandom;
  private final Random noiseRandom;
  private final double meanAirTemp;
  private final double spillwayCapacity;
  private final double capacityM3;

  private long time;
  private double volume;
  private double level;
  private double rainRate;
  private double rainTarget;
  private double stormRemaining;
  private double rainCumulative;
  private double runoff;
  private double inflow;
  private double gate;
  private double spill;
  private double outlet;
  private double airNoise;
  private double air;
  private double water;
  private double concrete;
  private final double[] piezometers = new double[4];
  private double anomaly;
  private double creep;
  private double seepage;
  private double turbidity;
  private double battery;
  private double loggerTemp;

  /**
   * A dam at {@code origin} (rounded down to a whole step), its state drawn from {@code seed}.
   */
  public DamPhysics(Dam dam, long seed, Instant origin) {
    this.dam = dam;
    long mixed = seed * 0x9E3779B97F4A7C15L + dam.ordinal() * 0xBF58476D1CE4E5B9L;
    this.physicsRandom = new Random(mixed);
    this.noiseRandom = new Random(~mixed);
    this.time = Math.floorDiv(origin.getEpochSecond(), STEP_SECONDS) * STEP_SECONDS;
    this.capacityM3 = dam.capacityMm3() * 1e6;
    // Lapse rate from a 15 °C mean at 200 m: higher reservoirs are colder.
    this.meanAirTemp = 15.0 - 0.0065 * (dam.maxOperatingLevel() - 200.0);
    this.spillwayCapacity = 2.0 * dam.catchmentKm2();
    setLevel(dam.minOperatingLevel() + (0.55 + 0.25 * physicsRandom.nextDouble()) * span());
    double seasonal = seasonal(time);
    this.air = meanAirTemp + 9 * seasonal;
    this.water = Math.max(4.0, meanAirTemp + 6 * seasonal(time - 30 * 86_400L));
    this.concrete = 0.6 * air + 0.4 * water;
    this.outlet = dam.demandM3s();
    this.inflow = baseflow();
    for (int i = 0; i < piezometers.length; i++) {
      piezometers[i] = piezometerTarget(i);
    }
    this.seepage = seepageTarget();
    this.turbidity = 0.8;
    this.battery = 12.6;
    this.loggerTemp = air + 3;
  }

  /** Simulated time of the state, epoch seconds. */
  public long epochSecond() {
    return time;
  }

  /** Advances whole steps up to {@code now} (a remainder shorter than a step waits for later). */
  public void advanceTo(Instant now, Scenario scenario) {
    while (time + STEP_SECONDS <= now.getEpochSecond()) {
      step(scenario);
    }
  }

  /** One step of {@link #STEP_SECONDS}. */
  public void step(Scenario scenario) {
    double dt = STEP_SECONDS;
    time += STEP_SECONDS;
    weather(scenario, dt);
    waterBalance(scenario, dt);
    temperatures(dt);
    structure(scenario, dt);
    double sun = sun(time);
    battery += (12.3 + 0.9 * sun - battery) * dt / 1800.0;
    loggerTemp += (air + 3 + 8 * sun - loggerTemp) * dt / 1800.0;
  }

  private void weather(Scenario scenario, double dt) {
    switch (scenario) {
      case FLOOD:
        rainTarget = 35 + 10 * physicsRandom.nextGaussian();
        stormRemaining = 3600;
        break;
      case DRAWDOWN:
        rainTarget = 0;
        stormRemaining = 0;
        break;
      default:
        if (stormRemaining > 0) {
          stormRemaining -= dt;
          if (stormRemaining <= 0) {
            rainTarget = 0;
          }
        } else {
          double wet = isWetSeason(time) ? 1.0 : 0.35;
          // About one storm every four days in the wet season (October to April), rarer in summer.
          if (physicsRandom.nextDouble() < wet * dt / (4 * 86_400.0)) {
            stormRemaining = 3600 * (2 + 10 * physicsRandom.nextDouble());
            rainTarget = -2.5 * Math.log(1 - physicsRandom.nextDouble());
          }
        }
    }
    rainTarget = Math.max(0, rainTarget);
    rainRate += (rainTarget - rainRate) * Math.min(1, dt / 900.0);
    if (rainRate < 0.01 && rainTarget == 0) {
      rainRate = 0;
    }
    rainCumulative += rainRate * dt / 3600.0;
  }

  private void waterBalance(Scenario scenario, double dt) {
    double rainInflow = dam.catchmentKm2() * 1e6 * rainRate / 1000.0 / 3600.0 * RUNOFF_COEFFICIENT;
    // Linear-reservoir catchment: runoff reaches the dam over a few hours.
    runoff += (rainInflow - runoff) * dt / (3 * 3600.0);
    inflow = baseflow() + runoff;
    double maxLevel = dam.maxOperatingLevel();
    double gateTarget;
    double demand;
    if (scenario == Scenario.DRAWDOWN) {
      demand = 6 * dam.demandM3s() + 0.05 * capacityM3 / 86_400.0;
      gateTarget = level > maxLevel - 3 ? 0.3 : 0;
    } else {
      demand = dam.demandM3s();
      gateTarget = clamp((level - maxLevel + 0.2) / 0.8, 0, 1);
    }
    // The gate travels full stroke in about 100 minutes.
    double maxMove = dt / 6000.0;
    gate += clamp(gateTarget - gate, -maxMove, maxMove);
    double head = Math.max(0, level - (maxLevel - 3)) / 3.0;
    spill = gate * spillwayCapacity * Math.sqrt(head);
    // The outlet cannot draw from an empty reservoir.
    outlet = demand * Math.min(1, volume / (0.02 * capacityM3));
    volume = Math.max(0, volume + (inflow - outlet - spill) * dt);
    level = levelOf(volume);
  }

  private void temperatures(double dt) {
    double tau = 3 * 3600.0;
    double a = Math.exp(-dt / tau);
    airNoise = airNoise * a + Math.sqrt(1 - a * a) * 1.5 * physicsRandom.nextGaussian();
    double seasonalAir = meanAirTemp + 9 * seasonal(time);
    double hour = hourOfDay(time);
    air = seasonalAir + 5 * Math.cos(2 * Math.PI * (hour - 15) / 24) + airNoise - (rainRate > 0.5 ? 2 : 0);
    water += (Math.max(4.0, seasonalAir) - water) * dt / (20 * 86_400.0);
    concrete += (0.6 * seasonalAir + 0.4 * water - concrete) * dt / (7 * 86_400.0);
  }

  private void structure(Scenario scenario, double dt) {
    double anomalyTarget = scenario == Scenario.SEEPAGE_ANOMALY ? 1 : 0;
    double anomalyTau = anomalyTarget > anomaly ? 12 * 3600.0 : 24 * 3600.0;
    anomaly += (anomalyTarget - anomaly) * dt / anomalyTau;
    for (int i = 0; i < piezometers.length; i++) {
      piezometers[i] += (piezometerTarget(i) - piezometers[i]) * dt / PIEZO_TAU_S[i];
    }
    seepage += (seepageTarget() - seepage) * dt / (2 * 3600.0);
    turbidity += (0.8 + 60 * anomaly * anomaly - turbidity) * dt / 3600.0;
    // Irreversible creep of the crest towards downstream, about half a millimetre a year.
    creep += 0.5 * dt / (365 * 86_400.0);
  }

  private double piezometerTarget(int i) {
    double tail = tailwater();
    double uplift = i >= 2 ? 0.25 * anomaly * (level - tail) : 0;
    return tail + PIEZO_FRACTION[i] * (level - tail) + uplift;
  }

  private double seepageTarget() {
    return (2 + 0.3 * (level - dam.minOperatingLevel()) + 0.05 * rainRate) * (1 + 3 * anomaly);
  }

  private double baseflow() {
    // Winter-peaked baseflow of a Mediterranean catchment.
    return 0.004 * dam.catchmentKm2() * (1 + 0.6 * Math.cos(2 * Math.PI * (dayOfYear(time) - 40) / 365.0));
  }

  /** The readings of every channel now, with measurement noise. */
  public Map<Channel, Double> measure() {
    Map<Channel, Double> m = new EnumMap<>(Channel.class);
    double meanConcrete = 0.6 * meanAirTemp + 0.4 * Math.max(4.0, meanAirTemp);
    double fill = (level - dam.minOperatingLevel()) / span();
    double radial = 12 * fill * fill - 0.35 * (concrete - meanConcrete) + creep;
    double tangential = 0.12 * (concrete - meanConcrete);
    m.put(Channel.RESERVOIR_LEVEL, level + noise(0.005));
    m.put(Channel.RAIN_INTENSITY, rainRate);
    m.put(Channel.RAIN_CUMULATIVE, rainCumulative);
    m.put(Channel.INFLOW, Math.max(0, inflow * (1 + noise(0.01))));
    m.put(Channel.OUTFLOW, outlet + spill);
    m.put(Channel.SPILLWAY_GATE, 100 * gate);
    m.put(Channel.SPILLWAY_DISCHARGE, spill);
    m.put(Channel.AIR_TEMPERATURE, air + noise(0.1));
    m.put(Channel.WATER_TEMPERATURE, water + noise(0.05));
    m.put(Channel.CONCRETE_TEMPERATURE, concrete + noise(0.05));
    m.put(Channel.PIEZOMETER_1, piezometers[0] + noise(0.02));
    m.put(Channel.PIEZOMETER_2, piezometers[1] + noise(0.02));
    m.put(Channel.PIEZOMETER_3, piezometers[2] + noise(0.02));
    m.put(Channel.PIEZOMETER_4, piezometers[3] + noise(0.02));
    m.put(Channel.PENDULUM_RADIAL, radial + noise(0.02));
    m.put(Channel.PENDULUM_TANGENTIAL, tangential + noise(0.02));
    m.put(Channel.SEEPAGE_FLOW, Math.max(0, seepage + noise(0.05)));
    m.put(Channel.SEEPAGE_TURBIDITY, Math.max(0, turbidity + noise(0.1)));
    m.put(Channel.INCLINOMETER, 0.02 * radial + noise(0.002));
    m.put(Channel.EXTENSOMETER, -0.08 * (concrete - meanConcrete) + 0.3 * fill + noise(0.005));
    return m;
  }

  /** Logger battery voltage, V. */
  public double batteryVolts() {
    return battery + noise(0.01);
  }

  /** Logger enclosure temperature, °C. */
  public double loggerTemperature() {
    return loggerTemp + noise(0.05);
  }

  /** True reservoir level (no measurement noise), m a.s.l. */
  public double level() {
    return level;
  }

  /** True piezometric level of piezometer {@code index} (0..3), m a.s.l. */
  public double piezometer(int index) {
    return piezometers[index];
  }

  /** Stored volume, m³. */
  public double volume() {
    return volume;
  }

  /** Inflow, m³/s. */
  public double inflow() {
    return inflow;
  }

  /** Total outflow, m³/s. */
  public double outflow() {
    return outlet + spill;
  }

  /** Sets the level (and the volume with it); for a start state and for tests of the response. */
  public void setLevel(double newLevel) {
    double x = Math.max(0, (newLevel - dam.minOperatingLevel()) / span());
    this.volume = capacityM3 * Math.pow(x, STAGE_EXPONENT);
    this.level = levelOf(volume);
  }

  private double levelOf(double v) {
    return dam.minOperatingLevel() + span() * Math.pow(Math.max(0, v) / capacityM3, 1 / STAGE_EXPONENT);
  }

  private double span() {
    return dam.maxOperatingLevel() - dam.minOperatingLevel();
  }

  private double tailwater() {
    return dam.minOperatingLevel() - 15;
  }

  private double noise(double sigma) {
    return sigma * noiseRandom.nextGaussian();
  }

  private static double clamp(double v, double lo, double hi) {
    return Math.max(lo, Math.min(hi, v));
  }

  private static double seasonal(long epochSecond) {
    // -1 around 20 January, +1 around 21 July.
    return -Math.cos(2 * Math.PI * (dayOfYear(epochSecond) - 20) / 365.0);
  }

  private static boolean isWetSeason(long epochSecond) {
    int month = ZonedDateTime.ofInstant(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC).getMonthValue();
    return month >= 10 || month <= 4;
  }

  private static double dayOfYear(long epochSecond) {
    // Mean Gregorian year, so the seasons do not drift over decades of epoch seconds.
    return Math.floorMod(epochSecond, 31_556_952L) / 86_400.0;
  }

  private static double hourOfDay(long epochSecond) {
    return Math.floorMod(epochSecond, 86_400L) / 3600.0;
  }

  private static double sun(long epochSecond) {
    return Math.max(0, Math.sin(Math.PI * (hourOfDay(epochSecond) - 6) / 12));
  }
}
