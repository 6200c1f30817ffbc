package io.sereca.wsnm.collector.internal;

import io.sereca.wsnm.data.Scan;
import java.util.ArrayList;
import java.util.List;

/**
 * What the collector remembers of one logger between reads: the last counter seen (a read with
 * the same counter is the same scan, not forwarded again) and the counter and logger time of the
 * last scan forwarded (for the {@code FLAG_*} checks). Event-loop confined.
 */
public final class LoggerState {

  private static final long U32 = 1L << 32;

  private long lastSeen = -1;
  private long lastForwarded = -1;
  private long lastForwardedTime = -1;

  /** Whether {@code counter} is a scan not seen before. */
  public boolean isNew(long counter) {
    return counter != lastSeen && counter != lastForwarded;
  }

  /** Records that {@code counter} was read (forwarded or not). */
  public void seen(long counter) {
    lastSeen = counter;
  }

  /** The validation flags of a new scan, compared with the last one forwarded. */
  public List<String> flags(long counter, long loggerTime) {
    List<String> flags = new ArrayList<>(2);
    if (lastForwarded >= 0) {
      // Counters wrap at 2^32: the distance forward modulo 2^32 tells a jump from a regression.
      long forward = Math.floorMod(counter - lastForwarded, U32);
      if (forward >= U32 / 2) {
        flags.add(Scan.FLAG_COUNTER_REGRESSED);
      } else if (forward > 1) {
        flags.add(Scan.FLAG_COUNTER_JUMP);
      }
    }
    if (lastForwardedTime >= 0 && loggerTime < lastForwardedTime) {
      flags.add(Scan.FLAG_TIME_BACKWARDS);
    }
    return flags;
  }

  /** Records the scan that was buffered for forwarding. */
  public void forwarded(long counter, long loggerTime) {
    lastSeen = counter;
    lastForwarded = counter;
    lastForwardedTime = loggerTime;
  }

  /** Counter of the last forwarded scan, or -1. */
  public long lastForwarded() {
    return lastForwarded;
  }

  /** Logger time of the last forwarded scan, or -1. */
  public long lastForwardedTime() {
    return lastForwardedTime;
  }
}
