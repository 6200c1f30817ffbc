package io.sereca.wsnm.collector;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Options of a {@link DataCollectorVerticle}, as a data object; also read from the verticle's
 * config JSON:
 *
 * <pre>{@code
 * {
 *   "collectorId": "dam-site-1",
 *   "loggers": [{"dam":"CONZA","host":"127.0.0.1","port":5023,"unitId":1}],
 *   "pollIntervalMillis": 1000,
 *   "requestTimeoutMillis": 2000,
 *   "bufferDirectory": "/var/lib/wsnm/collector",
 *   "maxBufferedScans": 1000000
 * }
 * }</pre>
 *
 * Unknown keys are errors: a typo must not silently fall back to a default.
 */
public final class DataCollectorOptions {

  /** Default poll interval: a scan is new only when the logger's counter changed, so polling faster than the logger scans costs one small read. */
  public static final long DEFAULT_POLL_INTERVAL_MILLIS = 1000;
  /** Default Modbus request timeout. */
  public static final int DEFAULT_REQUEST_TIMEOUT_MILLIS = 2000;
  /** Default first back-off (logger reconnect, delivery retry). */
  public static final long DEFAULT_RETRY_BACKOFF_MILLIS = 500;
  /** Default longest back-off. */
  public static final long DEFAULT_MAX_RETRY_BACKOFF_MILLIS = 30_000;
  /** Default buffer bound: 1,000,000 scans (about 1.1 GB on disk; 40 h of 7 loggers scanning every second). */
  public static final long DEFAULT_MAX_BUFFERED_SCANS = 1_000_000;
  /** Default timeout of one hand-over to the collector enclave (it waits for storage's ack). */
  public static final long DEFAULT_DELIVERY_TIMEOUT_MILLIS = 15_000;
  /** Default number of scans handed over and not yet acknowledged (enough to cover the enclave and storage round trip at 1,000 scans/s). */
  public static final int DEFAULT_MAX_IN_FLIGHT = 256;
  /** Default collector id. */
  public static final String DEFAULT_COLLECTOR_ID = "wsnm-collector";

  private String collectorId = DEFAULT_COLLECTOR_ID;
  private List<LoggerEndpoint> loggers = new ArrayList<>();
  private long pollIntervalMillis = DEFAULT_POLL_INTERVAL_MILLIS;
  private int requestTimeoutMillis = DEFAULT_REQUEST_TIMEOUT_MILLIS;
  private String bufferDirectory;
  private long maxBufferedScans = DEFAULT_MAX_BUFFERED_SCANS;
  private long retryBackoffMillis = DEFAULT_RETRY_BACKOFF_MILLIS;
  private long maxRetryBackoffMillis = DEFAULT_MAX_RETRY_BACKOFF_MILLIS;
  private long deliveryTimeoutMillis = DEFAULT_DELIVERY_TIMEOUT_MILLIS;
  private int maxInFlight = DEFAULT_MAX_IN_FLIGHT;
  private String enclaveToken;

  /** Defaults (loggers and buffer directory must still be set). */
  public DataCollectorOptions() {}

  /** Copy constructor (deep: the logger endpoints are copied). */
  public DataCollectorOptions(DataCollectorOptions other) {
    this.collectorId = other.collectorId;
    this.loggers = new ArrayList<>();
    other.loggers.forEach(l -> this.loggers.add(new LoggerEndpoint(l)));
    this.pollIntervalMillis = other.pollIntervalMillis;
    this.requestTimeoutMillis = other.requestTimeoutMillis;
    this.bufferDirectory = other.bufferDirectory;
    this.maxBufferedScans = other.maxBufferedScans;
    this.retryBackoffMillis = other.retryBackoffMillis;
    this.maxRetryBackoffMillis = other.maxRetryBackoffMillis;
    this.deliveryTimeoutMillis = other.deliveryTimeoutMillis;
    this.maxInFlight = other.maxInFlight;
    this.enclaveToken = other.enclaveToken;
  }

