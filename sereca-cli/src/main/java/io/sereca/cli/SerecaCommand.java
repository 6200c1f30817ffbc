package io.sereca.cli;

import io.sereca.cli.internal.AttestCommand;
import io.sereca.cli.internal.CasCommand;
import io.sereca.cli.internal.BenchCommand;
import io.sereca.cli.internal.DemoCommand;
import io.sereca.cli.internal.EnclaveCommand;
import io.sereca.cli.internal.ErrorHandler;
import io.sereca.cli.internal.KeeperCommand;
import io.sereca.cli.internal.PkiCommand;
import io.sereca.cli.internal.VersionProvider;
import io.sereca.cli.internal.WsnmCommand;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The {@code sereca} command: build, sign, measure and run enclave bundles, produce and verify
 * attestation evidence, and run the quick-start demo.
 *
 * <p>Exit codes: {@value #EXIT_OK} success, {@value #EXIT_FAILED} verification refused or
 * operation failed, {@value #EXIT_USAGE} usage error. Errors are printed as one line
 * {@code sereca: <message>} on standard error; {@code --verbose} adds stack traces.
 *
 * <pre>{@code
 * int exit = SerecaCommand.newCommandLine().execute("enclave", "measure", "app.signed.jar");
 * }</pre>
 */
@Command(
    name = "sereca",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
        "SERECA: secure enclaves for reactive cloud applications.",
        "Start with 'sereca demo'. The sim and process backends are SIMULATED: they offer no"
            + " hardware protection."},
    subcommands = {EnclaveCommand.class, AttestCommand.class, PkiCommand.class, CasCommand.class,
        KeeperCommand.class, WsnmCommand.class, DemoCommand.class, BenchCommand.class, HelpCommand.class},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        "0:success",
        "1:verification refused or operation failed",
        "2:usage error"})
public final class SerecaCommand implements Runnable {

  /** Exit code of a successful command. */
  public static final int EXIT_OK = 0;
  /** Exit code when verification was refused or the operation failed. */
  public static final int EXIT_FAILED = 1;
  /** Exit code of a usage error (unknown option, missing argument, invalid value). */
  public static final int EXIT_USAGE = 2;

  @Spec
  private CommandSpec spec;

  @Option(names = "--verbose", scope = ScopeType.INHERIT,
      description = "Show stack traces of errors.")
  private boolean verbose;

  /** Created by picocli; use {@link #newCommandLine()}. */
  public SerecaCommand() {}

  /**
   * A command line for {@code sereca} with its error handling installed: usage errors print the
   * problem and a usage hint and return {@value #EXIT_USAGE}; failures print
   * {@code sereca: <message>} and return {@value #EXIT_FAILED}. Set its output and error
   * writers with {@link CommandLine#setOut} and {@link CommandLine#setErr} before executing.
   */
  public static CommandLine newCommandLine() {
    CommandLine commandLine = new CommandLine(new SerecaCommand());
    ErrorHandler handler = new ErrorHandler();
    commandLine.setParameterExceptionHandler(handler);
    commandLine.setExecutionExceptionHandler(handler);
    return commandLine;
  }

  /** Runs the command and exits the JVM with its exit code. */
  public static void main(String... args) {
    // One line per JDK log record (enclave failures, restarts) instead of the two-line default.
    if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
      System.setProperty("java.util.logging.SimpleFormatter.format", "sereca: %4$s: %5$s%6$s%n");
    }
    // Background threads (backends, shutdown) report unexpected errors in one line too.
    boolean verbose = Arrays.asList(args).contains(ErrorHandler.VERBOSE);
    Thread.setDefaultUncaughtExceptionHandler((thread, e) -> {
      System.err.println("sereca: unexpected error in thread " + thread.getName() + ": " + e);
      if (verbose) {
        e.printStackTrace();
      }
    });
    CommandLine commandLine = newCommandLine();
    commandLine.setOut(new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true));
    commandLine.setErr(new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true));
    System.exit(commandLine.execute(args));
  }

  /** Without a subcommand there is nothing to do: a usage error. */
  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(),
        "missing subcommand: enclave, attest or demo");
  }
}
