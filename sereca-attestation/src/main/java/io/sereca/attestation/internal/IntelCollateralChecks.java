package io.sereca.attestation.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.sereca.attestation.TcbStatus;
import io.sereca.attestation.VerificationCheck;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Checks Intel collateral and rates a quote's platform with it: the signatures and issuer chains
 * of the TCB info, QE identity and CRLs (to the pinned root, at the verification time), whether
 * the PCK or its CA is revoked, whether the quoting enclave is Intel's, and the TCB status by
 * Intel's algorithm (first TCB level, highest first, that the platform's SVNs all reach).
 */
final class IntelCollateralChecks {

  private final IntelCollateral collateral;
  private final IntelQuote quote;
  private final PckExtensions pck;
  private final X509Certificate root;
  private final Instant now;
  private final List<VerificationCheck> checks = new ArrayList<>();

  private IntelCollateralChecks(IntelCollateral collateral, IntelQuote quote, PckExtensions pck,
      X509Certificate root, Instant now) {
    this.collateral = collateral;
    this.quote = quote;
    this.pck = pck;
    this.root = root;
    this.now = now;
  }

  /** Runs every collateral check; adds them to {@code out}; returns the TCB status, or null. */
  static TcbStatus run(IntelCollateral collateral, IntelQuote quote, PckExtensions pck,
      X509Certificate root, Instant now, List<VerificationCheck> out) {
    IntelCollateralChecks c = new IntelCollateralChecks(collateral, quote, pck, root, now);
    TcbStatus status = c.run();
    out.addAll(c.checks);
    return status;
  }

  private TcbStatus run() {
    boolean tcbInfoOk = signedStructure("TCB info", collateral.tcbInfoIssuerChain,
        collateral.tcbInfoText, collateral.tcbInfoSignature, collateral.tcbInfo);
    boolean qeIdentityOk = signedStructure("QE identity", collateral.qeIdentityIssuerChain,
        collateral.qeIdentityText, collateral.qeIdentitySignature, collateral.qeIdentity);
    boolean revoked = revocation();
    TcbStatus qeStatus = qeIdentityOk ? qeIdentity() : null;
    TcbStatus platform = tcbInfoOk && pck != null ? platformStatus() : null;
    if (platform == null || qeStatus == null) {
      checks.add(VerificationCheck.fail("TCB status", "not determined: "
          + (pck == null ? "PCK extensions unreadable" : "collateral checks above failed")));
      return null;
    }
    TcbStatus status = revoked ? TcbStatus.REVOKED : converge(platform, qeStatus);
    checks.add(VerificationCheck.pass("TCB status", status + " (platform " + platform
        + ", quoting enclave " + qeStatus + (revoked ? ", PCK revoked" : "") + ")"));
    return status;
  }

  /** Chain, signature, validity period and id of a signed TCB info or QE identity. */
  private boolean signedStructure(String what, List<X509Certificate> chain, String text,
      byte[] signature, JsonNode json) {
    String chainProblem = CertChains.problem(chain, root, now);
    checks.add(VerificationCheck.of("collateral: " + what + " signing chain", chainProblem == null,
        "chains to the Intel SGX Root CA", chainProblem == null ? "" : chainProblem));
    boolean signed = verify(chain.get(0), text.getBytes(StandardCharsets.UTF_8), signature);
    checks.add(VerificationCheck.of("collateral: " + what + " signature", signed,
        "signed by " + CertChains.subject(chain.get(0)),
        "not signed by " + CertChains.subject(chain.get(0))));
    Instant issued = IntelCollateral.instant(json, "issueDate");
    Instant next = IntelCollateral.instant(json, "nextUpdate");
    boolean current = issued != null && next != null && !now.isBefore(issued) && !now.isAfter(next);
    checks.add(VerificationCheck.of("collateral: " + what + " validity", current,
        "issued " + issued + ", valid until " + next,
        issued == null || next == null ? "issueDate or nextUpdate missing"
            : "not valid at " + now + " (issued " + issued + ", next update " + next + ")"));
    String expectedId = what.equals("TCB info")
        ? (quote.teeType == IntelQuote.TEE_TYPE_TDX ? "TDX" : "SGX")
        : (quote.teeType == IntelQuote.TEE_TYPE_TDX ? "TD_QE" : "QE");
    String id = json.path("id").asText("(none)");
    boolean matches = id.equals(expectedId);
    String fmspcProblem = null;
    if (what.equals("TCB info") && pck != null) {
      String fmspc = json.path("fmspc").asText("").toUpperCase(Locale.ROOT);
      if (!fmspc.equals(pck.fmspcHex())) {
        fmspcProblem = "is for FMSPC " + fmspc + ", the PCK certificate has " + pck.fmspcHex();
      }
    }
    checks.add(VerificationCheck.of("collateral: " + what + " applies", matches && fmspcProblem == null,
        "id " + id + (what.equals("TCB info") && pck != null ? ", FMSPC " + pck.fmspcHex() : ""),
        !matches ? "id " + id + " is not " + expectedId : fmspcProblem));
    return chainProblem == null && signed && current && matches && fmspcProblem == null;
  }

