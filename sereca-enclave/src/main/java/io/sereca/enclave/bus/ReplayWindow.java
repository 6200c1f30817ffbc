package io.sereca.enclave.bus;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Per-sender sliding window over sequence numbers (as in IPsec, RFC 4303 §3.4.3): a sequence above
 * the highest seen is accepted and slides the window; one inside the window is accepted once
 * (reordering is fine); one below the window, or seen before, is a replay. The number of senders
 * tracked is bounded (least recently active evicted); a sender evicted and heard again is protected
 * only by the timestamp checks (skew, and nothing older than the receiver), so the bound should be
 * well above the number of senders active within the allowed skew. Thread-safe.
 */
public final class ReplayWindow {

  /** Default window size in sequence numbers. */
  public static final int DEFAULT_SIZE = 1024;
  /** Default number of senders tracked. */
  public static final int DEFAULT_MAX_SENDERS = 16_384;

  private final int size;
  private final Map<String, long[]> senders;

  /** A window of {@link #DEFAULT_SIZE} for up to {@link #DEFAULT_MAX_SENDERS} senders. */
  public ReplayWindow() {
    this(DEFAULT_SIZE, DEFAULT_MAX_SENDERS);
  }

  /**
   * Creates a window.
   *
   * @param size window size, a multiple of 64
   * @param maxSenders senders tracked before the least recently active is forgotten
   */
  public ReplayWindow(int size, int maxSenders) {
    if (size < 64 || size % 64 != 0) {
      throw new IllegalArgumentException("window size must be a positive multiple of 64");
    }
    this.size = size;
    this.senders = new LinkedHashMap<>(256, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, long[]> eldest) {
        return size() > maxSenders;
      }
    };
  }

  /**
   * Records {@code sequence} from {@code sender} if it is fresh. Call only after the envelope's tag
   * verified, so forged sequences cannot move the window.
   *
   * @return true if fresh (deliver), false if a replay (drop)
   */
  public synchronized boolean accept(String sender, long sequence) {
    if (sequence <= 0) {
      return false;
    }
    // state[0] = highest sequence seen; state[1..] = bitmap, bit i of the window = highest - i.
    long[] state = senders.computeIfAbsent(sender, s -> new long[1 + size / 64]);
    long highest = state[0];
    if (sequence > highest) {
      shift(state, sequence - highest);
      state[0] = sequence;
      setBit(state, 0);
      return true;
    }
    long offset = highest - sequence;
    if (offset >= size) {
      return false;
    }
    if (getBit(state, (int) offset)) {
      return false;
    }
    setBit(state, (int) offset);
    return true;
  }

  private void shift(long[] state, long by) {
    if (by >= size) {
      java.util.Arrays.fill(state, 1, state.length, 0L);
      return;
    }
    // Shift the bitmap towards higher offsets by 'by' bits.
    int words = (int) (by / 64);
    int bits = (int) (by % 64);
    int n = state.length - 1;
    for (int i = n - 1; i >= 0; i--) {
      long v = 0;
      int src = i - words;
      if (src >= 0) {
        v = state[1 + src] << bits;
        if (bits != 0 && src - 1 >= 0) {
          v |= state[1 + src - 1] >>> (64 - bits);
        }
      }
      state[1 + i] = v;
    }
  }

  private static boolean getBit(long[] state, int offset) {
    return (state[1 + offset / 64] & (1L << (offset % 64))) != 0;
  }

  private static void setBit(long[] state, int offset) {
    state[1 + offset / 64] |= 1L << (offset % 64);
  }
}
