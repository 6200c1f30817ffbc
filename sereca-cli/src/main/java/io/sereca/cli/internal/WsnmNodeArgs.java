package io.sereca.cli.internal;

import io.sereca.wsnm.DamSimulatorOptions;
import io.sereca.wsnm.cloud.WsnmNodeOptions;
import io.sereca.wsnm.cloud.WsnmRole;
import io.sereca.wsnm.collector.DataCollectorOptions;
import io.sereca.wsnm.store.RecordStoreOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The options of {@code sereca wsnm --role ...}: which WSNM roles this process runs, how it joins
 * the loopback cluster, and the settings of the roles. Every value is checked by the options
 * class it ends up in; a refused value is a usage error naming the option.
 */
final class WsnmNodeArgs {

  @Option(names = "--role", paramLabel = "ROLE", split = ",",
      description = "Roles of this process, comma-separated or repeated: cas, simulator, collector,"
          + " cache, alarms, storage, web (or all).")
  List<String> roles = new ArrayList<>();

  @Option(names = "--cluster-port", paramLabel = "PORT",
      description = "This member's Hazelcast port on 127.0.0.1: join a cluster (default: not clustered,"
          + " which needs all roles).")
  Integer clusterPort;

  @Option(names = "--members", paramLabel = "P1,P2,...", split = ",",
      description = "Hazelcast ports of the cluster's members on 127.0.0.1 (this one is added).")
  List<Integer> members = new ArrayList<>();

  @Option(names = "--no-cluster-tls",
      description = "Run the clustered event bus without TLS (development only; the envelopes still"
          + " protect the WSNM payloads, but not the transport).")
  boolean noClusterTls;

  @Option(names = "--backend", paramLabel = "BACKEND", defaultValue = "sim",
      description = "Enclave backend of the secure verticles: sim or process, both SIMULATED."
          + " Default: ${DEFAULT-VALUE}.")
  String backend;

  @Option(names = "--db", paramLabel = "URL",
      description = "Record store database (storage role): postgresql://user:password@127.0.0.1:5432/db or"
          + " sqlite:FILE. Default: SQLite under the data directory.")
  String db;

  @Option(names = "--web-port", paramLabel = "PORT", defaultValue = "" + WsnmNodeOptions.DEFAULT_WEB_PORT,
      description = "Dashboard port (web role; 0: any). Default: ${DEFAULT-VALUE}.")
  int webPort;

  @Option(names = "--cas-port", paramLabel = "PORT", defaultValue = "" + WsnmNodeOptions.DEFAULT_CAS_PORT,
      description = "CAS HTTPS port (cas role; 0: any). Default: ${DEFAULT-VALUE}.")
  int casPort;

  @Option(names = "--modbus-base-port", paramLabel = "PORT", defaultValue = "" + DamSimulatorOptions.DEFAULT_BASE_PORT,
      description = "Port of the first dam logger, the others follow (simulator and collector roles)."
          + " Default: ${DEFAULT-VALUE}.")
  int modbusBasePort;

  @Option(names = "--seed", paramLabel = "N", defaultValue = "" + DamSimulatorOptions.DEFAULT_SEED,
      description = "Seed of the SIMULATED physics, 0..4294967295. Default: ${DEFAULT-VALUE}.")
  long seed;

  @Option(names = "--scan-interval", paramLabel = "SECONDS",
      defaultValue = "" + DamSimulatorOptions.DEFAULT_SCAN_INTERVAL_SECONDS,
      description = "Logger scan interval in simulated seconds, 1..3600. Default: ${DEFAULT-VALUE}.")
  int scanInterval;

  @Option(names = "--time-factor", paramLabel = "N", defaultValue = "1",
      description = "Run the SIMULATED loggers N times faster than real time. Default: ${DEFAULT-VALUE}.")
  int timeFactor;

  @Option(names = "--poll-interval-ms", paramLabel = "MS", defaultValue = "1000",
      description = "How often the collector polls each logger. Default: ${DEFAULT-VALUE}.")
  long pollIntervalMillis;

  @Option(names = "--run-for", paramLabel = "SECONDS",
      description = "Stop after this many seconds (default: run until interrupted).")
  Long runFor;

  /** Whether any role was asked for (else {@code sereca wsnm} without a subcommand is a usage error). */
  boolean given() {
    return !roles.isEmpty();
  }

  /** The node options, or a usage error naming the option whose value was refused. */
  WsnmNodeOptions toOptions(CommandLine cl, Path dataDir) {
    WsnmNodeOptions o = new WsnmNodeOptions().setDataDirectory(dataDir.toString());
    Set<WsnmRole> set = EnumSet.noneOf(WsnmRole.class);
    for (String r : roles) {
      if (r.trim().equalsIgnoreCase("all")) {
        set.addAll(EnumSet.allOf(WsnmRole.class));
      } else {
        check(cl, "--role", () -> set.add(WsnmRole.parse(r)));
      }
    }
    if (set.isEmpty()) {
      throw new ParameterException(cl, "option '--role' needs at least one role");
    }
    o.setRoles(set);
    if (clusterPort == null && !members.isEmpty()) {
      throw new ParameterException(cl, "option '--members' needs '--cluster-port' (this member's port)");
    }
    if (clusterPort == null && !set.equals(EnumSet.allOf(WsnmRole.class))) {
      throw new ParameterException(cl, "option '--role' " + set.toString().toLowerCase(java.util.Locale.ROOT)
          + " without '--cluster-port': a node that is not clustered must run all roles (--role all)");
    }
    if (clusterPort != null) {
      check(cl, "--cluster-port", () -> o.setClusterPort(clusterPort));
      check(cl, "--members", () -> o.setMembers(members));
      o.setClusterTls(!noClusterTls);
    }
    check(cl, "--backend", () -> o.setBackend(backend));
    check(cl, "--db", () -> o.setDbUrl(new RecordStoreOptions().setUrl(db).getUrl()));
    check(cl, "--web-port", () -> o.setWebPort(webPort));
    check(cl, "--cas-port", () -> o.setCasPort(casPort));
    check(cl, "--modbus-base-port", () -> {
      if (modbusBasePort < 1 || modbusBasePort + 6 > 65535) {
        throw new IllegalArgumentException("base port " + modbusBasePort + " leaves no room for 7 loggers in 1..65535");
      }
      o.setModbusBasePort(modbusBasePort);
    });
    check(cl, "--seed", () -> o.setSeed(new DamSimulatorOptions().setSeed(seed).getSeed()));
    check(cl, "--scan-interval", () -> o.setScanIntervalSeconds(
        new DamSimulatorOptions().setScanIntervalSeconds(scanInterval).getScanIntervalSeconds()));
    check(cl, "--time-factor", () -> o.setTimeFactor(timeFactor));
    check(cl, "--poll-interval-ms", () -> o.setPollIntervalMillis(
        new DataCollectorOptions().setPollIntervalMillis(pollIntervalMillis).getPollIntervalMillis()));
    if (runFor != null && runFor < 0) {
      throw new ParameterException(cl, "option '--run-for': " + runFor + " is negative");
    }
    return o;
  }

  private static void check(CommandLine cl, String option, Runnable set) {
    try {
      set.run();
    } catch (IllegalArgumentException e) {
      throw new ParameterException(cl, "invalid value for option '" + option + "': " + e.getMessage());
    }
  }

  /** A progress sink that prints and flushes each line (steps come from event-loop threads). */
  static Consumer<String> printer(java.io.PrintWriter out) {
    return line -> {
      synchronized (out) {
        out.println(line);
        out.flush();
      }
    };
  }
}
