package io.sereca.host;

/** An ecall failed inside the enclave, was rejected at the boundary, or the enclave is gone. */
public final class EnclaveException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception. */
  public EnclaveException(String message) {
    super(message);
  }

  /** Creates the exception with a cause. */
  public EnclaveException(String message, Throwable cause) {
    super(message, cause);
  }
}
