package io.sereca.wsnm.enclave.store;

/** A request the archiver refuses or cannot serve: the code and text its requester receives. */
public final class QueryFailure extends Exception {
  private static final long serialVersionUID = 1L;

  /** Bad request. */
  public static final int BAD_REQUEST = 400;
  /** The answer would be larger than allowed. */
  public static final int TOO_LARGE = 413;
  /** The host's record store sent something malformed. */
  public static final int BAD_GATEWAY = 502;
  /** The key is not provisioned, or the record store is unavailable. */
  public static final int UNAVAILABLE = 503;

  private final int code;

  /** A failure with a code and a message naming the problem (never data or keys). */
  public QueryFailure(int code, String message) {
    super(message, null, false, false);
    this.code = code;
  }

  /** The failure code. */
  public int code() {
    return code;
  }
}
