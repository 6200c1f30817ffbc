package io.sereca.wsnm.enclave.web;

/**
 * Accepts each sequence number of one sender at most once, within a sliding window of 64 below the
 * highest seen: frames may arrive slightly out of order (an HTTP logout beside the WebSocket), never
 * twice, and nothing older than the window.
 */
public final class ReplayGuard {

  /** Width of the window. */
  public static final int WINDOW = 64;

  private long highest;
  private long seen; // bit i: highest - i was accepted

  /** A guard that has seen nothing; sequence numbers start at 1. */
  public ReplayGuard() {}

  /** Whether {@code sequence} would be accepted (does not record it). */
  public boolean fresh(long sequence) {
    if (sequence <= 0) {
      return false;
    }
    if (sequence > highest) {
      return true;
    }
    long back = highest - sequence;
    return back < WINDOW && (seen & (1L << back)) == 0;
  }

  /** Records {@code sequence}; call only after {@link #fresh} said yes and the frame authenticated. */
  public void record(long sequence) {
    if (sequence > highest) {
      long shift = sequence - highest;
      seen = shift >= WINDOW ? 0 : seen << shift;
      highest = sequence;
      seen |= 1;
    } else {
      seen |= 1L << (highest - sequence);
    }
  }
}
