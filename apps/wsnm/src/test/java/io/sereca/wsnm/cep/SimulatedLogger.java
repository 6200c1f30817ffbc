package io.sereca.wsnm.cep;

import io.sereca.wsnm.Channel;
import io.sereca.wsnm.Dam;
import io.sereca.wsnm.RegisterMap;
import io.sereca.wsnm.Scenario;
import io.sereca.wsnm.SteppedClock;
import io.sereca.wsnm.WordOrder;
import io.sereca.wsnm.data.Reading;
import io.sereca.wsnm.data.Scan;
import io.sereca.wsnm.internal.DamLogger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The SIMULATED data logger of one dam on a stepped clock, read the way the collector reads it:
 * through its Modbus input-register image (float32 values, quality, age), turned into a
 * {@link Scan}. Hours of simulated time run in milliseconds.
 */
final class SimulatedLogger {

  final SteppedClock clock;
  final DamLogger logger;
  final Dam dam;

  SimulatedLogger(Dam dam, long seed, Instant start) {
    this.dam = dam;
    this.clock = new SteppedClock(start);
    this.logger = new DamLogger(dam, clock, seed, 10, WordOrder.ABCD);
  }

  /**
   * Runs {@code scenario} for {@code duration} in 10 s scans; each scan read (none while the
   * logger is offline) goes to {@code scans}, and {@code tick} runs after every step.
   */
  void run(Scenario scenario, Duration duration, Consumer<Scan> scans, Runnable tick) {
    logger.setScenario(scenario);
    long steps = duration.getSeconds() / 10;
    for (long i = 0; i < steps; i++) {
      clock.advance(Duration.ofSeconds(10));
      logger.tick();
      if (!logger.offline() && logger.scanCounter() > 0) {
        scans.accept(read());
      }
      tick.run();
    }
  }

  /** The current register image as a scan, as the collector would build it. */
  Scan read() {
    int[] r = logger.inputRegisters();
    long epoch = ((long) r[RegisterMap.IR_EPOCH_HI] << 16) | r[RegisterMap.IR_EPOCH_LO];
    long counter = ((long) r[RegisterMap.IR_SCAN_COUNTER_HI] << 16) | r[RegisterMap.IR_SCAN_COUNTER_LO];
    List<Reading> readings = new ArrayList<>();
    for (Channel c : Channel.values()) {
      int a = RegisterMap.channelAddress(c);
      float v = Float.intBitsToFloat((r[a] << 16) | r[a + 1]);
      int quality = r[a + 2];
      if (Float.isNaN(v)) {
        v = 0;
        quality = Scan.NOT_MEASURED;
      }
      readings.add(Reading.create(c.name(), v, quality, r[a + 3]));
    }
    return Scan.create(dam.name(), counter, epoch, clock.millis(), r[RegisterMap.IR_STATUS],
        r[RegisterMap.IR_BATTERY_MV], (short) r[RegisterMap.IR_LOGGER_TEMP_DECI_C] / 10.0, List.of(), readings);
  }
}
