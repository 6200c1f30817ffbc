package io.sereca.cli.internal;

import io.sereca.wsnm.DamSimulatorOptions;
import io.sereca.wsnm.cloud.WsnmNodeOptions;
import io.sereca.wsnm.collector.DataCollectorOptions;
import io.sereca.wsnm.store.RecordStoreOptions;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The settings of the WSNM roles — backend, database, ports, the SIMULATED loggers' seed, scan
 * interval and time factor, the collector's poll interval, how long to run — shared by
 * {@code sereca wsnm --role ...} and {@code sereca demo wsnm}. Every value is checked by the
 * options class it ends up in; a refused value is a usage error naming the option.
 */
final class WsnmSettingsArgs {

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

  /** Applies the settings to {@code o}, or throws a usage error naming the refused option. */
  void apply(CommandLine cl, WsnmNodeOptions o) {
    WsnmNodeArgs.check(cl, "--backend", () -> o.setBackend(backend));
    WsnmNodeArgs.check(cl, "--db", () -> o.setDbUrl(new RecordStoreOptions().setUrl(db).getUrl()));
    WsnmNodeArgs.check(cl, "--web-port", () -> o.setWebPort(webPort));
    WsnmNodeArgs.check(cl, "--cas-port", () -> o.setCasPort(casPort));
    WsnmNodeArgs.check(cl, "--modbus-base-port", () -> {
      if (modbusBasePort < 1 || modbusBasePort + 6 > 65535) {
        throw new IllegalArgumentException("base port " + modbusBasePort + " leaves no room for 7 loggers in 1..65535");
      }
      o.setModbusBasePort(modbusBasePort);
    });
    WsnmNodeArgs.check(cl, "--seed", () -> o.setSeed(new DamSimulatorOptions().setSeed(seed).getSeed()));
    WsnmNodeArgs.check(cl, "--scan-interval", () -> o.setScanIntervalSeconds(
        new DamSimulatorOptions().setScanIntervalSeconds(scanInterval).getScanIntervalSeconds()));
    WsnmNodeArgs.check(cl, "--time-factor", () -> o.setTimeFactor(timeFactor));
    WsnmNodeArgs.check(cl, "--poll-interval-ms", () -> o.setPollIntervalMillis(
        new DataCollectorOptions().setPollIntervalMillis(pollIntervalMillis).getPollIntervalMillis()));
    if (runFor != null && runFor < 0) {
      throw new ParameterException(cl, "option '--run-for': " + runFor + " is negative");
    }
  }
}
