package io.sereca.cli.internal;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code sereca attest}: produce and verify attestation evidence. */
@Command(
    name = "attest",
    mixinStandardHelpOptions = true,
    description = "Produce and verify attestation evidence.",
    subcommands = {VerifyCommand.class, EvidenceCommand.class})
public final class AttestCommand implements Runnable {

  @Spec
  private CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "missing subcommand: verify or evidence");
  }
}
