package io.sereca.wsnm;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Options of a {@link DamSimulator}, as a data object: which dams, where their Modbus servers
 * listen, the seed, the scan interval and the word order.
 */
public final class DamSimulatorOptions {

  /** Default listen host: loopback only (the simulator never listens on other interfaces). */
  public static final String DEFAULT_HOST = "127.0.0.1";
  /** Port of the first dam's server; dam {@code i} listens on {@code basePort + i}. */
  public static final int DEFAULT_BASE_PORT = 5021;
  /** Default seed of the physics. */
  public static final long DEFAULT_SEED = 1L;
  /** Default scan interval, seconds. */
  public static final int DEFAULT_SCAN_INTERVAL_SECONDS = 10;
  /** Default word order of float32 values. */
  public static final WordOrder DEFAULT_WORD_ORDER = WordOrder.ABCD;
  /** Default number of Modbus connections each server handles at once. */
  public static final int DEFAULT_MAX_CONNECTIONS = 4;

  private String host = DEFAULT_HOST;
  private int basePort = DEFAULT_BASE_PORT;
  private final Map<Dam, Integer> ports = new EnumMap<>(Dam.class);
  private Set<Dam> dams = EnumSet.allOf(Dam.class);
  private long seed = DEFAULT_SEED;
  private int scanIntervalSeconds = DEFAULT_SCAN_INTERVAL_SECONDS;
  private WordOrder wordOrder = DEFAULT_WORD_ORDER;
  private int maxConnections = DEFAULT_MAX_CONNECTIONS;
  private boolean ticking = true;

  /** Defaults: all seven dams on 127.0.0.1:5021-5027, seed 1, scans every 10 s, ABCD, ticking. */
  public DamSimulatorOptions() {}

  /** Copy constructor. */
  public DamSimulatorOptions(DamSimulatorOptions other) {
    this.host = other.host;
    this.basePort = other.basePort;
    this.ports.putAll(other.ports);
    this.dams = EnumSet.copyOf(other.dams);
    this.seed = other.seed;
    this.scanIntervalSeconds = other.scanIntervalSeconds;
    this.wordOrder = other.wordOrder;
    this.maxConnections = other.maxConnections;
    this.ticking = other.ticking;
  }

  /** Listen host; a loopback address. */
  public String getHost() {
    return host;
  }

  /**
   * Sets the listen host.
   *
   * @throws IllegalArgumentException when it is not a loopback address (127.0.0.0/8 or ::1)
   */
  public DamSimulatorOptions setHost(String host) {
    Objects.requireNonNull(host, "host");
    try {
      if (!InetAddress.getByName(host).isLoopbackAddress()) {
        throw new IllegalArgumentException("host " + host + " is not a loopback address");
      }
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("host " + host + " does not resolve", e);
    }
    this.host = host;
    return this;
  }

  /** Port of the first dam. */
  public int getBasePort() {
    return basePort;
  }

  /**
   * Sets the port of the first dam; the others follow in {@link Dam} order.
   *
   * @throws IllegalArgumentException when the seven ports would not fit in 1..65535
   */
  public DamSimulatorOptions setBasePort(int basePort) {
    if (basePort < 1 || basePort + Dam.values().length - 1 > 65535) {
      throw new IllegalArgumentException("base port " + basePort + " leaves no room for "
          + Dam.values().length + " ports in 1..65535");
    }
    this.basePort = basePort;
    return this;
  }

  /** Port of {@code dam}'s server: its override, or base port plus its position. */
  public int getPort(Dam dam) {
    return ports.getOrDefault(dam, basePort + dam.ordinal());
  }

  /**
   * Overrides the port of one dam's server.
   *
   * @throws IllegalArgumentException when outside 1..65535
   */
  public DamSimulatorOptions setPort(Dam dam, int port) {
    Objects.requireNonNull(dam, "dam");
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port " + port + " of " + dam.displayName() + " is outside 1..65535");
    }
    ports.put(dam, port);
    return this;
  }

  /** The dams simulated. */
  public Set<Dam> getDams() {
    return EnumSet.copyOf(dams);
  }

  /**
   * Sets the dams simulated.
   *
   * @throws IllegalArgumentException when empty
   */
  public DamSimulatorOptions setDams(Set<Dam> dams) {
    if (dams == null || dams.isEmpty()) {
      throw new IllegalArgumentException("dams must name at least one dam");
    }
    this.dams = EnumSet.copyOf(dams);
    return this;
  }

  /** Seed of the physics (uint32; each dam derives its own stream from it). */
  public long getSeed() {
    return seed;
  }

  /**
   * Sets the seed.
   *
   * @throws IllegalArgumentException when outside 0..4294967295 (it must fit the two seed registers)
   */
  public DamSimulatorOptions setSeed(long seed) {
    if (seed < 0 || seed > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException("seed " + seed + " is outside 0..4294967295");
    }
    this.seed = seed;
    return this;
  }

  /** Scan interval, seconds. */
  public int getScanIntervalSeconds() {
    return scanIntervalSeconds;
  }

  /**
   * Sets the scan interval.
   *
   * @throws IllegalArgumentException when outside 1..3600 s
   */
  public DamSimulatorOptions setScanIntervalSeconds(int seconds) {
    if (seconds < RegisterMap.MIN_SCAN_INTERVAL || seconds > RegisterMap.MAX_SCAN_INTERVAL) {
      throw new IllegalArgumentException("scan interval " + seconds + " s is outside 1..3600 s");
    }
    this.scanIntervalSeconds = seconds;
    return this;
  }

  /** Word order of float32 values. */
  public WordOrder getWordOrder() {
    return wordOrder;
  }

  /** Sets the word order of float32 values. */
  public DamSimulatorOptions setWordOrder(WordOrder wordOrder) {
    this.wordOrder = Objects.requireNonNull(wordOrder, "wordOrder");
    return this;
  }

  /** Modbus connections each server handles at once. */
  public int getMaxConnections() {
    return maxConnections;
  }

  /**
   * Sets the connections each server handles at once.
   *
   * @throws IllegalArgumentException when outside 1..64
   */
  public DamSimulatorOptions setMaxConnections(int maxConnections) {
    if (maxConnections < 1 || maxConnections > 64) {
      throw new IllegalArgumentException("max connections " + maxConnections + " is outside 1..64");
    }
    this.maxConnections = maxConnections;
    return this;
  }

  /** Whether a background thread calls {@link DamSimulator#tick()} every second. */
  public boolean isTicking() {
    return ticking;
  }

  /**
   * Sets whether a background thread ticks the loggers every second of wall time; tests turn it
   * off and drive an injected clock with {@link DamSimulator#tick()}.
   */
  public DamSimulatorOptions setTicking(boolean ticking) {
    this.ticking = ticking;
    return this;
  }
}
