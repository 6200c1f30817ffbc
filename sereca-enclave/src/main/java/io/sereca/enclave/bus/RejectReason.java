package io.sereca.enclave.bus;

/** Why a receiver dropped an envelope. Each reason is counted separately. */
public enum RejectReason {
  /** Not an envelope, or a field out of bounds. */
  MALFORMED,
  /** A plaintext message arrived on a protected address. */
  PLAINTEXT,
  /** The key name or version is unknown here, or its grace period is over. */
  UNKNOWN_KEY,
  /** The envelope was made for another address (moved by the host or the network). */
  WRONG_ADDRESS,
  /** The authentication tag did not verify: tampered, truncated or forged. */
  BAD_TAG,
  /** A (sender, sequence) already delivered, or too old for the window. */
  REPLAY,
  /** The timestamp is beyond the allowed clock skew, or older than the receiver itself. */
  STALE,
  /**
   * The receiver requires provisioned routes (an enclave with {@code routes.required=true}) and
   * has none yet, so it cannot tell protected addresses from plain ones: it accepts nothing.
   */
  NOT_PROVISIONED;

  /** The metric tag value, e.g. {@code bad_tag}. */
  public String tag() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
