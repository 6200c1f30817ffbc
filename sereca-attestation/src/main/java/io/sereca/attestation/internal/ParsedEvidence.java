package io.sereca.attestation.internal;

import io.sereca.attestation.Evidence;
import io.sereca.attestation.VerificationCheck;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Evidence as one format parsed it: the format-independent {@link Evidence} plus whatever that
 * format needs to prove the evidence genuine (signed bytes, signatures, certificates).
 */
public interface ParsedEvidence {

  /** The format-independent view. */
  Evidence evidence();

  /**
   * Checks that the evidence was produced by a platform chaining to one of {@code anchors}:
   * certificate chains and signatures, and, with collateral, revocation and TCB status. Policy
   * checks are not done here. Every check is reported, passed or failed.
   */
  Authentication authenticate(TrustAnchors anchors, CollateralInput collateral, Instant now);

  /**
   * The failed checks of {@link #authenticate} without collateral, as human-readable reasons;
   * empty when the evidence is genuine.
   */
  default List<String> checkAuthenticity(TrustAnchors anchors, Instant now) {
    List<String> reasons = new ArrayList<>();
    for (VerificationCheck check : authenticate(anchors, CollateralInput.NONE, now).checks()) {
      if (!check.passed()) {
        reasons.add(check.detail());
      }
    }
    return reasons;
  }
}