  /**
   * From JSON; unknown keys are errors.
   *
   * @throws IllegalArgumentException naming the bad key or value
   */
  public DataCollectorOptions(JsonObject json) {
    for (String key : json.fieldNames()) {
      switch (key) {
        case "collectorId": setCollectorId(json.getString(key)); break;
        case "loggers":
          List<LoggerEndpoint> list = new ArrayList<>();
          for (Object o : json.getJsonArray(key)) {
            if (!(o instanceof JsonObject)) {
              throw new IllegalArgumentException("collector config: loggers must be objects");
            }
            list.add(new LoggerEndpoint((JsonObject) o));
          }
          setLoggers(list);
          break;
        case "pollIntervalMillis": setPollIntervalMillis(json.getLong(key)); break;
        case "requestTimeoutMillis": setRequestTimeoutMillis(json.getInteger(key)); break;
        case "bufferDirectory": setBufferDirectory(json.getString(key)); break;
        case "maxBufferedScans": setMaxBufferedScans(json.getLong(key)); break;
        case "retryBackoffMillis": setRetryBackoffMillis(json.getLong(key)); break;
        case "maxRetryBackoffMillis": setMaxRetryBackoffMillis(json.getLong(key)); break;
        case "deliveryTimeoutMillis": setDeliveryTimeoutMillis(json.getLong(key)); break;
        case "maxInFlight": setMaxInFlight(json.getInteger(key)); break;
        case "enclaveToken": setEnclaveToken(json.getString(key)); break;
        default:
          throw new IllegalArgumentException("collector config has unknown key '" + key + "' (known: collectorId,"
              + " loggers, pollIntervalMillis, requestTimeoutMillis, bufferDirectory, maxBufferedScans,"
              + " retryBackoffMillis, maxRetryBackoffMillis, deliveryTimeoutMillis, maxInFlight, enclaveToken)");
      }
    }
  }

  /** As JSON. */
  public JsonObject toJson() {
    JsonArray ls = new JsonArray();
    loggers.forEach(l -> ls.add(l.toJson()));
    JsonObject j = new JsonObject().put("collectorId", collectorId).put("loggers", ls)
        .put("pollIntervalMillis", pollIntervalMillis).put("requestTimeoutMillis", requestTimeoutMillis)
        .put("maxBufferedScans", maxBufferedScans).put("retryBackoffMillis", retryBackoffMillis)
        .put("maxRetryBackoffMillis", maxRetryBackoffMillis).put("deliveryTimeoutMillis", deliveryTimeoutMillis)
        .put("maxInFlight", maxInFlight);
    if (bufferDirectory != null) {
      j.put("bufferDirectory", bufferDirectory);
    }
    if (enclaveToken != null) {
      j.put("enclaveToken", enclaveToken);
    }
    return j;
  }

  /** Checks the options that have no default. */
  void validate() {
    if (bufferDirectory == null) {
      throw new IllegalArgumentException("collector config needs 'bufferDirectory'");
    }
    if (loggers.isEmpty()) {
      throw new IllegalArgumentException("collector config needs at least one logger");
    }
    java.util.Set<io.sereca.wsnm.Dam> seen = java.util.EnumSet.noneOf(io.sereca.wsnm.Dam.class);
    for (LoggerEndpoint l : loggers) {
      if (l.getDam() == null || l.getPort() == 0) {
        throw new IllegalArgumentException("logger endpoint " + l + " needs a dam and a port");
      }
      if (!seen.add(l.getDam())) {
        throw new IllegalArgumentException("dam " + l.getDam() + " has two loggers in one collector");
      }
    }
    if (maxRetryBackoffMillis < retryBackoffMillis) {
      throw new IllegalArgumentException("maxRetryBackoffMillis is below retryBackoffMillis");
    }
  }

  /** Name of this collector in logs and metrics. */
  public String getCollectorId() {
    return collectorId;
  }

  /** Sets the collector id. */
  public DataCollectorOptions setCollectorId(String collectorId) {
    if (collectorId == null || collectorId.isBlank()) {
      throw new IllegalArgumentException("collector id must not be empty");
    }
    this.collectorId = collectorId;
    return this;
  }

  /** The loggers polled (one per dam). */
  public List<LoggerEndpoint> getLoggers() {
    return loggers;
  }

  /** Sets the loggers. */
  public DataCollectorOptions setLoggers(List<LoggerEndpoint> loggers) {
    this.loggers = new ArrayList<>(Objects.requireNonNull(loggers, "loggers"));
    return this;
  }

  /** Adds a logger. */
  public DataCollectorOptions addLogger(LoggerEndpoint logger) {
    this.loggers.add(Objects.requireNonNull(logger, "logger"));
    return this;
  }

  /** How often each logger is read. */
  public long getPollIntervalMillis() {
    return pollIntervalMillis;
  }