  /** CRL signatures and currency, and whether the PCK or its CA is revoked. */
  private boolean revocation() {
    X509Certificate pckIssuerFromCollateral = collateral.pckCrlIssuerChain.get(0);
    String issuerProblem = CertChains.problem(collateral.pckCrlIssuerChain, root, now);
    String rootCrlProblem = crlProblem("root CA CRL", collateral.rootCaCrl, root);
    String pckCrlProblem = issuerProblem != null ? "PCK CRL issuer chain " + issuerProblem
        : crlProblem("PCK CRL", collateral.pckCrl, pckIssuerFromCollateral);
    checks.add(VerificationCheck.of("collateral: CRLs", rootCrlProblem == null && pckCrlProblem == null,
        "root CA CRL and PCK CRL signed and current (PCK CRL until "
            + (collateral.pckCrl.getNextUpdate() == null ? "?" : collateral.pckCrl.getNextUpdate().toInstant()) + ")",
        rootCrlProblem != null ? rootCrlProblem : pckCrlProblem));
    List<X509Certificate> chain = quote.pckChain;
    boolean revoked = false;
    String which = "";
    X509Certificate leaf = chain.get(0);
    if (leaf.getIssuerX500Principal().equals(collateral.pckCrl.getIssuerX500Principal())
        && collateral.pckCrl.isRevoked(leaf)) {
      revoked = true;
      which = "PCK certificate " + leaf.getSerialNumber().toString(16);
    }
    for (X509Certificate cert : chain.subList(1, chain.size())) {
      if (!cert.equals(root) && cert.getIssuerX500Principal().equals(collateral.rootCaCrl.getIssuerX500Principal())
          && collateral.rootCaCrl.isRevoked(cert)) {
        revoked = true;
        which = CertChains.subject(cert);
      }
    }
    boolean pckCrlApplies = leaf.getIssuerX500Principal().equals(collateral.pckCrl.getIssuerX500Principal());
    checks.add(VerificationCheck.of("PCK revocation", !revoked && pckCrlApplies,
        "PCK certificate and its CA not revoked",
        revoked ? which + " is revoked"
            : "the PCK CRL is for " + collateral.pckCrl.getIssuerX500Principal().getName()
                + ", not the PCK's issuer " + leaf.getIssuerX500Principal().getName()));
    return revoked;
  }

  /** Why {@code crl} is not a current CRL signed by {@code issuer}; null if it is. */
  private String crlProblem(String what, X509CRL crl, X509Certificate issuer) {
    try {
      crl.verify(issuer.getPublicKey());
    } catch (GeneralSecurityException | RuntimeException e) {
      return what + " not signed by " + CertChains.subject(issuer);
    }
    if (!crl.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
      return what + " issued by " + crl.getIssuerX500Principal().getName() + ", not " + CertChains.subject(issuer);
    }
    Instant thisUpdate = crl.getThisUpdate().toInstant();
    Instant nextUpdate = crl.getNextUpdate() == null ? null : crl.getNextUpdate().toInstant();
    if (now.isBefore(thisUpdate) || nextUpdate == null || now.isAfter(nextUpdate)) {
      return what + " not current at " + now + " (this update " + thisUpdate + ", next update " + nextUpdate + ")";
    }
    return null;
  }

