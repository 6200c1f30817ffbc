package io.sereca.cli.internal;

import io.sereca.cli.SerecaCommand;
import io.sereca.host.BundleException;
import io.sereca.host.EnclaveBundle;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sereca enclave measure}: verifies a signed bundle and prints its identity. */
@Command(
    name = "measure",
    mixinStandardHelpOptions = true,
    description = {
        "Verify a signed bundle's signature and print its identity: the measurement (what"
            + " policies pin, like MRENCLAVE), the signer id (like MRSIGNER) and its enclave config.",
        "Unsigned or modified bundles are refused."})
public final class MeasureCommand implements Callable<Integer> {

  @Spec
  private CommandSpec spec;

  @Parameters(index = "0", paramLabel = "BUNDLE", description = "The signed bundle jar.")
  private Path bundle;

  @Override
  public Integer call() {
    EnclaveBundle loaded = load(bundle);
    PrintWriter w = spec.commandLine().getOut();
    w.println("bundle:        " + bundle + " (signature verified)");
    BundleReport.print(w, loaded, "");
    w.flush();
    return SerecaCommand.EXIT_OK;
  }

  /** Loads, verifies and measures a bundle, failing with the reason it was refused. */
  static EnclaveBundle load(Path bundle) {
    try {
      return EnclaveBundle.load(bundle);
    } catch (BundleException e) {
      throw new CommandFailure("refused: " + e.getMessage(), e);
    }
  }
}
