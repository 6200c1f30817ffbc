package io.sereca.wsnm;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock for the SIMULATED dam loggers that runs {@code factor} times faster than the wall
 * clock from a starting instant, so a demo or a test sees a flood rise in minutes rather than
 * hours. Factor 1 is real time.
 */
public final class AcceleratedClock extends Clock {

  /** Largest speed-up accepted (one simulated day per wall second is already plenty). */
  public static final int MAX_FACTOR = 86_400;

  private final Clock wall;
  private final long wallStart;
  private final long simStart;
  private final int factor;
  private final ZoneId zone;

  private AcceleratedClock(Clock wall, long wallStart, long simStart, int factor, ZoneId zone) {
    this.wall = wall;
    this.wallStart = wallStart;
    this.simStart = simStart;
    this.factor = factor;
    this.zone = zone;
  }

  /**
   * Simulated time starting now, running {@code factor} times faster than {@code wall}.
   *
   * @throws IllegalArgumentException if factor is not 1..{@value #MAX_FACTOR}
   */
  public static AcceleratedClock startingNow(Clock wall, int factor) {
    if (factor < 1 || factor > MAX_FACTOR) {
      throw new IllegalArgumentException("time factor " + factor + " is not 1.." + MAX_FACTOR);
    }
    long now = wall.millis();
    return new AcceleratedClock(wall, now, now, factor, ZoneOffset.UTC);
  }

  /** The speed-up. */
  public int factor() {
    return factor;
  }

  @Override
  public long millis() {
    return simStart + (wall.millis() - wallStart) * factor;
  }

  @Override
  public Instant instant() {
    return Instant.ofEpochMilli(millis());
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  /** The same simulated time line, seen in {@code zone}. */
  @Override
  public Clock withZone(ZoneId zone) {
    return zone.equals(this.zone) ? this
        : new AcceleratedClock(wall, wallStart, simStart, factor, java.util.Objects.requireNonNull(zone, "zone"));
  }
}
