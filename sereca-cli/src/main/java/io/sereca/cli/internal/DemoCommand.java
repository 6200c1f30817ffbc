package io.sereca.cli.internal;

import io.sereca.cli.SerecaCommand;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code sereca demo}: the quick start, end to end with the example enclave. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    subcommands = DemoWsnmCommand.class,
    description = {
        "The quick-start demo: sign, measure, launch, attest, provision and talk to the example"
            + " enclave.",
        "Uses the example enclave (hello-enclave) and prints each step; ends with 'demo OK'"
            + " (exit 0) or the step that failed and why (exit 1).",
        "Keeps its dev signing key and the signed bundle in DATA_DIR/demo/.",
        "'sereca demo wsnm' runs the water-supply network monitoring application instead."})
public final class DemoCommand implements Callable<Integer> {

  @Spec
  private CommandSpec spec;

  @Mixin
  private BackendOption backend;

  @Mixin
  private DataDirOption data;

  @Override
  public Integer call() {
    new QuickStartDemo(spec.commandLine().getOut(), data.dataDir(), backend.backend()).run();
    return SerecaCommand.EXIT_OK;
  }
}
