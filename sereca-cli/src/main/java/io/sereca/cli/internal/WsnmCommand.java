package io.sereca.cli.internal;

import io.sereca.cli.SerecaCommand;
import io.sereca.wsnm.Dam;
import io.sereca.wsnm.DamSimulator;
import io.sereca.wsnm.DamSimulatorOptions;
import io.sereca.wsnm.WordOrder;
import io.sereca.wsnm.cloud.WsnmNode;
import io.sereca.wsnm.cloud.WsnmNodeOptions;
import io.sereca.wsnm.cloud.WsnmRole;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code sereca wsnm}: the water-supply network monitoring application of 7 dams. With
 * {@code --role ...} this process runs those WSNM roles ({@link WsnmNode}), alone (all roles) or
 * as a member of a loopback Hazelcast cluster with the other roles in other processes; {@code
 * sereca wsnm simulator} runs only the SIMULATED dam data loggers.
 */
@Command(
    name = "wsnm",
    mixinStandardHelpOptions = true,
    description = {
        "Water-supply network monitoring: 7 dams. --role runs WSNM roles in this process (all of them,"
            + " or some as a member of a cluster on 127.0.0.1 with the others in other processes,"
            + " see docs/wsnm.md); 'wsnm simulator' runs only the SIMULATED dam data loggers."},
    subcommands = {WsnmCommand.Simulator.class})
public final class WsnmCommand implements Callable<Integer> {

  @Spec
  private CommandSpec spec;

  @Mixin
  private DataDirOption dataDir;

  @Mixin
  private WsnmNodeArgs args;

  @Override
  public Integer call() throws Exception {
    if (!args.given()) {
      throw new ParameterException(spec.commandLine(), "missing option '--role' or subcommand 'simulator'");
    }
    WsnmNodeOptions options = args.toOptions(spec.commandLine(), dataDir.dataDir());
    PrintWriter out = spec.commandLine().getOut();
    Consumer<String> progress = WsnmNodeArgs.printer(out);
    SimulationBanner.printBackend(out, options.getBackend());
    if (options.runs(WsnmRole.SIMULATOR)) {
      out.println("!! SIMULATED dam data loggers: the readings come from a model, not from a dam.");
    }
    if (options.isClustered() && !options.isClusterTls()) {
      out.println("!! --no-cluster-tls: the event bus between the nodes is NOT encrypted or authenticated.");
    }
    progress.accept("wsnm node      roles " + options.getRoles().toString().toLowerCase(java.util.Locale.ROOT)
        + ", data " + options.getDataDirectory());
    Vertx vertx;
    try {
      vertx = WsnmNode.vertx(options, progress).await(120, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw CommandFailure.because("the node did not join the cluster", e);
    }
    WsnmNode node;
    try {
      node = WsnmNode.start(vertx, options, progress).await(300, TimeUnit.SECONDS);
    } catch (Exception e) {
      vertx.close().await(60, TimeUnit.SECONDS);
      throw CommandFailure.because("the WSNM node did not start", e);
    }
    try {
      if (!node.credentials().isEmpty()) {
        out.println("dashboard users (generated now, shown once; the CAS keeps them sealed):");
        for (Map.Entry<String, String> c : node.credentials().entrySet()) {
          out.printf("  %-9s %s%n", c.getKey(), c.getValue());
        }
      }
      progress.accept("running        " + (args.settings.runFor != null ? "for " + args.settings.runFor + " s" : "until interrupted"));
      ServiceLifetime.await("wsnm", args.settings.runFor);
    } finally {
      try {
        node.close();
      } finally {
        vertx.close().await(60, TimeUnit.SECONDS);
        out.println("wsnm node stopped");
        out.flush();
      }
    }
    return SerecaCommand.EXIT_OK;
  }

  /** {@code sereca wsnm simulator}: one SIMULATED Modbus TCP data logger per dam. */
  @Command(
      name = "simulator",
      mixinStandardHelpOptions = true,
      description = {
          "SIMULATED dam data loggers: one Modbus TCP server per dam on 127.0.0.1 (unit id 1),"
              + " register map in docs/wsnm-simulator.md. Runs until interrupted."})
  public static final class Simulator implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--base-port", paramLabel = "PORT", defaultValue = "5021",
        description = "Port of the first dam; the others follow. Default: ${DEFAULT-VALUE}.")
    private int basePort;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1",
        description = "Seed of the physics, 0..4294967295. Default: ${DEFAULT-VALUE}.")
    private long seed;

    @Option(names = "--scan-interval", paramLabel = "SECONDS", defaultValue = "10",
        description = "Scan interval of the loggers, 1..3600 s. Default: ${DEFAULT-VALUE}.")
    private int scanInterval;

    @Option(names = "--word-order", paramLabel = "ORDER", defaultValue = "ABCD",
        description = "Word order of float32 values: ${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}.")
    private WordOrder wordOrder;

    @Option(names = "--run-for", paramLabel = "SECONDS",
        description = "Stop after this many seconds (default: run until interrupted).")
    private Long runFor;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      DamSimulatorOptions options;
      try {
        options = new DamSimulatorOptions().setBasePort(basePort).setSeed(seed)
            .setScanIntervalSeconds(scanInterval).setWordOrder(wordOrder);
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), e.getMessage());
      }
      DamSimulator simulator = DamSimulator.create(options);
      try {
        simulator.start();
      } catch (IOException e) {
        throw CommandFailure.because("the simulator did not start", e);
      }
      out.println("!! SIMULATED dam data loggers: the readings come from a model, not from a dam.");
      for (Dam dam : simulator.dams()) {
        out.printf("%-14s modbus tcp 127.0.0.1:%d unit 1%n", dam.displayName(), simulator.port(dam));
      }
      out.println("seed " + seed + ", scan every " + scanInterval + " s, float32 word order " + wordOrder
          + "; e.g. mbpoll -m tcp -a 1 -r 1 -c 20 -t 3 -p " + simulator.port(Dam.MONTE_COTUGNO) + " 127.0.0.1");
      out.flush();
      try {
        ServiceLifetime.await("wsnm", runFor);
      } finally {
        simulator.close();
        out.println("simulator stopped");
      }
      return SerecaCommand.EXIT_OK;
    }
  }
}
