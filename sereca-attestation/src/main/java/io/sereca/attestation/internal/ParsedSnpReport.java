package io.sereca.attestation.internal;

import io.sereca.attestation.Evidence;
import io.sereca.attestation.SnpIdentity;
import io.sereca.attestation.VerificationCheck;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * An SEV-SNP report with its checks: (1) the VCEK or VLEK (supplied as collateral) signed the
 * report with ECDSA P-384/SHA-384; (2) that certificate chains through the ASK (VCEK) or ASVK
 * (VLEK) to a pinned AMD ARK (Milan, Genoa or Turin; RSASSA-PSS); (3) REPORTED_TCB equals the TCB
 * the certificate was issued for; (4) a VCEK's hwid equals CHIP_ID (unless the guest masked it).
 */
final class ParsedSnpReport implements ParsedEvidence {

  private static final int P384_FIELD_BITS = 384;

  private final SnpIdentity identity;
  private final byte[] signedPart;
  private final byte[] r72;
  private final byte[] s72;
  private final Evidence evidence;

  ParsedSnpReport(SnpIdentity identity, byte[] signedPart, byte[] r72, byte[] s72, Evidence evidence) {
    this.identity = identity;
    this.signedPart = signedPart;
    this.r72 = r72;
    this.s72 = s72;
    this.evidence = evidence;
  }

  @Override
  public Evidence evidence() {
    return evidence;
  }

  @Override
  public Authentication authenticate(TrustAnchors anchors, CollateralInput collateral, Instant now) {
    List<VerificationCheck> checks = new ArrayList<>();
    int key = identity.signingKey();
    if (key != SnpIdentity.SIGNING_KEY_VCEK && key != SnpIdentity.SIGNING_KEY_VLEK) {
      checks.add(VerificationCheck.fail("signing key", "unknown signing key " + key + " in the flags"));
      return new Authentication(checks, null);
    }
    boolean vlek = key == SnpIdentity.SIGNING_KEY_VLEK;
    String keyName = vlek ? "VLEK" : "VCEK";
    List<X509Certificate> candidates = SnpCertificates.signingCertificates(collateral.certificates(), vlek);
    // With several (e.g. VCEKs of several chips in one bundle), the one that signed is the one.
    Optional<X509Certificate> found = candidates.stream().filter(this::signatureValid).findFirst()
        .or(() -> candidates.stream().findFirst());
    if (found.isEmpty()) {
      checks.add(VerificationCheck.fail("signing key", "the report is signed by a " + keyName
          + ", which is not in the report: supply its certificate as collateral (DER or PEM from"
          + " AMD KDS, a PEM bundle, or the SNP certificate table of the configfs-tsm auxblob)"));
      return new Authentication(checks, null);
    }
    X509Certificate leaf = found.get();
    checks.add(VerificationCheck.pass("signing key", keyName + " " + CertChains.subject(leaf)));
    checks.add(VerificationCheck.of("report signature", signatureValid(leaf),
        "report signed by the " + keyName + " (ECDSA P-384, SHA-384)",
        "report not signed by the supplied " + keyName));
    HardwareRoots.AmdProduct product = null;
    List<String> problems = new ArrayList<>();
    for (HardwareRoots.AmdProduct candidate : anchors.amdProducts()) {
      X509Certificate intermediate = vlek ? candidate.asvk() : candidate.ask();
      String problem = CertChains.problem(List.of(leaf, intermediate), candidate.ark(), now);
      if (problem == null) {
        product = candidate;
        break;
      }
      problems.add(candidate.name() + ": " + problem);
    }
    checks.add(VerificationCheck.of("certificate chain", product != null,
        product == null ? "" : keyName + " <- " + (vlek ? "ASVK" : "ASK") + " <- ARK-" + product.name()
            + " (pinned " + Fingerprints.sha256(product.ark()) + ")",
        "the " + keyName + " chains to no pinned AMD root: " + String.join("; ", problems)));
    checks.add(tcbCheck(leaf, product));
    if (!vlek) {
      checks.add(chipIdCheck(leaf));
    }
    return new Authentication(checks, null);
  }

  private VerificationCheck tcbCheck(X509Certificate leaf, HardwareRoots.AmdProduct product) {
    boolean turin = product != null ? product.name().equals("Turin")
        : leaf.getExtensionValue(SnpCertificates.OID_FMC) != null;
    long reported = identity.reportedTcb();
    try {
      long certified = SnpCertificates.certifiedTcb(leaf, turin);
      return VerificationCheck.of("reported TCB", certified == reported,
          "REPORTED_TCB " + SnpCertificates.describeTcb(reported, turin) + " matches the certificate",
          "REPORTED_TCB " + SnpCertificates.describeTcb(reported, turin)
              + " does not match the certificate's " + SnpCertificates.describeTcb(certified, turin));
    } catch (Der.DerException | RuntimeException e) {
      return VerificationCheck.fail("reported TCB", "certificate TCB extensions unreadable: " + e.getMessage());
    }
  }

  private VerificationCheck chipIdCheck(X509Certificate leaf) {
    byte[] chipId = identity.chipId();
    if (Arrays.equals(chipId, new byte[64])) {
      return VerificationCheck.pass("chip id", "masked by the guest policy (zero): not compared");
    }
    try {
      byte[] hwid = SnpCertificates.hardwareId(leaf);
      return VerificationCheck.of("chip id", hwid != null && MessageDigest.isEqual(hwid, chipId),
          "CHIP_ID matches the VCEK's hwid",
          hwid == null ? "the VCEK has no hwid extension" : "CHIP_ID is not the VCEK's hwid "
              + SnpCertificates.hex(hwid));
    } catch (Der.DerException | RuntimeException e) {
      return VerificationCheck.fail("chip id", "VCEK hwid extension unreadable: " + e.getMessage());
    }
  }

  private boolean signatureValid(X509Certificate leaf) {
    if (!(leaf.getPublicKey() instanceof ECPublicKey)
        || ((ECPublicKey) leaf.getPublicKey()).getParams().getCurve().getField().getFieldSize() != P384_FIELD_BITS) {
      return false;
    }
    byte[] p1363 = new byte[96];
    if (!bigEndian48(r72, p1363, 0) || !bigEndian48(s72, p1363, 48)) {
      return false;
    }
    try {
      Signature verifier = Signature.getInstance("SHA384withECDSAinP1363Format");
      verifier.initVerify(leaf.getPublicKey());
      verifier.update(signedPart);
      return verifier.verify(p1363);
    } catch (GeneralSecurityException | RuntimeException e) {
      return false;
    }
  }

  /** Reverses a 72-byte little-endian integer into 48 big-endian bytes; its top 24 must be zero. */
  private static boolean bigEndian48(byte[] little, byte[] out, int at) {
    for (int i = 48; i < 72; i++) {
      if (little[i] != 0) {
        return false;
      }
    }
    for (int i = 0; i < 48; i++) {
      out[at + i] = little[47 - i];
    }
    return true;
  }
}
