package io.sereca.cli.internal;

import io.sereca.wsnm.cloud.WsnmNodeOptions;
import io.sereca.wsnm.cloud.WsnmRole;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
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

  /** The settings of the roles, shared with {@code sereca demo wsnm}. */
  @Mixin
  WsnmSettingsArgs settings = new WsnmSettingsArgs();

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
    settings.apply(cl, o);
    return o;
  }

  static void check(CommandLine cl, String option, Runnable set) {
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
