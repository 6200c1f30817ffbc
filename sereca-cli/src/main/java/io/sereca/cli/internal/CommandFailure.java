package io.sereca.cli.internal;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * An operation of a command failed for a reason the user can act on: a missing file, a refused
 * bundle, an enclave that did not answer. The message is printed as {@code sereca: <message>}
 * without a stack trace (unless {@code --verbose}) and the command exits with 1.
 */
public final class CommandFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** A failure with a message that names the problem. */
  public CommandFailure(String message) {
    super(message);
  }

  /** A failure caused by {@code cause}; the message should already include its reason. */
  public CommandFailure(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * A failure "{@code context}: reason", where reason is the message of the innermost cause that
   * is not a mere wrapper ({@link CompletionException}, {@link ExecutionException}).
   */
  public static CommandFailure because(String context, Throwable cause) {
    return new CommandFailure(context + ": " + reason(cause), cause);
  }

  /** The message of the first cause that is not a wrapper, or its class name if it has none. */
  public static String reason(Throwable t) {
    Throwable cause = t;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    String message = cause.getMessage();
    return message == null || message.isBlank() ? cause.getClass().getSimpleName() : message;
  }
}
