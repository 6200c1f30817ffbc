package io.sereca.attestation;

import java.security.GeneralSecurityException;

/**
 * Evidence bytes could not be parsed. The message names the offending field, and where it applies
 * the offset, e.g. {@code "evidence truncated in field 'measurement' at offset 11"}.
 */
public final class MalformedEvidenceException extends GeneralSecurityException {

  private static final long serialVersionUID = 1L;

  /** Creates an exception with a message naming the problem. */
  public MalformedEvidenceException(String message) {
    super(message);
  }

  /** Creates an exception with a message naming the problem and its underlying cause. */
  public MalformedEvidenceException(String message, Throwable cause) {
    super(message, cause);
  }
}
