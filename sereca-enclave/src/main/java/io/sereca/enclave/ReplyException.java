package io.sereca.enclave;

/** A request from the enclave failed: no handler, timeout, or the replier failed it. */
public final class ReplyException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Failure code the host uses when no reply arrived in time. */
  public static final int TIMEOUT = -1;
  /** Failure code the host uses when nobody consumes the address. */
  public static final int NO_HANDLERS = -2;
  /**
   * Failure code for a failure of a protected request that the enclave could not authenticate (it
   * came from the host or the transport, not from the replier).
   */
  public static final int UNAUTHENTICATED = -4;

  private final int code;

  /** Creates a reply failure. */
  public ReplyException(int code, String message) {
    super(message);
    this.code = code;
  }

  /** The failure code: {@link #TIMEOUT}, {@link #NO_HANDLERS}, or the replier's own code. */
  public int code() {
    return code;
  }
}
