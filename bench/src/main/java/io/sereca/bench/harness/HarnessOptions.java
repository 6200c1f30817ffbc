package io.sereca.bench.harness;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Options of an {@link EvaluationHarness} run, as a data object. {@link #quick()} gives the CI
 * smoke-test settings, the no-arg constructor the settings of a real run.
 */
public final class HarnessOptions {

  /** Pending requests of Fig. 5 (as in the paper). */
  public static final List<Integer> DEFAULT_PENDING_COUNTS = List.of(1, 2, 4, 8, 16, 32, 64, 128, 256);
  /** Payload sizes of Figs. 6 and 7 (as in the paper). */
  public static final List<Integer> DEFAULT_PAYLOAD_SIZES =
      List.of(0, 64, 512, 1024, 4096, 16 * 1024, 64 * 1024, 256 * 1024);
  /** Largest pending count accepted (the sender keeps that many requests in flight). */
  public static final int MAX_PENDING = 4096;
  /** Largest payload accepted: well inside the enclave boundary's 16 MiB frame limit. */
  public static final int MAX_PAYLOAD = 4 << 20;
  /** Payload of Fig. 5. */
  public static final int FIG5_PAYLOAD = 1024;
  /** Measured time per point and series of a real run. */
  public static final long DEFAULT_DURATION_MILLIS = 5_000;
  /**
   * Warm-up per series before the first point of a real run. On 2 vCPUs C2 is still compiling the
   * secure path 20-30 s into a run (measured with -XX:+PrintCompilation), so 10 s measured the
   * series that runs more code at a tier-3 disadvantage.
   */
  public static final long DEFAULT_WARMUP_MILLIS = 30_000;
  /** Unmeasured lead-in of each slice of a real run (requests fill the pipeline). */
  public static final long DEFAULT_SETTLE_MILLIS = 250;
  /** Length of the slices a point's measured time is cut into, series alternating per slice. */
  public static final long DEFAULT_SLICE_MILLIS = 1_000;

  /** Measured time per backend of a real {@link BenchSuite#WSNM} run. */
  public static final long WSNM_DURATION_MILLIS = 60_000;
  /** Warm-up per backend of a real {@link BenchSuite#WSNM} run. */
  public static final long WSNM_WARMUP_MILLIS = 20_000;
  /** Measured time per backend of a {@code --quick} {@link BenchSuite#WSNM} run. */
  public static final long WSNM_QUICK_DURATION_MILLIS = 4_000;
  /** Warm-up per backend of a {@code --quick} {@link BenchSuite#WSNM} run. */
  public static final long WSNM_QUICK_WARMUP_MILLIS = 2_000;

  private BenchSuite suite = BenchSuite.VAULT;
  private List<String> backends = List.of("sim", "process");
  private Path outputDirectory = Path.of("bench-results");
  private long durationMillis = DEFAULT_DURATION_MILLIS;
  private long warmupMillis = DEFAULT_WARMUP_MILLIS;
  private long settleMillis = DEFAULT_SETTLE_MILLIS;
  private long sliceMillis = DEFAULT_SLICE_MILLIS;
  private boolean quick;
  private List<String> responderJvmArgs = List.of();
  private List<Integer> pendingCounts = DEFAULT_PENDING_COUNTS;
  private List<Integer> payloadSizes = DEFAULT_PAYLOAD_SIZES;

  /** The settings of a real run. */
  public HarnessOptions() {}

  /** Copy constructor. */
  public HarnessOptions(HarnessOptions other) {
    suite = other.suite;
    backends = other.backends;
    outputDirectory = other.outputDirectory;
    durationMillis = other.durationMillis;
    warmupMillis = other.warmupMillis;
    settleMillis = other.settleMillis;
    sliceMillis = other.sliceMillis;
    quick = other.quick;
    responderJvmArgs = other.responderJvmArgs;
    pendingCounts = other.pendingCounts;
    payloadSizes = other.payloadSizes;
  }

  /**
   * The smoke-test settings: every point of every figure, each measured for 0.2 s in one slice (and
   * at least one full round of requests) after 0.05 s, 0.5 s of warm-up per series. Checks that
   * the harness works; the numbers mean little.
   */
  public static HarnessOptions quick() {
    return new HarnessOptions().setQuick(true).setDurationMillis(200).setWarmupMillis(500).setSettleMillis(50)
        .setSliceMillis(200);
  }

  /** Which evaluation. Default: {@link BenchSuite#VAULT}. */
  public BenchSuite getSuite() {
    return suite;
  }

  /** Sets the evaluation. */
  public HarnessOptions setSuite(BenchSuite suite) {
    this.suite = Objects.requireNonNull(suite, "suite");
    return this;
  }

  /** Enclave backends of a {@link BenchSuite#VAULT} or {@link BenchSuite#WSNM} run, in order. Default: sim, process. */
  public List<String> getBackends() {
    return backends;
  }

  /**
   * Sets the enclave backends.
   *
   * @throws IllegalArgumentException if empty or naming a backend other than sim or process
   */
  public HarnessOptions setBackends(List<String> backends) {
    if (backends.isEmpty()) {
      throw new IllegalArgumentException("backends: at least one of sim, process");
    }
    List<String> copy = new ArrayList<>();
    for (String b : backends) {
      if (!b.equals("sim") && !b.equals("process")) {
        throw new IllegalArgumentException("backends: unknown backend '" + b + "' (available: sim, process)");
      }
      if (!copy.contains(b)) {
        copy.add(b);
      }
    }
    this.backends = List.copyOf(copy);
    return this;
  }

  /** Where CSV, PNG and summary files go. Default: {@code bench-results}. */
  public Path getOutputDirectory() {
    return outputDirectory;
  }

  /** Sets the output directory (created if missing). */
  public HarnessOptions setOutputDirectory(Path outputDirectory) {
    this.outputDirectory = Objects.requireNonNull(outputDirectory, "outputDirectory");
    return this;
  }

  /**
   * Measured time per point and series ({@link BenchSuite#WSNM}: per backend; set it to
   * {@link #WSNM_DURATION_MILLIS} or {@link #WSNM_QUICK_DURATION_MILLIS}).
   */
  public long getDurationMillis() {
    return durationMillis;
  }

  /**
   * Sets the measured time per point and series.
   *
   * @throws IllegalArgumentException unless between 100 ms and 10 minutes
   */
  public HarnessOptions setDurationMillis(long durationMillis) {
    if (durationMillis < 100 || durationMillis > 600_000) {
      throw new IllegalArgumentException("duration: must be between 0.1 s and 600 s, was " + durationMillis + " ms");
    }
    this.durationMillis = durationMillis;
    return this;
  }

  /** Warm-up per series before the first point. */
  public long getWarmupMillis() {
    return warmupMillis;
  }

  /**
   * Sets the warm-up per series.
   *
   * @throws IllegalArgumentException unless between 0 and 10 minutes
   */
  public HarnessOptions setWarmupMillis(long warmupMillis) {
    if (warmupMillis < 0 || warmupMillis > 600_000) {
      throw new IllegalArgumentException("warmup: must be between 0 s and 600 s, was " + warmupMillis + " ms");
    }
    this.warmupMillis = warmupMillis;
    return this;
  }

  /** Length of the slices each point's measured time is cut into (series alternate per slice). */
  public long getSliceMillis() {
    return sliceMillis;
  }

  /**
   * Sets the slice length.
   *
   * @throws IllegalArgumentException unless between 100 ms and 10 minutes
   */
  public HarnessOptions setSliceMillis(long sliceMillis) {
    if (sliceMillis < 100 || sliceMillis > 600_000) {
      throw new IllegalArgumentException("slice: must be between 0.1 s and 600 s, was " + sliceMillis + " ms");
    }
    this.sliceMillis = sliceMillis;
    return this;
  }

  /** Unmeasured lead-in of each slice. */
  public long getSettleMillis() {
    return settleMillis;
  }

  /**
   * Sets the unmeasured lead-in of each point.
   *
   * @throws IllegalArgumentException unless between 0 and 60 s
   */
  public HarnessOptions setSettleMillis(long settleMillis) {
    if (settleMillis < 0 || settleMillis > 60_000) {
      throw new IllegalArgumentException("settle: must be between 0 s and 60 s, was " + settleMillis + " ms");
    }
    this.settleMillis = settleMillis;
    return this;
  }

  /** Whether this is a smoke-test run (labelled QUICK in every output). */
  public boolean isQuick() {
    return quick;
  }

  /** Marks the run as a smoke test. */
  public HarnessOptions setQuick(boolean quick) {
    this.quick = quick;
    return this;
  }

  /** Extra JVM options of the responder JVM (e.g. {@code -XX:StartFlightRecording=...}). */
  public List<String> getResponderJvmArgs() {
    return responderJvmArgs;
  }

  /** Sets extra JVM options of the responder JVM. */
  public HarnessOptions setResponderJvmArgs(List<String> responderJvmArgs) {
    this.responderJvmArgs = List.copyOf(responderJvmArgs);
    return this;
  }

  /** Pending counts of Fig. 5, ascending (default: {@link #DEFAULT_PENDING_COUNTS}). */
  public List<Integer> getPendingCounts() {
    return pendingCounts;
  }

  /**
   * Measures Fig. 5 at these pending counts only (and Figs. 6/7 at the best of them), e.g. one
   * point for an A/B of two builds. Sorted; duplicates dropped.
   *
   * @throws IllegalArgumentException if empty or a count is outside 1..{@value #MAX_PENDING}
   */
  public HarnessOptions setPendingCounts(List<Integer> pendingCounts) {
    this.pendingCounts = checkedList("pending", pendingCounts, 1, MAX_PENDING);
    return this;
  }

  /** Payload sizes of Figs. 6/7 in bytes, ascending (default: {@link #DEFAULT_PAYLOAD_SIZES}). */
  public List<Integer> getPayloadSizes() {
    return payloadSizes;
  }

  /**
   * Measures Figs. 6/7 at these payload sizes only. Sorted; duplicates dropped.
   *
   * @throws IllegalArgumentException if empty or a size is outside 0..{@value #MAX_PAYLOAD} bytes
   */
  public HarnessOptions setPayloadSizes(List<Integer> payloadSizes) {
    this.payloadSizes = checkedList("payloads", payloadSizes, 0, MAX_PAYLOAD);
    return this;
  }

  /**
   * Whether the run covers the paper's points (the defaults): only then are the targets of issue 7,
   * which average over payload bands, checked.
   */
  public boolean isFullSweep() {
    return pendingCounts.equals(DEFAULT_PENDING_COUNTS) && payloadSizes.equals(DEFAULT_PAYLOAD_SIZES);
  }

  private static List<Integer> checkedList(String name, List<Integer> values, int min, int max) {
    if (values == null || values.isEmpty()) {
      throw new IllegalArgumentException(name + ": at least one value");
    }
    TreeSet<Integer> sorted = new TreeSet<>();
    for (Integer v : values) {
      if (v == null || v < min || v > max) {
        throw new IllegalArgumentException(name + ": must be between " + min + " and " + max + ", was " + v);
      }
      sorted.add(v);
    }
    return List.copyOf(sorted);
  }
}
