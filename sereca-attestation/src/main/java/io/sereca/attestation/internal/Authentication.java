package io.sereca.attestation.internal;

import io.sereca.attestation.TcbStatus;
import io.sereca.attestation.VerificationCheck;
import java.util.List;

/**
 * The authenticity checks of one piece of evidence, and the TCB status if collateral rated it.
 *
 * @param checks every check made, passed or failed
 * @param tcbStatus the platform's TCB status, or null when not determined
 */
public record Authentication(List<VerificationCheck> checks, TcbStatus tcbStatus) {

  /** Copies the list. */
  public Authentication {
    checks = List.copyOf(checks);
  }
}
