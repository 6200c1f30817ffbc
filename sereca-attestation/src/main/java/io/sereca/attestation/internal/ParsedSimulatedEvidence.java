package io.sereca.attestation.internal;

import io.sereca.attestation.Evidence;
import io.sereca.attestation.VerificationCheck;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;

/**
 * Simulated evidence as parsed, with the signed bytes and signature kept for the authenticity
 * check: the platform chain must validate to the simulation root and the leaf key must have
 * signed everything before the signature.
 */
final class ParsedSimulatedEvidence implements ParsedEvidence {

  /** The platform key must be on P-256, the curve the format specifies. */
  private static final int P256_FIELD_BITS = 256;

  private final Evidence evidence;
  private final byte[] signedBytes;
  private final byte[] signature;

  ParsedSimulatedEvidence(Evidence evidence, byte[] signedBytes, byte[] signature) {
    this.evidence = evidence;
    this.signedBytes = signedBytes;
    this.signature = signature;
  }

  @Override
  public Evidence evidence() {
    return evidence;
  }

  @Override
  public Authentication authenticate(TrustAnchors anchors, CollateralInput collateral, Instant now) {
    List<VerificationCheck> checks = new ArrayList<>();
    for (String reason : reasons(anchors, now)) {
      checks.add(VerificationCheck.fail("authenticity", reason));
    }
    if (checks.isEmpty()) {
      checks.add(VerificationCheck.pass("authenticity", "SIMULATED: signed by the platform key of "
          + "a chain to the simulation root (no hardware protection)"));
    }
    return new Authentication(checks, null);
  }

  private List<String> reasons(TrustAnchors anchors, Instant now) {
    List<String> reasons = new ArrayList<>();
    X509Certificate leaf = evidence.platformChain().get(0);
    // Checked even when the chain fails, so that the verdict lists every problem.
    if (!signatureValid(leaf.getPublicKey())) {
      reasons.add("signature invalid: the evidence was not signed by its platform certificate's key");
    }
    boolean[] keyUsage = leaf.getKeyUsage();
    if (keyUsage != null && !keyUsage[0]) {
      reasons.add("platform certificate is not allowed to sign (keyUsage lacks digitalSignature)");
    }
    if (anchors.simulationRoot().isEmpty()) {
      reasons.add(anchors.simulationRootProblem());
    } else {
      String chainProblem = chainProblem(anchors.simulationRoot().get(), now);
      if (chainProblem != null) {
        reasons.add(chainProblem);
      }
    }
    return reasons;
  }

  private boolean signatureValid(PublicKey key) {
    if (!(key instanceof ECPublicKey)
        || ((ECPublicKey) key).getParams().getCurve().getField().getFieldSize() != P256_FIELD_BITS) {
      return false;
    }
    try {
      Signature verifier = Signature.getInstance(SimulatedEvidenceFormat.SIGNATURE_ALGORITHM);
      verifier.initVerify(key);
      verifier.update(signedBytes);
      return verifier.verify(signature);
    } catch (GeneralSecurityException | RuntimeException e) {
      // A signature that cannot even be decoded is simply invalid.
      return false;
    }
  }

  private static boolean issuedBy(X509Certificate cert, X509Certificate issuer) {
    try {
      cert.verify(issuer.getPublicKey());
      return cert.getIssuerX500Principal().equals(issuer.getSubjectX500Principal());
    } catch (GeneralSecurityException | RuntimeException e) {
      return false;
    }
  }

  /** Validates the chain to {@code root} at {@code now}; returns the problem, or null if none. */
  private String chainProblem(X509Certificate root, Instant now) {
    List<X509Certificate> path = new ArrayList<>(evidence.platformChain());
    // Issuers may include the root for diagnostics; PKIX wants the path without its anchor.
    while (!path.isEmpty() && path.get(path.size() - 1).equals(root)) {
      path.remove(path.size() - 1);
    }
    if (path.isEmpty()) {
      return "certificate chain holds only the simulation root, no platform certificate";
    }
    X509Certificate top = path.get(path.size() - 1);
    if (!issuedBy(top, root)) {
      // Every installation's root has the same name, so PKIX would only report a bad signature;
      // say what it means, and name the configured root by fingerprint.
      return "certificate chain does not lead to the simulation root (configured root "
          + Fingerprints.sha256(root) + "); is this evidence from another installation?";
    }
    try {
      CertPath certPath = CertificateFactory.getInstance("X.509").generateCertPath(path);
      PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(root, null)));
      // Simulation roots publish no CRLs; the root is pinned per installation instead.
      params.setRevocationEnabled(false);
      params.setDate(Date.from(now));
      CertPathValidator.getInstance("PKIX").validate(certPath, params);
      return null;
    } catch (CertPathValidatorException e) {
      return "platform certificate chain invalid at " + now + ": " + e.getMessage();
    } catch (GeneralSecurityException | RuntimeException e) {
      return "platform certificate chain could not be validated: " + e.getMessage();
    }
  }
}
