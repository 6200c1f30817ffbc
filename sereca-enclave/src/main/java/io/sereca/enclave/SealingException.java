package io.sereca.enclave;

import java.security.GeneralSecurityException;

/** Sealing or unsealing failed; the message names the reason and never holds plaintext. */
public final class SealingException extends GeneralSecurityException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a reason. */
  public SealingException(String reason) {
    super(reason);
  }
}
