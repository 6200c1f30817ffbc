package io.sereca.cli.internal;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code sereca enclave}: the life cycle of an enclave bundle. */
@Command(
    name = "enclave",
    mixinStandardHelpOptions = true,
    description = "Create signing keys, sign, measure and run enclave bundles.",
    subcommands = {KeygenCommand.class, SignCommand.class, MeasureCommand.class, RunCommand.class,
        GramineManifestCommand.class})
public final class EnclaveCommand implements Runnable {

  @Spec
  private CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(),
        "missing subcommand: keygen, sign, measure, run or gramine-manifest");
  }
}
