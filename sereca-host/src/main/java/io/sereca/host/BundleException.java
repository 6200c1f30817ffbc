package io.sereca.host;

/** A bundle was refused: unsigned, corrupted, wrongly signed or malformed. The message says which. */
public final class BundleException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Creates the exception. */
  public BundleException(String message) {
    super(message);
  }

  /** Creates the exception with a cause. */
  public BundleException(String message, Throwable cause) {
    super(message, cause);
  }
}
