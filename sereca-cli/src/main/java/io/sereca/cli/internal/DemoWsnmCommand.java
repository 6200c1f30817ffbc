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

  @Mixin
  private WsnmSettingsArgs settings;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    WsnmNodeOptions options = new WsnmNodeOptions().setDataDirectory(data.dataDir().resolve("wsnm-demo").toString());
    settings.apply(spec.commandLine(), options);
    SimulationBanner.printBackend(out, options.getBackend());
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
      out.println("  mbpoll -m tcp -a 1 -r 2 -t 4 -p " + (options.getModbusBasePort() + Dam.CONZA.ordinal()) + " 127.0.0.1 1"
          + "     (0 normal, 1 flood, 2 seepage, 3 stuck sensor, 4 logger offline, 5 drawdown)");
      out.println("metrics: http://127.0.0.1:" + node.webPort() + "/metrics   stop: Ctrl-C");
      out.flush();
      ServiceLifetime.await("wsnm-demo", settings.runFor);
    } finally {
      node.close();
      vertx.close().await(60, TimeUnit.SECONDS);
      out.println("WSNM stopped");
      out.flush();
    }
    return SerecaCommand.EXIT_OK;
  }
}
