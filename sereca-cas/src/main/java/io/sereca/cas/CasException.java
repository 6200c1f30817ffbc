package io.sereca.cas;

/** The CAS refused a request, or could not be reached; {@link #status()} is the HTTP status (0 if none). */
public final class CasException extends Exception {

  private static final long serialVersionUID = 1L;
  private final int status;

  /** Creates the exception. */
  public CasException(int status, String reason) {
    super(status == 0 ? reason : "CAS answered " + status + ": " + reason);
    this.status = status;
  }

  /** Creates the exception with a cause. */
  public CasException(String reason, Throwable cause) {
    super(reason, cause);
    this.status = 0;
  }

  /** The HTTP status, or 0 when the CAS was not reached. */
  public int status() {
    return status;
  }
}
