package io.sereca.wsnm.cloud;

import io.sereca.host.HostOptions;
import io.sereca.wsnm.AcceleratedClock;
import io.sereca.wsnm.DamSimulatorOptions;
import io.sereca.wsnm.web.Users;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Options of a {@link WsnmNode}: which roles it runs and their settings. Defaults are the
 * embedded demo's: every role, the {@code sim} backend, SQLite, the dashboard on
 * 127.0.0.1:8080, the CAS on 8443, the loggers on 5021-5027.
 */
public final class WsnmNodeOptions {

  /** Default dashboard port. */
  public static final int DEFAULT_WEB_PORT = 8080;
  /** Default CAS port. */
  public static final int DEFAULT_CAS_PORT = 8443;

  private Set<WsnmRole> roles = EnumSet.allOf(WsnmRole.class);
  private String dataDirectory = HostOptions.defaultDataDirectory().toString();
  private String backend = "sim";
  private String dbUrl;
  private int webPort = DEFAULT_WEB_PORT;
  private int casPort = DEFAULT_CAS_PORT;
  private int modbusBasePort = DamSimulatorOptions.DEFAULT_BASE_PORT;
  private long seed = DamSimulatorOptions.DEFAULT_SEED;
  private int scanIntervalSeconds = DamSimulatorOptions.DEFAULT_SCAN_INTERVAL_SECONDS;
  private int timeFactor = 1;
  private long pollIntervalMillis = 1000;
  private int passwordIterations = Users.DEFAULT_ITERATIONS;
  private int clusterPort = -1;
  private List<Integer> members = new ArrayList<>();
  private boolean clusterTls = true;

  /** Defaults. */
  public WsnmNodeOptions() {}

  /** Copy. */
  public WsnmNodeOptions(WsnmNodeOptions o) {
    roles = EnumSet.copyOf(o.roles);
    dataDirectory = o.dataDirectory;
    backend = o.backend;
    dbUrl = o.dbUrl;
    webPort = o.webPort;
    casPort = o.casPort;
    modbusBasePort = o.modbusBasePort;
    seed = o.seed;
    scanIntervalSeconds = o.scanIntervalSeconds;
    timeFactor = o.timeFactor;
    pollIntervalMillis = o.pollIntervalMillis;
    passwordIterations = o.passwordIterations;
    clusterPort = o.clusterPort;
    members = new ArrayList<>(o.members);
    clusterTls = o.clusterTls;
  }

  /** The roles this node runs. */
  public Set<WsnmRole> getRoles() {
    return EnumSet.copyOf(roles);
  }

  /** Sets the roles (at least one). */
  public WsnmNodeOptions setRoles(Set<WsnmRole> roles) {
    if (roles.isEmpty()) {
      throw new IllegalArgumentException("a WSNM node needs at least one role");
    }
    this.roles = EnumSet.copyOf(roles);
    return this;
  }

  /** Whether this node runs {@code role}. */
  public boolean runs(WsnmRole role) {
    return roles.contains(role);
  }

  /** Data directory: simulation platform, signer and owner keys, database, collector buffer. */
  public String getDataDirectory() {
    return dataDirectory;
  }

  /** Sets the data directory. */
  public WsnmNodeOptions setDataDirectory(String dataDirectory) {
    this.dataDirectory = Objects.requireNonNull(dataDirectory, "dataDirectory");
    return this;
  }

  /** Enclave backend of the secure verticles: {@code sim} (default) or {@code process}. */
  public String getBackend() {
    return backend;
  }

  /** Sets the backend. */
  public WsnmNodeOptions setBackend(String backend) {
    if (!backend.equals("sim") && !backend.equals("process")) {
      throw new IllegalArgumentException("backend must be sim or process for WSNM on this machine, not '" + backend + "'");
    }
    this.backend = backend;
    return this;
  }

  /** Database URL of the record store, or null for the embedded SQLite file. */
  public String getDbUrl() {
    return dbUrl;
  }

  /** Sets the database URL ({@code postgresql://user:password@127.0.0.1:5432/db}). */
  public WsnmNodeOptions setDbUrl(String dbUrl) {
    this.dbUrl = dbUrl;
    return this;
  }

  /** Dashboard port (0: any free port). */
  public int getWebPort() {
    return webPort;
  }

  /** Sets the dashboard port. */
  public WsnmNodeOptions setWebPort(int webPort) {
    this.webPort = port(webPort, "web port");
    return this;
  }

  /** CAS HTTPS port (0: any free port). */
  public int getCasPort() {
    return casPort;
  }