  /** Sets the poll interval (≥ 1 ms). */
  public DataCollectorOptions setPollIntervalMillis(long pollIntervalMillis) {
    if (pollIntervalMillis < 1) {
      throw new IllegalArgumentException("poll interval must be at least 1 ms");
    }
    this.pollIntervalMillis = pollIntervalMillis;
    return this;
  }

  /** Modbus request (and connect) timeout. */
  public int getRequestTimeoutMillis() {
    return requestTimeoutMillis;
  }

  /** Sets the Modbus timeout (≥ 1 ms). */
  public DataCollectorOptions setRequestTimeoutMillis(int requestTimeoutMillis) {
    if (requestTimeoutMillis < 1) {
      throw new IllegalArgumentException("request timeout must be at least 1 ms");
    }
    this.requestTimeoutMillis = requestTimeoutMillis;
    return this;
  }

  /** Directory of the durable scan buffer (created; one collector per directory). */
  public String getBufferDirectory() {
    return bufferDirectory;
  }

  /** Sets the buffer directory. */
  public DataCollectorOptions setBufferDirectory(String bufferDirectory) {
    this.bufferDirectory = bufferDirectory;
    return this;
  }

  /** Most scans kept buffered (not yet acknowledged by storage); see docs/wsnm-collector.md for what happens at the bound. */
  public long getMaxBufferedScans() {
    return maxBufferedScans;
  }

  /** Sets the buffer bound (≥ 1). */
  public DataCollectorOptions setMaxBufferedScans(long maxBufferedScans) {
    if (maxBufferedScans < 1) {
      throw new IllegalArgumentException("maxBufferedScans must be at least 1");
    }
    this.maxBufferedScans = maxBufferedScans;
    return this;
  }

  /** First back-off after a failed delivery or logger connection; doubles up to {@link #getMaxRetryBackoffMillis()}. */
  public long getRetryBackoffMillis() {
    return retryBackoffMillis;
  }

  /** Sets the first back-off (≥ 1 ms). */
  public DataCollectorOptions setRetryBackoffMillis(long retryBackoffMillis) {
    if (retryBackoffMillis < 1) {
      throw new IllegalArgumentException("retry back-off must be at least 1 ms");
    }
    this.retryBackoffMillis = retryBackoffMillis;
    return this;
  }

  /** Longest back-off. */
  public long getMaxRetryBackoffMillis() {
    return maxRetryBackoffMillis;
  }

  /** Sets the longest back-off. */
  public DataCollectorOptions setMaxRetryBackoffMillis(long maxRetryBackoffMillis) {
    if (maxRetryBackoffMillis < 1) {
      throw new IllegalArgumentException("max retry back-off must be at least 1 ms");
    }
    this.maxRetryBackoffMillis = maxRetryBackoffMillis;
    return this;
  }

  /** Timeout of one hand-over to the collector enclave, which answers once storage acknowledged. */
  public long getDeliveryTimeoutMillis() {
    return deliveryTimeoutMillis;
  }

  /** Sets the delivery timeout (≥ 1 ms). */
  public DataCollectorOptions setDeliveryTimeoutMillis(long deliveryTimeoutMillis) {
    if (deliveryTimeoutMillis < 1) {
      throw new IllegalArgumentException("delivery timeout must be at least 1 ms");
    }
    this.deliveryTimeoutMillis = deliveryTimeoutMillis;
    return this;
  }

  /**
   * The token the collector enclave was provisioned with ({@code WSNM_COLLECTOR_TOKEN}), sent in
   * header {@code wsnm-collector-token} with every scan; null to send none.
   */
  public String getEnclaveToken() {
    return enclaveToken;
  }

  /** Sets the enclave token. */
  public DataCollectorOptions setEnclaveToken(String enclaveToken) {
    this.enclaveToken = enclaveToken;
    return this;
  }

  /** Most scans handed over and not yet answered. */
  public int getMaxInFlight() {
    return maxInFlight;
  }

  /** Sets the in-flight window (1..4096). */
  public DataCollectorOptions setMaxInFlight(int maxInFlight) {
    if (maxInFlight < 1 || maxInFlight > 4096) {
      throw new IllegalArgumentException("maxInFlight " + maxInFlight + " is not 1..4096");
    }
    this.maxInFlight = maxInFlight;
    return this;
  }
}
