package io.sereca.cli.internal;

import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The {@code --backend} option shared by the commands that launch an enclave. */
public final class BackendOption {

  /** The backends this command can launch on; both are SIMULATED (no hardware protection). */
  public static final List<String> BACKENDS = List.of("sim", "process");

  @Spec(Spec.Target.MIXEE)
  private CommandSpec mixee;

  private String backend = "sim";

  /** Sets the backend, refusing unknown names as a usage error. */
  @Option(names = "--backend", paramLabel = "sim|process", defaultValue = "sim",
      description = "Enclave backend: sim (in this JVM) or process (a child JVM). Both are"
          + " SIMULATED, without hardware protection. Default: ${DEFAULT-VALUE}.")
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
