package io.sereca.attestation.internal;

import io.sereca.attestation.Evidence;
import io.sereca.attestation.TcbStatus;
import io.sereca.attestation.VerificationCheck;
import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * An Intel quote with its offline checks: (1) the attestation key signed the header and report
 * body; (2) the QE report binds that key (REPORTDATA = SHA-256(key || QE auth data) || 32 zeros);
 * (3) the PCK certificate's key signed the QE report; (4) the PCK chain leads to the pinned Intel
 * SGX Root CA. With collateral, {@link IntelCollateralChecks} adds revocation and TCB status.
 */
final class ParsedIntelQuote implements ParsedEvidence {

  static final String SIGNATURE_ALGORITHM = "SHA256withECDSAinP1363Format";
  /** Intel's QE vendor id. */
  static final byte[] INTEL_QE_VENDOR_ID = HexFormat.of().parseHex("939a7233f79c4ca9940a0db3957f0607");

  private final IntelQuote quote;
  private final Evidence evidence;

  ParsedIntelQuote(IntelQuote quote, Evidence evidence) {
    this.quote = quote;
    this.evidence = evidence;
  }

  @Override
  public Evidence evidence() {
    return evidence;
  }

  @Override
  public Authentication authenticate(TrustAnchors anchors, CollateralInput collateral, Instant now) {
    List<VerificationCheck> checks = new ArrayList<>();
    checks.add(VerificationCheck.of("QE vendor", Arrays.equals(quote.qeVendorId(), INTEL_QE_VENDOR_ID),
        "Intel (939a7233f79c4ca9940a0db3957f0607)",
        "QE vendor id " + HexFormat.of().formatHex(quote.qeVendorId()) + " is not Intel's"));
    PublicKey attestationKey = p256Key(quote.attestationKey);
    checks.add(VerificationCheck.of("attestation key", attestationKey != null,
        "a valid P-256 point", "not a point on P-256"));
    checks.add(VerificationCheck.of("quote signature",
        attestationKey != null && verify(attestationKey, quote.signedRegion, quote.signature),
        "header and report body signed by the attestation key",
        "header and report body not signed by the attestation key in the quote"));
    checks.add(bindingCheck());
    X509Certificate pck = quote.pckChain.get(0);
    checks.add(VerificationCheck.of("QE report signature", verify(pck.getPublicKey(), quote.qeReport,
            quote.qeReportSignature),
        "QE report signed by the PCK key of " + CertChains.subject(pck),
        "QE report not signed by the PCK certificate's key"));
    String chainProblem = CertChains.problem(quote.pckChain, anchors.intelRoot(), now);
    checks.add(VerificationCheck.of("PCK certificate chain", chainProblem == null,
        "leads to the pinned Intel SGX Root CA (" + Fingerprints.sha256(anchors.intelRoot()) + ")",
        chainProblem == null ? "" : chainProblem));
    PckExtensions extensions = null;
    try {
      extensions = PckExtensions.of(pck);
      checks.add(VerificationCheck.pass("PCK SGX extensions", extensions.toString()));
    } catch (Der.DerException | RuntimeException e) {
      checks.add(VerificationCheck.fail("PCK SGX extensions", "unreadable: " + e.getMessage()));
    }
    TcbStatus status = null;
    if (collateral.intel() != null) {
      status = IntelCollateralChecks.run(collateral.intel(), quote, extensions, anchors.intelRoot(), now, checks);
    }
    return new Authentication(checks, status);
  }

  private VerificationCheck bindingCheck() {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      sha256.update(quote.attestationKey);
      sha256.update(quote.qeAuthData);
      byte[] expected = Arrays.copyOf(sha256.digest(), 64);
      byte[] actual = Arrays.copyOfRange(quote.qeReport, 320, 384);
      return VerificationCheck.of("QE report data binding", MessageDigest.isEqual(expected, actual),
          "QE REPORTDATA = SHA-256(attestation key || QE auth data) || zeros",
          "QE REPORTDATA does not bind the attestation key and QE auth data");
    } catch (GeneralSecurityException e) {
      return VerificationCheck.fail("QE report data binding", "SHA-256 unavailable: " + e.getMessage());
    }
  }

  /** The P-256 key with affine coordinates x||y, or null if that is not a point on the curve. */
  static PublicKey p256Key(byte[] xy) {
    try {
      AlgorithmParameters params = AlgorithmParameters.getInstance("EC");
      params.init(new ECGenParameterSpec("secp256r1"));
      ECParameterSpec spec = params.getParameterSpec(ECParameterSpec.class);
      ECPoint point = new ECPoint(new BigInteger(1, Arrays.copyOfRange(xy, 0, 32)),
          new BigInteger(1, Arrays.copyOfRange(xy, 32, 64)));
      if (!onCurve(point, spec)) {
        return null;
      }
      return KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(point, spec));
    } catch (GeneralSecurityException | RuntimeException e) {
      return null;
    }
  }

  /** y^2 = x^3 + ax + b mod p: the JDK does not check this when building a key. */
  private static boolean onCurve(ECPoint point, ECParameterSpec spec) {
    BigInteger p = ((java.security.spec.ECFieldFp) spec.getCurve().getField()).getP();
    BigInteger x = point.getAffineX();
    BigInteger y = point.getAffineY();
    if (x.compareTo(p) >= 0 || y.compareTo(p) >= 0) {
      return false;
    }
    BigInteger right = x.pow(3).add(spec.getCurve().getA().multiply(x)).add(spec.getCurve().getB()).mod(p);
    return y.pow(2).mod(p).equals(right);
  }

  static boolean verify(PublicKey key, byte[] data, byte[] p1363Signature) {
    try {
      Signature verifier = Signature.getInstance(SIGNATURE_ALGORITHM);
      verifier.initVerify(key);
      verifier.update(data);
      return verifier.verify(p1363Signature);
    } catch (GeneralSecurityException | RuntimeException e) {
      return false;
    }
  }
}
