package io.sereca.wsnm.data;

import java.util.Objects;

/** One channel's value in a {@link Scan}: value, quality code and age in seconds. Immutable. */
public final class Reading {

  private final String channel;
  private final double value;
  private final int quality;
  private final int ageSeconds;

  private Reading(String channel, double value, int quality, int ageSeconds) {
    this.channel = channel;
    this.value = value;
    this.quality = quality;
    this.ageSeconds = ageSeconds;
  }

  /**
   * A validated reading.
   *
   * @throws IllegalArgumentException for a bad channel name, a non-finite value, a quality
   *     outside 0..3 or an age outside 0..65535
   */
  public static Reading create(String channel, double value, int quality, int ageSeconds) {
    Scan.name(channel, "channel");
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("reading " + channel + ": value is not finite");
    }
    if (quality < Scan.GOOD || quality > Scan.NOT_MEASURED) {
      throw new IllegalArgumentException("reading " + channel + ": quality " + quality + " is not 0..3");
    }
    if (ageSeconds < 0 || ageSeconds > 0xFFFF) {
      throw new IllegalArgumentException("reading " + channel + ": age " + ageSeconds + " is not 0..65535");
    }
    return new Reading(channel, value, quality, ageSeconds);
  }

  /** Channel id (the {@code Channel} enum's name, e.g. {@code RESERVOIR_LEVEL}). */
  public String channel() {
    return channel;
  }

  /** The value in the channel's unit. */
  public double value() {
    return value;
  }

  /** Quality code ({@link Scan#GOOD} ...). */
  public int quality() {
    return quality;
  }

  /** Seconds since the logger measured it. */
  public int ageSeconds() {
    return ageSeconds;
  }

  /** Whether the quality is GOOD. */
  public boolean good() {
    return quality == Scan.GOOD;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Reading)) {
      return false;
    }
    Reading r = (Reading) o;
    return channel.equals(r.channel) && Double.compare(value, r.value) == 0 && quality == r.quality
        && ageSeconds == r.ageSeconds;
  }

  @Override
  public int hashCode() {
    return Objects.hash(channel, value, quality, ageSeconds);
  }

  @Override
  public String toString() {
    return channel + "=" + value + "(q" + quality + ")";
  }
}
