package io.sereca.wsnm.cep.internal;

import java.util.Arrays;

/**
 * A sliding time window of one channel's samples with O(1) amortised insertion, eviction, sum,
 * mean, variance, minimum and maximum (monotonic deques), and the median in O(w log w).
 *
 * <p>Memory is bounded: at most {@link #MAX_SAMPLES} samples are kept. When the window is long
 * compared with the scan interval, a sample is stored only if it is at least window/MAX_SAMPLES
 * after the last stored one (decimation); the newest value is always known. Samples whose time
 * is not after the newest stored sample are ignored (a logger clock going back is an integrity
 * alarm, not data).
 */
public final class Window {

  /** Most samples one window keeps. */
  public static final int MAX_SAMPLES = 2048;

  private final long span;
  private final long spacing;
  private final int capacity;
  private final long[] times;
  private final double[] values;
  private long head;
  private long tail;
  // Monotonic deques of sample sequence numbers, same ring capacity.
  private final long[] minQ;
  private final long[] maxQ;
  private long minHead;
  private long minTail;
  private long maxHead;
  private long maxTail;
  private double sum;
  private double sumSq;
  private double offset = Double.NaN;
  private long lastTime = Long.MIN_VALUE;
  private double latest = Double.NaN;

  /** A window of {@code spanMillis}. */
  public Window(long spanMillis) {
    this.span = spanMillis;
    this.spacing = spanMillis / MAX_SAMPLES;
    this.capacity = MAX_SAMPLES + 2;
    this.times = new long[capacity];
    this.values = new double[capacity];
    this.minQ = new long[capacity];
    this.maxQ = new long[capacity];
  }

  /** Adds a sample at {@code t} ms; returns false (and ignores it) if it is not after the last one. */
  public boolean add(long t, double v) {
    if (t <= lastTime) {
      return false;
    }
    lastTime = t;
    latest = v;
    evict(t);
    if (size() > 0 && t - times[idx(tail - 1)] < spacing) {
      return true;
    }
    if (size() == capacity) {
      removeOldest();
    }
    if (Double.isNaN(offset)) {
      // Sums of deviations from a first value keep the variance accurate for levels of ~1000 m.
      offset = v;
    }
    long seq = tail++;
    times[idx(seq)] = t;
    values[idx(seq)] = v;
    double d = v - offset;
    sum += d;
    sumSq += d * d;
    while (minTail > minHead && values[idx(minQ[idx(minTail - 1)])] >= v) {
      minTail--;
    }
    minQ[idx(minTail++)] = seq;
    while (maxTail > maxHead && values[idx(maxQ[idx(maxTail - 1)])] <= v) {
      maxTail--;
    }
    maxQ[idx(maxTail++)] = seq;
    return true;
  }

  private void evict(long now) {
    while (size() > 0 && times[idx(head)] < now - span) {
      removeOldest();
    }
  }

  private void removeOldest() {
    long seq = head++;
    double d = values[idx(seq)] - offset;
    sum -= d;
    sumSq -= d * d;
    if (minTail > minHead && minQ[idx(minHead)] == seq) {
      minHead++;
    }
    if (maxTail > maxHead && maxQ[idx(maxHead)] == seq) {
      maxHead++;
    }
    if (size() == 0) {
      sum = 0;
      sumSq = 0;
    }
  }

  private int idx(long seq) {
    return (int) Math.floorMod(seq, (long) capacity);
  }

  /** Stored samples. */
  public int size() {
    return (int) (tail - head);
  }

  /** Time between the oldest stored sample and the newest sample, ms. */
  public long covered() {
    return size() == 0 ? 0 : lastTime - times[idx(head)];
  }

  /** The newest value (NaN before the first). */
  public double latest() {
    return latest;
  }

  /** Mean of the stored samples. */
  public double mean() {
    return size() == 0 ? Double.NaN : offset + sum / size();
  }

  /** Population standard deviation of the stored samples. */
  public double stddev() {
    int n = size();
    if (n == 0) {
      return Double.NaN;
    }
    double m = sum / n;
    return Math.sqrt(Math.max(0, sumSq / n - m * m));
  }

  /** Minimum of the stored samples. */
  public double min() {
    return size() == 0 ? Double.NaN : values[idx(minQ[idx(minHead)])];
  }

  /** Maximum of the stored samples. */
  public double max() {
    return size() == 0 ? Double.NaN : values[idx(maxQ[idx(maxHead)])];
  }

  /** Median of the stored samples: O(w log w), for rules that ask for it. */
  public double median() {
    int n = size();
    if (n == 0) {
      return Double.NaN;
    }
    double[] copy = new double[n];
    for (int i = 0; i < n; i++) {
      copy[i] = values[idx(head + i)];
    }
    Arrays.sort(copy);
    return n % 2 == 1 ? copy[n / 2] : (copy[n / 2 - 1] + copy[n / 2]) / 2;
  }

  /**
   * Change per hour between the oldest stored sample and the newest value, or NaN when the
   * samples cover less than half the window (too short a base for a rate).
   */
  public double ratePerHour() {
    long covered = covered();
    if (size() == 0 || covered < span / 2 || covered <= 0) {
      return Double.NaN;
    }
    return (latest - values[idx(head)]) * 3_600_000.0 / covered;
  }
}
