package io.sereca.attestation;

import java.io.IOException;

/**
 * A collateral file is not valid collateral. The message names the file and the field, e.g.
 * {@code collateral.json: key 'tcb_info': not valid JSON}.
 */
public final class InvalidCollateralException extends IOException {

  private static final long serialVersionUID = 1L;

  /** Creates an exception with a message naming the problem. */
  public InvalidCollateralException(String message) {
    super(message);
  }

  /** Creates an exception with a message naming the problem and its cause. */
  public InvalidCollateralException(String message, Throwable cause) {
    super(message, cause);
  }
}
