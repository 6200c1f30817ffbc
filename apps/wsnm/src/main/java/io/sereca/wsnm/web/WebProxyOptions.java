package io.sereca.wsnm.web;

import io.vertx.core.json.JsonObject;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Set;

/**
 * Options of the {@link WebProxyVerticle}: where it listens and how it relays. A data object: no-arg,
 * copy and JSON constructors, fluent setters, {@link #toJson()}; unknown JSON keys are errors.
 */
public final class WebProxyOptions {

  /** Default listen host: loopback only. */
  public static final String DEFAULT_HOST = "127.0.0.1";
  /** Default port. */
  public static final int DEFAULT_PORT = 8080;
  /** Default period of the expiry tick sent to the gateway. */
  public static final long DEFAULT_TICK_INTERVAL_MILLIS = 5_000;
  /** Default timeout of a relayed request to the gateway. */
  public static final long DEFAULT_REQUEST_TIMEOUT_MILLIS = 20_000;
  /** Default largest HTTP body or bridged frame accepted. */
  public static final int DEFAULT_MAX_REQUEST_BYTES = 96 * 1024;

  private static final Set<String> KEYS = Set.of("host", "port", "tickIntervalMillis", "requestTimeoutMillis",
      "maxRequestBytes", "allowNonLoopback");

  private String host = DEFAULT_HOST;
  private int port = DEFAULT_PORT;
  private long tickIntervalMillis = DEFAULT_TICK_INTERVAL_MILLIS;
  private long requestTimeoutMillis = DEFAULT_REQUEST_TIMEOUT_MILLIS;
  private int maxRequestBytes = DEFAULT_MAX_REQUEST_BYTES;
  private boolean allowNonLoopback;

  /** Defaults. */
  public WebProxyOptions() {}

  /** A copy. */
  public WebProxyOptions(WebProxyOptions other) {
    this.host = other.host;
    this.port = other.port;
    this.tickIntervalMillis = other.tickIntervalMillis;
    this.requestTimeoutMillis = other.requestTimeoutMillis;
    this.maxRequestBytes = other.maxRequestBytes;
    this.allowNonLoopback = other.allowNonLoopback;
  }

  /**
   * From JSON.
   *
   * @throws IllegalArgumentException for an unknown key or a value out of range
   */
  public WebProxyOptions(JsonObject json) {
    for (String k : json.fieldNames()) {
      if (!KEYS.contains(k)) {
        throw new IllegalArgumentException("unknown web proxy option '" + k + "' (known: " + KEYS + ")");
      }
    }
    try {
      setAllowNonLoopback(json.getBoolean("allowNonLoopback", false));
      setHost(json.getString("host", DEFAULT_HOST));
      setPort(json.getInteger("port", DEFAULT_PORT));
      setTickIntervalMillis(json.getLong("tickIntervalMillis", DEFAULT_TICK_INTERVAL_MILLIS));
      setRequestTimeoutMillis(json.getLong("requestTimeoutMillis", DEFAULT_REQUEST_TIMEOUT_MILLIS));
      setMaxRequestBytes(json.getInteger("maxRequestBytes", DEFAULT_MAX_REQUEST_BYTES));
    } catch (ClassCastException e) {
      throw new IllegalArgumentException("web proxy option of the wrong type: " + e.getMessage());
    }
  }

  /** As JSON. */
  public JsonObject toJson() {
    return new JsonObject().put("host", host).put("port", port).put("tickIntervalMillis", tickIntervalMillis)
        .put("requestTimeoutMillis", requestTimeoutMillis).put("maxRequestBytes", maxRequestBytes)
        .put("allowNonLoopback", allowNonLoopback);
  }

  /** Listen host. */
  public String getHost() {
    return host;
  }

  /**
   * Listen host; a non-loopback address needs {@link #setAllowNonLoopback} (the page's WebCrypto
   * needs a secure context: loopback, or TLS in front).
   */
  public WebProxyOptions setHost(String host) {
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("host must not be empty");
    }
    if (!allowNonLoopback) {
      try {
        if (!InetAddress.getByName(host).isLoopbackAddress()) {
          throw new IllegalArgumentException("host " + host + " is not a loopback address (set allowNonLoopback)");
        }
      } catch (UnknownHostException e) {
        throw new IllegalArgumentException("unknown host " + host);
      }
    }
    this.host = host;
    return this;
  }

  /** Listen port (0: any free port). */
  public int getPort() {
    return port;
  }

  /** Listen port, 0..65535 (0: any free port). */
  public WebProxyOptions setPort(int port) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be in 0..65535, was " + port);
    }
    this.port = port;
    return this;
  }

  /** Period of the expiry tick. */
  public long getTickIntervalMillis() {
    return tickIntervalMillis;
  }

  /** Period of the expiry tick, 100 ms .. 10 min. */
  public WebProxyOptions setTickIntervalMillis(long millis) {
    if (millis < 100 || millis > 600_000) {
      throw new IllegalArgumentException("tickIntervalMillis must be in 100..600000, was " + millis);
    }
    this.tickIntervalMillis = millis;
    return this;
  }

  /** Timeout of a relayed request. */
  public long getRequestTimeoutMillis() {
    return requestTimeoutMillis;
  }

  /** Timeout of a relayed request, 1 s .. 5 min. */
  public WebProxyOptions setRequestTimeoutMillis(long millis) {
    if (millis < 1000 || millis > 300_000) {
      throw new IllegalArgumentException("requestTimeoutMillis must be in 1000..300000, was " + millis);
    }
    this.requestTimeoutMillis = millis;
    return this;
  }

  /** Largest HTTP body or bridged frame. */
  public int getMaxRequestBytes() {
    return maxRequestBytes;
  }

  /** Largest HTTP body or bridged frame, 1 KiB .. 1 MiB. */
  public WebProxyOptions setMaxRequestBytes(int bytes) {
    if (bytes < 1024 || bytes > 1 << 20) {
      throw new IllegalArgumentException("maxRequestBytes must be in 1024..1048576, was " + bytes);
    }
    this.maxRequestBytes = bytes;
    return this;
  }

  /** Whether a non-loopback listen host is allowed. */
  public boolean isAllowNonLoopback() {
    return allowNonLoopback;
  }

  /** Allows a non-loopback listen host (put TLS in front of it). */
  public WebProxyOptions setAllowNonLoopback(boolean allow) {
    this.allowNonLoopback = allow;
    return this;
  }
}
