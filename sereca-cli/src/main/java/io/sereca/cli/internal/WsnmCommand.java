package io.sereca.cli.internal;

import io.sereca.cli.SerecaCommand;
import io.sereca.wsnm.Dam;
import io.sereca.wsnm.DamSimulator;
import io.sereca.wsnm.DamSimulatorOptions;
import io.sereca.wsnm.WordOrder;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code sereca wsnm}: the water-supply network monitoring application (so far its dam side). */
@Command(
    name = "wsnm",
    mixinStandardHelpOptions = true,
    description = "Water-supply network monitoring: 7 dams. So far only the SIMULATED dam data loggers.",
    subcommands = {WsnmCommand.Simulator.class})
public final class WsnmCommand implements Runnable {

  @Spec
  private CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "missing subcommand: simulator");
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
