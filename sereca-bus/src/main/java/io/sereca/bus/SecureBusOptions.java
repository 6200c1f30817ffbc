package io.sereca.bus;

import io.micrometer.core.instrument.MeterRegistry;
import io.sereca.enclave.bus.ReplayWindow;
import io.sereca.enclave.bus.RouteCipher;
import io.vertx.core.json.JsonObject;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Options of a {@link SecureEventBus}: a plain data object in the Vert.x style (defaults as
 * {@code DEFAULT_*} constants, no-arg, copy and JSON constructors, fluent setters).
 *
 * <p>The meter registry and the clock are objects, not data: they are not read from nor written to
 * JSON.
 */
public class SecureBusOptions {

  /** Default base of the sender id (a random suffix is always added). */
  public static final String DEFAULT_SENDER_NAME = "sereca-bus";
  /** Default allowed clock skew between sender and receiver: 30 s. */
  public static final long DEFAULT_MAX_SKEW_MILLIS = RouteCipher.DEFAULT_MAX_SKEW_MILLIS;
  /** Default replay window, in sequence numbers per sender. */
  public static final int DEFAULT_REPLAY_WINDOW_SIZE = ReplayWindow.DEFAULT_SIZE;
  /** Default number of senders a replay window tracks. */
  public static final int DEFAULT_MAX_TRACKED_SENDERS = ReplayWindow.DEFAULT_MAX_SENDERS;
  /** Default minimum interval between two WARN lines for the same reject reason: 10 s. */
  public static final long DEFAULT_REJECT_LOG_INTERVAL_MILLIS = 10_000;
  /** Default policy for addresses no route protects. */
  public static final UnprotectedAddressPolicy DEFAULT_UNPROTECTED_ADDRESS_POLICY =
      UnprotectedAddressPolicy.PASS_THROUGH;

  private String senderName;
  private long maxSkewMillis;
  private int replayWindowSize;
  private int maxTrackedSenders;
  private long rejectLogIntervalMillis;
  private UnprotectedAddressPolicy unprotectedAddressPolicy;
  private MeterRegistry meterRegistry;
  private LongSupplier clock;

  /** Options with every default. */
  public SecureBusOptions() {
    senderName = DEFAULT_SENDER_NAME;
    maxSkewMillis = DEFAULT_MAX_SKEW_MILLIS;
    replayWindowSize = DEFAULT_REPLAY_WINDOW_SIZE;
    maxTrackedSenders = DEFAULT_MAX_TRACKED_SENDERS;
    rejectLogIntervalMillis = DEFAULT_REJECT_LOG_INTERVAL_MILLIS;
    unprotectedAddressPolicy = DEFAULT_UNPROTECTED_ADDRESS_POLICY;
  }

  /** A copy of {@code other} (the registry and clock are shared, not copied). */
  public SecureBusOptions(SecureBusOptions other) {
    senderName = other.senderName;
    maxSkewMillis = other.maxSkewMillis;
    replayWindowSize = other.replayWindowSize;
    maxTrackedSenders = other.maxTrackedSenders;
    rejectLogIntervalMillis = other.rejectLogIntervalMillis;
    unprotectedAddressPolicy = other.unprotectedAddressPolicy;
    meterRegistry = other.meterRegistry;
    clock = other.clock;
  }

  /**
   * Options from JSON: {@code senderName}, {@code maxSkewMillis}, {@code replayWindowSize},
   * {@code maxTrackedSenders}, {@code rejectLogIntervalMillis}, {@code unprotectedAddressPolicy}
   * ({@code PASS_THROUGH} or {@code REFUSE}); missing fields keep their defaults.
   *
   * @throws IllegalArgumentException naming a field with a bad value
   */
  public SecureBusOptions(JsonObject json) {
    this();
    setSenderName(json.getString("senderName", senderName));
    setMaxSkewMillis(json.getLong("maxSkewMillis", maxSkewMillis));
    setReplayWindowSize(json.getInteger("replayWindowSize", replayWindowSize));
    setMaxTrackedSenders(json.getInteger("maxTrackedSenders", maxTrackedSenders));
    setRejectLogIntervalMillis(json.getLong("rejectLogIntervalMillis", rejectLogIntervalMillis));
    String policy = json.getString("unprotectedAddressPolicy");
    if (policy != null) {
      try {
        setUnprotectedAddressPolicy(UnprotectedAddressPolicy.valueOf(policy));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("unprotectedAddressPolicy must be PASS_THROUGH or REFUSE, was " + policy);
      }
    }
  }

