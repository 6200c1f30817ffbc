package io.sereca.enclave.boundary;

/**
 * A frame crossing the enclave boundary is malformed or over a limit. The message names the field
 * and the problem; it never contains payload bytes.
 */
public final class BoundaryException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception. */
  public BoundaryException(String message) {
    super(message);
  }
}
