package io.sereca.wsnm.cep;

import io.sereca.wsnm.data.Reading;
import io.sereca.wsnm.data.Scan;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** Scans and a hand-moved clock for engine tests. */
final class TestScans {

  static final long T0 = 1_772_323_200L;

  /** A clock the test moves. */
  static final class MovingClock extends Clock {
    Instant now = Instant.ofEpochSecond(T0);

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  private final String dam;
  private long counter;
  private long time = T0;
  private int batteryMv = 12_800;
  private final List<String> flags = new ArrayList<>();
  private final List<Reading> readings = new ArrayList<>();

  private TestScans(String dam) {
    this.dam = dam;
  }

  static TestScans of(String dam) {
    return new TestScans(dam);
  }

  TestScans counter(long c) {
    counter = c;
    return this;
  }

  TestScans at(long loggerTime) {
    time = loggerTime;
    return this;
  }

  TestScans battery(int mv) {
    batteryMv = mv;
    return this;
  }

  TestScans flag(String f) {
    flags.add(f);
    return this;
  }

  TestScans value(String channel, double v) {
    return value(channel, v, Scan.GOOD, 1);
  }

  TestScans value(String channel, double v, int quality, int age) {
    readings.add(Reading.create(channel, v, quality, age));
    return this;
  }

  Scan build() {
    return Scan.create(dam, counter, time, time * 1000, 0x8001, batteryMv, 20, flags, readings);
  }

  /** A scan of one channel. */
  static Scan one(String dam, long counter, long loggerTime, String channel, double v) {
    return of(dam).counter(counter).at(loggerTime).value(channel, v).build();
  }

  static RuleSet rules(String yaml) {
    try {
      return RuleSet.parse(yaml, "test");
    } catch (RuleException e) {
      throw new AssertionError(e.getMessage(), e);
    }
  }
}
