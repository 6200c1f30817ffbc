package io.sereca.enclave.bus;

/** An envelope was refused; {@link #reason()} says why. The message never contains payload. */
public final class EnvelopeRejectedException extends Exception {
  private static final long serialVersionUID = 1L;

  private final RejectReason reason;

  /** Creates the exception. */
  public EnvelopeRejectedException(RejectReason reason, String detail) {
    super(reason.tag() + ": " + detail);
    this.reason = reason;
  }

  /** The reason. */
  public RejectReason reason() {
    return reason;
  }
}
