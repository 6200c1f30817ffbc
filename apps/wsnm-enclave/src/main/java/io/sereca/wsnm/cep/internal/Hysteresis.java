package io.sereca.wsnm.cep.internal;

/**
 * A limit crossed upwards ({@code high}) or downwards, with a deadband (the value must come back
 * past limit ∓ deadband to return) and an on-delay (the limit must stay exceeded that long, in
 * data time, before the condition holds): no chattering alarms on noise.
 */
public final class Hysteresis {

  private final boolean high;
  private final double deadband;
  private final long onDelay;
  private boolean active;
  private long pendingSince = Long.MIN_VALUE;

  /** A comparison in the given direction. */
  public Hysteresis(boolean high, double deadband, long onDelayMillis) {
    this.high = high;
    this.deadband = deadband;
    this.onDelay = onDelayMillis;
  }

  /** Updates with {@code value} at data time {@code t} against {@code limit}; returns the state. */
  public boolean update(double value, double limit, long t) {
    boolean exceeded = high ? value > limit : value < limit;
    if (!active) {
      if (exceeded) {
        if (pendingSince == Long.MIN_VALUE) {
          pendingSince = t;
        }
        if (t - pendingSince >= onDelay) {
          active = true;
        }
      } else {
        pendingSince = Long.MIN_VALUE;
      }
    } else {
      boolean back = high ? value < limit - deadband : value > limit + deadband;
      if (back) {
        active = false;
        pendingSince = Long.MIN_VALUE;
      }
    }
    return active;
  }

  /** The current state. */
  public boolean active() {
    return active;
  }
}
