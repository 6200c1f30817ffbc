package io.sereca.cli.internal;

import io.sereca.cli.SerecaCommand;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Turns exceptions into one clear line on standard error and an exit code: usage errors exit 2
 * with the command's synopsis, {@link CommandFailure}s and anything unexpected exit 1. Stack
 * traces only with {@code --verbose}: a user should read what went wrong, not where.
 */
public final class ErrorHandler implements IParameterExceptionHandler, IExecutionExceptionHandler {

  /** Name of the option that asks for stack traces. */
  public static final String VERBOSE = "--verbose";

  @Override
  public int handleParseException(ParameterException ex, String[] args) {
    CommandLine cmd = ex.getCommandLine();
    PrintWriter err = cmd.getErr();
    err.println("sereca: " + ex.getMessage());
    UnmatchedArgumentException.printSuggestions(ex, err);
    CommandLine.Help help = cmd.getHelp();
    err.print(help.synopsisHeading() + help.synopsis(help.synopsisHeadingLength()));
    err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for more information.");
    err.flush();
    return SerecaCommand.EXIT_USAGE;
  }

  @Override
  public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
    PrintWriter err = cmd.getErr();
    boolean verbose = isVerbose(parseResult);
    if (ex instanceof CommandFailure) {
      err.println("sereca: " + ex.getMessage());
    } else {
      // A bug or an environment problem nobody anticipated: still one line, but say so.
      err.println("sereca: unexpected error: " + ex.getClass().getSimpleName() + ": "
          + CommandFailure.reason(ex) + (verbose ? "" : " (run with " + VERBOSE + " for details)"));
    }
    if (verbose) {
      ex.printStackTrace(err);
    }
    err.flush();
    return SerecaCommand.EXIT_FAILED;
  }

  /** Whether {@value #VERBOSE} was given at any level of the (top-level) parse result. */
  static boolean isVerbose(ParseResult result) {
    for (ParseResult r = result; r != null; r = r.subcommand()) {
      if (r.hasMatchedOption(VERBOSE)) {
        return true;
      }
    }
    return false;
  }
}
