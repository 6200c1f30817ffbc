package io.sereca.wsnm.enclave;

import java.util.ArrayList;
import java.util.List;

/**
 * The recent points of one (dam, channel), sorted by time: parallel primitive arrays (17 bytes a
 * point), bounded by a time window relative to the newest point and by a point count.
 */
final class ChannelSeries {

  private final int maxPoints;
  private long[] times = new long[64];
  private double[] values = new double[64];
  private byte[] qualities = new byte[64];
  private int start;
  private int end;

  ChannelSeries(int maxPoints) {
    this.maxPoints = maxPoints;
  }

  int size() {
    return end - start;
  }

  /** Adds a point (usually the newest; a late one is inserted in order), then trims. */
  void add(long tMs, double value, int quality, long windowMs) {
    if (end == times.length) {
      makeRoom();
    }
    int pos = end;
    while (pos > start && times[pos - 1] > tMs) {
      pos--;
    }
    if (pos < end) {
      System.arraycopy(times, pos, times, pos + 1, end - pos);
      System.arraycopy(values, pos, values, pos + 1, end - pos);
      System.arraycopy(qualities, pos, qualities, pos + 1, end - pos);
    }
    times[pos] = tMs;
    values[pos] = value;
    qualities[pos] = (byte) quality;
    end++;
    long oldest = times[end - 1] - windowMs;
    while (start < end && (times[start] < oldest || end - start > maxPoints)) {
      start++;
    }
  }

  private void makeRoom() {
    int n = end - start;
    if (start > 0 && n < times.length * 3 / 4) {
      System.arraycopy(times, start, times, 0, n);
      System.arraycopy(values, start, values, 0, n);
      System.arraycopy(qualities, start, qualities, 0, n);
    } else {
      int cap = Math.min(Math.max(64, times.length * 2), maxPoints + 1);
      if (cap <= n) {
        cap = n + 1;
      }
      long[] t = new long[cap];
      double[] v = new double[cap];
      byte[] q = new byte[cap];
      System.arraycopy(times, start, t, 0, n);
      System.arraycopy(values, start, v, 0, n);
      System.arraycopy(qualities, start, q, 0, n);
      times = t;
      values = v;
      qualities = q;
    }
    start = 0;
    end = n;
  }

  /** The points with {@code from <= t <= to}, as {@code [t, value, quality]}. */
  List<Object> window(long from, long to) {
    List<Object> out = new ArrayList<>();
    for (int i = start; i < end; i++) {
      if (times[i] >= from && times[i] <= to) {
        out.add(List.of(times[i], values[i], (long) qualities[i]));
      }
    }
    return out;
  }

  /** The oldest time kept, or Long.MIN_VALUE if empty. */
  long oldest() {
    return start < end ? times[start] : Long.MIN_VALUE;
  }
}
