package io.sereca.attestation;

import java.io.IOException;

/**
 * A policy file is not a valid policy. The message names the file, the key (e.g.
 * {@code allowedSigners[0].minSvn}) and the offending value.
 */
public final class InvalidPolicyException extends IOException {

  private static final long serialVersionUID = 1L;

  /** Creates an exception with a message naming the problem. */
  public InvalidPolicyException(String message) {
    super(message);
  }

  /** Creates an exception with a message naming the problem and its cause. */
  public InvalidPolicyException(String message, Throwable cause) {
    super(message, cause);
  }
}
