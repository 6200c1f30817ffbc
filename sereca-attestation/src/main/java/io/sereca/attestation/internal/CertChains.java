package io.sereca.attestation.internal;

import java.security.GeneralSecurityException;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;

/** PKIX validation of a vendor chain to one pinned root, with messages that say what failed. */
public final class CertChains {

  private CertChains() {}

  /**
   * Validates {@code chain} (leaf first; the root itself may be included) to {@code root} at
   * {@code now}, without revocation (CRLs are checked separately, from collateral).
   *
   * @return null when valid, otherwise the problem
   */
  public static String problem(List<X509Certificate> chain, X509Certificate root, Instant now) {
    List<X509Certificate> path = new ArrayList<>(chain);
    // PKIX wants the path without its anchor; a chain that merely ends in a look-alike of the
    // root is not removed here and then fails validation, as it must.
    while (!path.isEmpty() && path.get(path.size() - 1).equals(root)) {
      path.remove(path.size() - 1);
    }
    if (path.isEmpty()) {
      return "the chain holds only the root, no leaf certificate";
    }
    try {
      CertPath certPath = CertificateFactory.getInstance("X.509").generateCertPath(path);
      PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(root, null)));
      params.setRevocationEnabled(false);
      params.setDate(Date.from(now));
      CertPathValidator.getInstance("PKIX").validate(certPath, params);
      return null;
    } catch (CertPathValidatorException e) {
      String where = e.getIndex() >= 0 && e.getIndex() < path.size()
          ? " (at " + path.get(e.getIndex()).getSubjectX500Principal().getName() + ")" : "";
      return "does not validate to " + root.getSubjectX500Principal().getName() + " ("
          + Fingerprints.sha256(root) + ") at " + now + ": " + e.getMessage() + where;
    } catch (GeneralSecurityException | RuntimeException e) {
      return "could not be validated: " + e.getMessage();
    }
  }

  /** The common name of {@code cert}'s subject, or its whole name. */
  public static String subject(X509Certificate cert) {
    return cert.getSubjectX500Principal().getName();
  }
}
