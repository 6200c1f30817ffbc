package io.sereca.attestation.internal;

import io.sereca.attestation.Evidence;
import java.time.Instant;
import java.util.List;

/**
 * Evidence as one format parsed it: the format-independent {@link Evidence} plus whatever that
 * format needs to prove the evidence genuine (signed bytes, signatures, certificates).
 */
public interface ParsedEvidence {

  /** The format-independent view. */
  Evidence evidence();

  /**
   * Checks that the evidence was produced by a platform chaining to one of {@code anchors}: the
   * certificate chain and the signature over the evidence. Policy checks are not done here.
   *
   * @return every failed check as a human-readable reason; empty when the evidence is genuine
   */
  List<String> checkAuthenticity(TrustAnchors anchors, Instant now);
}
