package io.sereca.bench.harness.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The outcome of one measured run: requests completed in the measured window and their response
 * times (from request sent to reply received, at the sender).
 *
 * @param target what was measured
 * @param pending requests kept in flight
 * @param payload request (and reply) body size in bytes
 * @param requests replies received in the window
 * @param seconds length of the window
 * @param meanMicros mean response time
 * @param p50Micros median response time
 * @param p99Micros 99th percentile response time
 * @param slices the measured slices the totals merge, in the order run (for {@link SliceBootstrap})
 */
public record RunStats(Target target, int pending, int payload, long requests, double seconds, double meanMicros,
    double p50Micros, double p99Micros, List<Slice> slices) {

  /**
   * One measured slice of a point.
   *
   * @param requests replies received in the slice
   * @param seconds the slice's length
   * @param sumMicros the sum of those replies' response times
   */
  public record Slice(long requests, double seconds, double sumMicros) {}

  /** Copies the slices. */
  public RunStats {
    slices = List.copyOf(slices);
  }

  /** Statistics over the samples (slices) of one point, merged. */
  static RunStats of(Target target, int pending, int payload, List<Sender.Sample> samples) {
    int count = 0;
    double seconds = 0;
    List<Slice> slices = new ArrayList<>();
    for (Sender.Sample s : samples) {
      count += s.nanos().length;
      seconds += s.seconds();
      double sum = 0;
      for (long n : s.nanos()) {
        sum += n;
      }
      slices.add(new Slice(s.nanos().length, s.seconds(), sum / 1e3));
    }
    long[] sorted = new long[count];
    int at = 0;
    for (Sender.Sample s : samples) {
      System.arraycopy(s.nanos(), 0, sorted, at, s.nanos().length);
      at += s.nanos().length;
    }
    Arrays.sort(sorted);
    double sum = 0;
    for (long n : sorted) {
      sum += n;
    }
    return new RunStats(target, pending, payload, count, seconds, count == 0 ? 0 : sum / count / 1e3,
        percentile(sorted, 0.50) / 1e3, percentile(sorted, 0.99) / 1e3, slices);
  }

  /** Nearest-rank percentile of sorted values (0 when empty). */
  static double percentile(long[] sorted, double p) {
    if (sorted.length == 0) {
      return 0;
    }
    int rank = (int) Math.ceil(p * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  /** Requests per second. */
  public double throughput() {
    return requests / seconds;
  }

  /** Payload bytes per second in both directions (request and reply bodies), in MiB/s. */
  public double trafficMibPerSecond() {
    return throughput() * payload * 2.0 / (1024.0 * 1024.0);
  }
}
