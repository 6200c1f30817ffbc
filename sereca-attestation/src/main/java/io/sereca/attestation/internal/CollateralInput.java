package io.sereca.attestation.internal;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * What a caller supplied besides the evidence: Intel PCS collateral, and certificates (an SNP
 * VCEK or VLEK, possibly with its ASK/ASVK).
 *
 * @param intel Intel collateral, or null
 * @param certificates certificates supplied, in any order (unmodifiable)
 */
public record CollateralInput(IntelCollateral intel, List<X509Certificate> certificates) {

  /** Nothing supplied. */
  public static final CollateralInput NONE = new CollateralInput(null, List.of());

  /** Copies the list. */
  public CollateralInput {
    certificates = List.copyOf(certificates);
  }
}
