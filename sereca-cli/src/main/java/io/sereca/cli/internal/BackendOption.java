package io.sereca.cli.internal;

import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The {@code --backend} option shared by the commands that launch an enclave. */
public final class BackendOption {

  /**
   * The backends this command can launch on: {@code sim} and {@code process} are SIMULATED (no
   * hardware protection); the others need their hardware and refuse to start without it.
   */
  public static final List<String> BACKENDS = List.of("sim", "process", "gramine-sgx", "tdx", "sev-snp");

  @Spec(Spec.Target.MIXEE)
  private CommandSpec mixee;

  private String backend = "sim";

  /** Sets the backend, refusing unknown names as a usage error. */
  @Option(names = "--backend", paramLabel = "BACKEND", defaultValue = "sim",
      description = "Enclave backend: sim (in this JVM) or process (a child JVM), both SIMULATED"
          + " without hardware protection; or gramine-sgx, tdx, sev-snp, which need their hardware"
          + " (see docs/hardware-backends.md). Default: ${DEFAULT-VALUE}.")
  void setBackend(String name) {
    if (!BACKENDS.contains(name)) {
      throw new ParameterException(mixee.commandLine(), "unknown backend '" + name
          + "' for option '--backend' (available: " + String.join(", ", BACKENDS) + ")");
    }
    this.backend = name;
  }

  /** The chosen backend. */
  public String backend() {
    return backend;
  }
}