  /** Sets the CAS port. */
  public WsnmNodeOptions setCasPort(int casPort) {
    this.casPort = port(casPort, "CAS port");
    return this;
  }

  /** Port of the first dam logger; the others follow. */
  public int getModbusBasePort() {
    return modbusBasePort;
  }

  /** Sets the first logger's port. */
  public WsnmNodeOptions setModbusBasePort(int modbusBasePort) {
    this.modbusBasePort = port(modbusBasePort, "Modbus base port");
    return this;
  }

  /** Seed of the simulated physics. */
  public long getSeed() {
    return seed;
  }

  /** Sets the seed. */
  public WsnmNodeOptions setSeed(long seed) {
    this.seed = seed;
    return this;
  }

  /** Logger scan interval in simulated seconds. */
  public int getScanIntervalSeconds() {
    return scanIntervalSeconds;
  }

  /** Sets the scan interval. */
  public WsnmNodeOptions setScanIntervalSeconds(int scanIntervalSeconds) {
    this.scanIntervalSeconds = scanIntervalSeconds;
    return this;
  }

  /** How many times faster than real time the SIMULATED loggers run (1: real time). */
  public int getTimeFactor() {
    return timeFactor;
  }

  /** Sets the time factor, 1..{@value AcceleratedClock#MAX_FACTOR}. */
  public WsnmNodeOptions setTimeFactor(int timeFactor) {
    if (timeFactor < 1 || timeFactor > AcceleratedClock.MAX_FACTOR) {
      throw new IllegalArgumentException("time factor " + timeFactor + " is not 1.." + AcceleratedClock.MAX_FACTOR);
    }
    this.timeFactor = timeFactor;
    return this;
  }

  /** How often the collector polls each logger, wall milliseconds. */
  public long getPollIntervalMillis() {
    return pollIntervalMillis;
  }

  /** Sets the poll interval. */
  public WsnmNodeOptions setPollIntervalMillis(long pollIntervalMillis) {
    this.pollIntervalMillis = pollIntervalMillis;
    return this;
  }

  /** PBKDF2 iterations of the generated dashboard passwords. */
  public int getPasswordIterations() {
    return passwordIterations;
  }

  /** Sets the PBKDF2 iterations (tests lower them). */
  public WsnmNodeOptions setPasswordIterations(int passwordIterations) {
    this.passwordIterations = passwordIterations;
    return this;
  }

  /** Whether this node joins a Hazelcast cluster ({@link #getClusterPort()} set). */
  public boolean isClustered() {
    return clusterPort > 0;
  }

  /** This member's Hazelcast port on 127.0.0.1, or -1 for a non-clustered node (the default). */
  public int getClusterPort() {
    return clusterPort;
  }

  /** Sets this member's Hazelcast port (1..65535), or -1 for a non-clustered node. */
  public WsnmNodeOptions setClusterPort(int clusterPort) {
    if (clusterPort != -1 && (clusterPort < 1 || clusterPort > 65535)) {
      throw new IllegalArgumentException("cluster port " + clusterPort + " is not 1..65535");
    }
    this.clusterPort = clusterPort;
    return this;
  }

  /** The Hazelcast ports of the cluster's members on 127.0.0.1 (this one included when clustered). */
  public List<Integer> getMembers() {
    List<Integer> all = new ArrayList<>(members);
    if (isClustered() && !all.contains(clusterPort)) {
      all.add(clusterPort);
    }
    return all;
  }

  /** Sets the members' Hazelcast ports (each 1..65535). */
  public WsnmNodeOptions setMembers(List<Integer> members) {
    List<Integer> copy = new ArrayList<>();
    for (int p : members) {
      if (p < 1 || p > 65535) {
        throw new IllegalArgumentException("member port " + p + " is not 1..65535");
      }
      if (!copy.contains(p)) {
        copy.add(p);
      }
    }
    this.members = copy;
    return this;
  }

  /**
   * Whether the clustered event bus runs mutual TLS with the dev PKI in {@code <dataDirectory>/pki}
   * (default true; ignored when not clustered).
   */
  public boolean isClusterTls() {
    return clusterTls;
  }

  /** Sets whether the clustered event bus runs mutual TLS. */
  public WsnmNodeOptions setClusterTls(boolean clusterTls) {
    this.clusterTls = clusterTls;
    return this;
  }

  private static int port(int p, String what) {
    if (p < 0 || p > 65535) {
      throw new IllegalArgumentException(what + " " + p + " is not 0..65535");
    }
    return p;
  }
}
