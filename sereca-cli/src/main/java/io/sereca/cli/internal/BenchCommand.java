package io.sereca.cli.internal;

import io.sereca.bench.harness.BenchSuite;
import io.sereca.bench.harness.EvaluationHarness;
import io.sereca.bench.harness.HarnessOptions;
import io.sereca.cli.SerecaCommand;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code sereca bench vault|bus|keeper|wsnm}: the evaluation harness (docs/benchmarks.md).
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
        "Evaluation harness: two JVMs clustered over 127.0.0.1 (Hazelcast, TCP event bus), a sender"
            + " here, the answering verticles in a child JVM.",
        "  vault   regular vs secure verticle (Vert.x Vault Figs. 5-7), per enclave backend",
        "  bus     plain vs secure event bus, no enclave",
        "  keeper  confidential vs plain ZooKeeper (proxy and in-server layouts, Curator clients, 1 KiB get/set)",
        "  wsnm    WSNM data path in one JVM: readings/s through collector, secure bus, cache, alarms and"
            + " storage, and alarm latency p50/p99 (issue 6); SIMULATED scans, a dev provisioner for the CAS",
        "Writes CSV files, PNG charts and a summary with secure/regular ratios and the targets of"
            + " issue 7 into --out. The enclave backends are SIMULATED."})
public final class BenchCommand implements Callable<Integer> {

  @Spec
  private CommandSpec spec;

  @Parameters(index = "0", paramLabel = "vault|bus|keeper|wsnm", description = "What to measure.")
  private String suite;

  @Option(names = "--quick", description = "Smoke run: every point for 0.2 s (under 3 minutes in all;"
      + " wsnm: 2 s warm-up, 2 x 4 s measured, under 1 minute); checks the harness, the numbers mean little.")
  private boolean quick;

  @Option(names = "--out", paramLabel = "DIR", defaultValue = "bench-results",
      description = "Output directory. Default: ${DEFAULT-VALUE}.")
  private Path out;

  @Option(names = "--backend", paramLabel = "sim|process|both",
      description = "Enclave backend(s) of 'vault' and 'wsnm'. Default: both (wsnm: sim).")
  private String backend;

  @Option(names = "--duration", paramLabel = "S", description = "Measured seconds per point and series"
      + " in slices of 1 s, series alternating (default 5, --quick 0.2; keeper: 4 x S per series, one"
      + " point; wsnm: seconds per phase and backend,"
      + " saturation then paced at the target rate, default 60, --quick 4).")
  private Double duration;

  @Option(names = "--warmup", paramLabel = "S", description = "Warm-up seconds per series"
      + " (default 30, --quick 0.5; wsnm: per backend, default 20, --quick 2).")
  private Double warmup;

  @Option(names = "--pending", paramLabel = "N", split = ",", description = "vault and bus only:"
      + " the pending counts of Fig. 5 (default 1,2,4,...,256); Figs. 6/7 run at the best of them."
      + " With --pending or --payloads the targets are not checked (they average over the paper's points).")
  private List<Integer> pending;

  @Option(names = "--payloads", paramLabel = "BYTES", split = ",", description = "vault and bus"
      + " only: the payload sizes of Figs. 6/7 in bytes (default 0,64,512,1024,4096,16384,65536,262144).")
  private List<Integer> payloads;

  @Option(names = "--responder-jvm-arg", paramLabel = "ARG", description = "Extra JVM option of the"
      + " responder JVM, e.g. -XX:StartFlightRecording=filename=resp.jfr (repeatable).")
  private List<String> responderJvmArgs = List.of();

  @Override
  public Integer call() throws Exception {
    BenchSuite chosen;
    switch (suite) {
      case "vault": chosen = BenchSuite.VAULT; break;
      case "bus": chosen = BenchSuite.BUS; break;
      case "keeper": chosen = BenchSuite.KEEPER; break;
      case "wsnm": chosen = BenchSuite.WSNM; break;
      default:
        throw new ParameterException(spec.commandLine(), "unknown benchmark '" + suite
            + "' (available: vault, bus, keeper, wsnm)");
    }
    HarnessOptions options = quick ? HarnessOptions.quick() : new HarnessOptions();
    String backends = backend != null ? backend : chosen == BenchSuite.WSNM ? "sim" : "both";
    try {
      if (chosen == BenchSuite.WSNM) {
        options.setDurationMillis(quick ? HarnessOptions.WSNM_QUICK_DURATION_MILLIS : HarnessOptions.WSNM_DURATION_MILLIS)
            .setWarmupMillis(quick ? HarnessOptions.WSNM_QUICK_WARMUP_MILLIS : HarnessOptions.WSNM_WARMUP_MILLIS);
      }
      options.setSuite(chosen).setOutputDirectory(out).setResponderJvmArgs(responderJvmArgs)
          .setBackends(backends.equals("both") ? List.of("sim", "process") : List.of(backends));
      if (duration != null) {
        options.setDurationMillis(Math.round(duration * 1000));
      }
      if (warmup != null) {
        options.setWarmupMillis(Math.round(warmup * 1000));
      }
      if ((pending != null || payloads != null) && chosen != BenchSuite.VAULT && chosen != BenchSuite.BUS) {
        throw new ParameterException(spec.commandLine(), "--pending and --payloads apply to vault and bus only,"
            + " not to " + suite);
      }
      if (pending != null) {
        options.setPendingCounts(pending);
      }
      if (payloads != null) {
        options.setPayloadSizes(payloads);
      }
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "invalid option: " + e.getMessage()
          .replace("backends: ", "--backend: ").replace("duration: ", "--duration: ")
          .replace("warmup: ", "--warmup: ").replace("pending: ", "--pending: ")
          .replace("payloads: ", "--payloads: "));
    }
    try {
      EvaluationHarness.run(options, spec.commandLine().getOut());
    } catch (Exception e) {
      throw CommandFailure.because("bench " + suite + " failed", e);
    }
    return SerecaCommand.EXIT_OK;
  }
}