  /** The quoting enclave must be Intel's (MRSIGNER, ISVPRODID, masked MISCSELECT and ATTRIBUTES). */
  private TcbStatus qeIdentity() {
    ReportFields qe = new ReportFields(quote.qeReport);
    JsonNode id = collateral.qeIdentity;
    List<String> problems = new ArrayList<>();
    if (!qe.hex(128, 32).equalsIgnoreCase(id.path("mrsigner").asText(""))) {
      problems.add("MRSIGNER " + qe.hex(128, 32) + " is not " + id.path("mrsigner").asText());
    }
    if (qe.u16(256) != id.path("isvprodid").asInt(-1)) {
      problems.add("ISVPRODID " + qe.u16(256) + " is not " + id.path("isvprodid").asText());
    }
    if (!masked(qe.bytes(16, 4), id.path("miscselect").asText(""), id.path("miscselectMask").asText(""))) {
      problems.add("MISCSELECT does not match under its mask");
    }
    if (!masked(qe.bytes(48, 16), id.path("attributes").asText(""), id.path("attributesMask").asText(""))) {
      problems.add("ATTRIBUTES do not match under their mask");
    }
    int isvSvn = qe.u16(258);
    TcbStatus status = null;
    for (JsonNode level : collateral.qeIdentity.path("tcbLevels")) {
      if (isvSvn >= level.path("tcb").path("isvsvn").asInt(Integer.MAX_VALUE)) {
        status = TcbStatus.fromName(level.path("tcbStatus").asText("")).orElse(null);
        break;
      }
    }
    if (status == null) {
      problems.add("no TCB level for QE ISVSVN " + isvSvn);
    }
    checks.add(VerificationCheck.of("QE identity", problems.isEmpty(),
        "Intel quoting enclave (ISVPRODID " + qe.u16(256) + ", ISVSVN " + isvSvn + ": " + status + ")",
        String.join("; ", problems)));
    return problems.isEmpty() ? status : null;
  }

  /** Whether {@code value & mask == expected & mask}; values are in report byte order. */
  private static boolean masked(byte[] value, String expectedHex, String maskHex) {
    byte[] expected;
    byte[] mask;
    try {
      expected = java.util.HexFormat.of().parseHex(expectedHex);
      mask = java.util.HexFormat.of().parseHex(maskHex);
    } catch (IllegalArgumentException e) {
      return false;
    }
    if (expected.length != value.length || mask.length != value.length) {
      return false;
    }
    for (int i = 0; i < value.length; i++) {
      if ((value[i] & mask[i]) != (expected[i] & mask[i])) {
        return false;
      }
    }
    return true;
  }

  /** Intel's TCB level matching: the first level (highest first) the platform reaches. */
  private TcbStatus platformStatus() {
    boolean tdx = quote.teeType == IntelQuote.TEE_TYPE_TDX;
    byte[] teeTcbSvn = tdx ? ((io.sereca.attestation.TdxIdentity) quote.identity).teeTcbSvn() : null;
    // With a TDX module version above 0, SVNs 0 and 1 are rated by the TDX module identity.
    int tdxFrom = tdx && (teeTcbSvn[1] & 0xFF) > 0 ? 2 : 0;
    TcbStatus moduleStatus = tdxFrom == 2 ? tdxModuleStatus(teeTcbSvn) : TcbStatus.UP_TO_DATE;
    for (JsonNode level : collateral.tcbInfo.path("tcbLevels")) {
      JsonNode tcb = level.path("tcb");
      if (!reaches(pck.tcbComponents(), tcb.path("sgxtcbcomponents"), 0)
          || pck.pceSvn() < tcb.path("pcesvn").asInt(Integer.MAX_VALUE)) {
        continue;
      }
      if (tdx && !reaches(unsigned(teeTcbSvn), tcb.path("tdxtcbcomponents"), tdxFrom)) {
        continue;
      }
      TcbStatus status = TcbStatus.fromName(level.path("tcbStatus").asText("")).orElse(null);
      checks.add(VerificationCheck.of("TCB level", status != null,
          "platform " + pck + (tdx ? ", TEE_TCB_SVN " + java.util.HexFormat.of().formatHex(teeTcbSvn) : "")
              + " reaches the level of " + level.path("tcbDate").asText("?") + ": " + status,
          "unknown status '" + level.path("tcbStatus").asText() + "'"));
      if (status == null || moduleStatus == null) {
        return null;
      }
      return converge(status, moduleStatus);
    }
    checks.add(VerificationCheck.fail("TCB level", "platform " + pck
        + " is below every TCB level of the TCB info (TCB not supported)"));
    return null;
  }

