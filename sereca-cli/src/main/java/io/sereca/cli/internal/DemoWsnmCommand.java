package io.sereca.cli.internal;

import io.sereca.cli.SerecaCommand;
import io.sereca.wsnm.Dam;
import io.sereca.wsnm.cloud.WsnmNode;
import io.sereca.wsnm.cloud.WsnmNodeOptions;
import io.vertx.core.Vertx;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code sereca demo wsnm}: the water-supply network monitoring application, everything embedded
 * in one JVM — SIMULATED loggers, collector, CAS, the secure verticles, SQLite, the dashboard.
 */
@Command(
    name = "wsnm",
    mixinStandardHelpOptions = true,
    description = {
        "Water-supply network monitoring of 7 dams, embedded in one JVM: SIMULATED Modbus loggers,"
            + " the data collector, the CAS, the cache / alarm / storage / web-gateway enclaves"
            + " (attested and provisioned by the CAS), SQLite, and the dashboard at"
            + " http://127.0.0.1:8080/wsnm/.",
        "Prints the demo credentials (viewer, operator, engineer) and runs until interrupted.",
        "State lives in DATA_DIR/wsnm-demo/ (CAS state, collector buffer, database)."})
public final class DemoWsnmCommand implements Callable<Integer> {

  @Spec
  private CommandSpec spec;

  @Mixin
  private DataDirOption data;

  @Option(names = "--backend", defaultValue = "sim", paramLabel = "NAME",
      description = "Enclave backend of the secure verticles: sim or process. Default: ${DEFAULT-VALUE}.")
  private String backend;

  @Option(names = "--db", paramLabel = "URL",
      description = "Database of the storage archiver: postgresql://user:password@127.0.0.1:5432/db."
          + " Default: an SQLite file in the data directory.")
  private String db;

  @Option(names = "--web-port", defaultValue = "8080", paramLabel = "PORT",
      description = "Dashboard port on 127.0.0.1. Default: ${DEFAULT-VALUE}.")
  private int webPort;

  @Option(names = "--cas-port", defaultValue = "8443", paramLabel = "PORT",
      description = "CAS HTTPS port on 127.0.0.1. Default: ${DEFAULT-VALUE}.")
  private int casPort;

  @Option(names = "--modbus-base-port", defaultValue = "5021", paramLabel = "PORT",
      description = "Port of the first dam logger; the other six follow. Default: ${DEFAULT-VALUE}.")
  private int modbusBasePort;

  @Option(names = "--time-factor", defaultValue = "1", paramLabel = "N",
      description = "Run the SIMULATED loggers N times faster than real time (a flood in minutes"
          + " instead of hours). Default: ${DEFAULT-VALUE} (real time).")
  private int timeFactor;

  @Option(names = "--scan-interval", defaultValue = "10", paramLabel = "SECONDS",
      description = "Logger scan interval in simulated seconds, 1..3600. Default: ${DEFAULT-VALUE}.")
  private int scanInterval;

  @Option(names = "--seed", defaultValue = "1", paramLabel = "N",
      description = "Seed of the simulated physics. Default: ${DEFAULT-VALUE}.")
  private long seed;

  @Option(names = "--run-for", paramLabel = "SECONDS",
      description = "Stop after this many seconds (default: run until interrupted).")
  private Long runFor;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    WsnmNodeOptions options;
    try {
      options = new WsnmNodeOptions().setDataDirectory(data.dataDir().resolve("wsnm-demo").toString())
          .setBackend(backend).setDbUrl(db).setWebPort(webPort).setCasPort(casPort)
          .setModbusBasePort(modbusBasePort).setTimeFactor(timeFactor).setScanIntervalSeconds(scanInterval)
          .setSeed(seed);
      if (scanInterval < 1 || scanInterval > 3600) {
        throw new IllegalArgumentException("--scan-interval " + scanInterval + " is not 1..3600");
      }
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    SimulationBanner.printBackend(out, backend);
    out.println("!! SIMULATED dam data loggers: the readings come from a model, not from a dam.");
    out.println("starting WSNM (every service in one JVM; the CAS provisions each enclave after attestation)...");
    out.flush();
    Vertx vertx = Vertx.vertx();
    WsnmNode node;
    try {
      node = WsnmNode.start(vertx, options, line -> {
        out.println("  " + line);
        out.flush();
      }).await(300, TimeUnit.SECONDS);
    } catch (Exception e) {
      vertx.close().await(30, TimeUnit.SECONDS);
      throw CommandFailure.because("WSNM did not start", e);
    }
    try {
      out.println();
      out.println("dashboard: http://127.0.0.1:" + node.webPort() + "/wsnm/   (demo credentials below)");
      for (Map.Entry<String, String> c : node.credentials().entrySet()) {
        out.printf("  %-9s password %s%n", c.getKey(), c.getValue());
      }
      out.println("switch a dam's scenario at its logger, e.g. FLOOD at Conza (holding register 1 = code 1):");
      out.println("  mbpoll -m tcp -a 1 -r 2 -t 4 -p " + (modbusBasePort + Dam.CONZA.ordinal()) + " 127.0.0.1 1"
          + "     (0 normal, 1 flood, 2 seepage, 3 stuck sensor, 4 logger offline, 5 drawdown)");
      out.println("metrics: http://127.0.0.1:" + node.webPort() + "/metrics   stop: Ctrl-C");
      out.flush();
      ServiceLifetime.await("wsnm-demo", runFor);
    } finally {
      node.close();
      vertx.close().await(60, TimeUnit.SECONDS);
      out.println("WSNM stopped");
      out.flush();
    }
    return SerecaCommand.EXIT_OK;
  }
}
