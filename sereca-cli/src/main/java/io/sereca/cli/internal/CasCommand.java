package io.sereca.cli.internal;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code sereca cas}: run and use the configuration and attestation service. */
@Command(
    name = "cas",
    mixinStandardHelpOptions = true,
    description = {"The configuration and attestation service (CAS): it hands keys, env, args and files",
        "only to enclaves whose evidence matches the manifest. See docs/cas.md."},
    subcommands = {CasServeCommand.class, CasVerifyCommand.class, CasManifestCommand.class,
        CasSecretCommand.class, CasRotateCommand.class, CasAuditCommand.class, CasUserKeyCommand.class,
        CasRecoveryCommand.class, CasNodeCertCommand.class})
public final class CasCommand implements Runnable {

  @Spec
  private CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(),
        "missing subcommand: serve, verify, manifest, secret, rotate, audit, user-key or recovery");
  }
}