  /** The data fields as JSON (not the registry nor the clock). */
  public JsonObject toJson() {
    return new JsonObject()
        .put("senderName", senderName)
        .put("maxSkewMillis", maxSkewMillis)
        .put("replayWindowSize", replayWindowSize)
        .put("maxTrackedSenders", maxTrackedSenders)
        .put("rejectLogIntervalMillis", rejectLogIntervalMillis)
        .put("unprotectedAddressPolicy", unprotectedAddressPolicy.name());
  }

  /** The base of this participant's sender id. */
  public String getSenderName() {
    return senderName;
  }

  /**
   * Sets the base of the sender id; a random 64-bit suffix is always appended, so restarts never
   * reuse nonces.
   */
  public SecureBusOptions setSenderName(String senderName) {
    if (senderName == null || senderName.isEmpty()) {
      throw new IllegalArgumentException("senderName must not be empty");
    }
    this.senderName = senderName;
    return this;
  }

  /** The allowed difference between an envelope's timestamp and the local clock. */
  public long getMaxSkewMillis() {
    return maxSkewMillis;
  }

  /** Sets the allowed clock skew in milliseconds (&gt; 0). */
  public SecureBusOptions setMaxSkewMillis(long maxSkewMillis) {
    if (maxSkewMillis <= 0) {
      throw new IllegalArgumentException("maxSkewMillis must be > 0, was " + maxSkewMillis);
    }
    this.maxSkewMillis = maxSkewMillis;
    return this;
  }

  /** The replay window size in sequence numbers. */
  public int getReplayWindowSize() {
    return replayWindowSize;
  }

  /** Sets the replay window size: a positive multiple of 64; reordering inside it is accepted. */
  public SecureBusOptions setReplayWindowSize(int replayWindowSize) {
    if (replayWindowSize < 64 || replayWindowSize % 64 != 0) {
      throw new IllegalArgumentException("replayWindowSize must be a positive multiple of 64, was " + replayWindowSize);
    }
    this.replayWindowSize = replayWindowSize;
    return this;
  }

  /** How many senders a replay window tracks. */
  public int getMaxTrackedSenders() {
    return maxTrackedSenders;
  }

  /** Sets how many senders a replay window tracks before forgetting the least recently active. */
  public SecureBusOptions setMaxTrackedSenders(int maxTrackedSenders) {
    if (maxTrackedSenders < 1) {
      throw new IllegalArgumentException("maxTrackedSenders must be >= 1, was " + maxTrackedSenders);
    }
    this.maxTrackedSenders = maxTrackedSenders;
    return this;
  }

  /** The minimum interval between two WARN lines for the same reject reason. */
  public long getRejectLogIntervalMillis() {
    return rejectLogIntervalMillis;
  }

  /** Sets the minimum interval between two WARN lines per reject reason (0 logs every drop). */
  public SecureBusOptions setRejectLogIntervalMillis(long rejectLogIntervalMillis) {
    if (rejectLogIntervalMillis < 0) {
      throw new IllegalArgumentException("rejectLogIntervalMillis must be >= 0, was " + rejectLogIntervalMillis);
    }
    this.rejectLogIntervalMillis = rejectLogIntervalMillis;
    return this;
  }

  /** What to do with addresses no route protects. */
  public UnprotectedAddressPolicy getUnprotectedAddressPolicy() {
    return unprotectedAddressPolicy;
  }

  /** Sets what to do with addresses no route protects. */
  public SecureBusOptions setUnprotectedAddressPolicy(UnprotectedAddressPolicy policy) {
    this.unprotectedAddressPolicy = Objects.requireNonNull(policy, "unprotectedAddressPolicy");
    return this;
  }

  /** The registry for the bus's meters, or null for a new Prometheus registry. */
  public MeterRegistry getMeterRegistry() {
    return meterRegistry;
  }

  /**
   * Sets the registry the bus's counters go to. When unset, each bus creates its own
   * {@link io.micrometer.prometheusmetrics.PrometheusMeterRegistry} (see
   * {@link SecureEventBus#meterRegistry()} and {@link BusMetrics#serve}).
   */
  public SecureBusOptions setMeterRegistry(MeterRegistry meterRegistry) {
    this.meterRegistry = meterRegistry;
    return this;
  }

  /** The wall clock in epoch milliseconds, or null for {@link System#currentTimeMillis()}. */
  public LongSupplier getClock() {
    return clock;
  }

  /**
   * Sets the wall clock used for envelope timestamps, the skew check and key grace periods
   * (tests inject one to step through rotation and staleness).
   */
  public SecureBusOptions setClock(LongSupplier clock) {
    this.clock = clock;
    return this;
  }

  @Override
  public String toString() {
    return "SecureBusOptions" + toJson().encode();
  }
}