  private TcbStatus tdxModuleStatus(byte[] teeTcbSvn) {
    String id = String.format("TDX_%02X", teeTcbSvn[1] & 0xFF);
    TdxIdentityFields seam = new TdxIdentityFields((io.sereca.attestation.TdxIdentity) quote.identity);
    for (JsonNode module : collateral.tcbInfo.path("tdxModuleIdentities")) {
      if (!module.path("id").asText("").equalsIgnoreCase(id)) {
        continue;
      }
      boolean signerOk = module.path("mrsigner").asText("").equalsIgnoreCase(seam.mrSignerSeam);
      for (JsonNode level : module.path("tcbLevels")) {
        if ((teeTcbSvn[0] & 0xFF) >= level.path("tcb").path("isvsvn").asInt(Integer.MAX_VALUE)) {
          TcbStatus status = TcbStatus.fromName(level.path("tcbStatus").asText("")).orElse(null);
          checks.add(VerificationCheck.of("TDX module identity", signerOk && status != null,
              id + " ISVSVN " + (teeTcbSvn[0] & 0xFF) + ": " + status,
              signerOk ? "unknown status" : "MRSIGNERSEAM does not match " + id));
          return signerOk ? status : null;
        }
      }
    }
    checks.add(VerificationCheck.fail("TDX module identity", "no TCB level for " + id
        + " ISVSVN " + (teeTcbSvn[0] & 0xFF) + " in the TCB info"));
    return null;
  }

  /** MRSIGNERSEAM in the form the TCB info uses. */
  private record TdxIdentityFields(String mrSignerSeam) {
    TdxIdentityFields(io.sereca.attestation.TdxIdentity identity) {
      this(identity.mrSignerSeamHex());
    }
  }

  private static int[] unsigned(byte[] bytes) {
    int[] values = new int[bytes.length];
    for (int i = 0; i < bytes.length; i++) {
      values[i] = bytes[i] & 0xFF;
    }
    return values;
  }

  private static boolean reaches(int[] svns, JsonNode components, int from) {
    if (!components.isArray() || components.size() != svns.length) {
      return false;
    }
    for (int i = from; i < svns.length; i++) {
      if (svns[i] < components.get(i).path("svn").asInt(Integer.MAX_VALUE)) {
        return false;
      }
    }
    return true;
  }

  /** Intel's convergence of a platform status with the QE (or TDX module) status. */
  static TcbStatus converge(TcbStatus platform, TcbStatus other) {
    if (other == TcbStatus.REVOKED || platform == TcbStatus.REVOKED) {
      return TcbStatus.REVOKED;
    }
    if (other == TcbStatus.OUT_OF_DATE || other == TcbStatus.OUT_OF_DATE_CONFIGURATION_NEEDED) {
      switch (platform) {
        case UP_TO_DATE:
        case SW_HARDENING_NEEDED:
          return TcbStatus.OUT_OF_DATE;
        case CONFIGURATION_NEEDED:
        case CONFIGURATION_AND_SW_HARDENING_NEEDED:
          return TcbStatus.OUT_OF_DATE_CONFIGURATION_NEEDED;
        default:
          return platform;
      }
    }
    return platform;
  }

  private static boolean verify(X509Certificate signer, byte[] data, byte[] signature) {
    try {
      Signature verifier = Signature.getInstance("SHA256withECDSAinP1363Format");
      verifier.initVerify(signer.getPublicKey());
      verifier.update(data);
      return verifier.verify(signature);
    } catch (GeneralSecurityException | RuntimeException e) {
      return false;
    }
  }
}
