package io.sereca.host.spi;

/** An enclave could not be launched, or died; the message names why. */
public final class EnclaveLaunchException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Creates the exception. */
  public EnclaveLaunchException(String message) {
    super(message);
  }

  /** Creates the exception with a cause. */
  public EnclaveLaunchException(String message, Throwable cause) {
    super(message, cause);
  }
}
