package io.sereca.wsnm.enclave.store;

import java.util.ArrayList;
import java.util.List;

/**
 * Downsamples one channel over [from, to) into equal buckets: per bucket the minimum, mean,
 * maximum and count of the values added. Bucket {@code i} starts at {@code from + i * width},
 * {@code width = ceil((to - from) / buckets)}; empty buckets are left out of the points.
 */
public final class Trend {

  /** Most buckets a trend may ask for. */
  public static final int MAX_BUCKETS = 10_000;

  private final long from;
  private final long to;
  private final long width;
  private final double[] min;
  private final double[] max;
  private final double[] sum;
  private final long[] count;

  /**
   * A trend.
   *
   * @throws IllegalArgumentException unless from &lt; to and buckets is in 1..{@value #MAX_BUCKETS}
   */
  public Trend(long from, long to, int buckets) {
    if (from >= to) {
      throw new IllegalArgumentException("trend: 'from' must be before 'to'");
    }
    if (buckets < 1 || buckets > MAX_BUCKETS) {
      throw new IllegalArgumentException("trend: 'buckets' must be 1.." + MAX_BUCKETS);
    }
    long span = to - from;
    this.from = from;
    this.to = to;
    this.width = (span + buckets - 1) / buckets;
    int n = (int) Math.min(buckets, (span + width - 1) / width);
    min = new double[n];
    max = new double[n];
    sum = new double[n];
    count = new long[n];
  }

  /** Adds a value measured at {@code time}; values outside [from, to) are ignored. */
  public void add(long time, double value) {
    if (time < from || time >= to) {
      return;
    }
    int i = (int) ((time - from) / width);
    if (count[i] == 0) {
      min[i] = value;
      max[i] = value;
    } else {
      min[i] = Math.min(min[i], value);
      max[i] = Math.max(max[i], value);
    }
    sum[i] += value;
    count[i]++;
  }

  /** Bucket width in milliseconds. */
  public long width() {
    return width;
  }

  /** The non-empty buckets as {@code [bucketStartMs, min, avg, max, count]}, in time order. */
  public List<List<Object>> points() {
    List<List<Object>> out = new ArrayList<>();
    for (int i = 0; i < count.length; i++) {
      if (count[i] > 0) {
        out.add(List.of(from + i * width, min[i], sum[i] / count[i], max[i], count[i]));
      }
    }
    return out;
  }
}
