package io.sereca.attestation.internal;

import io.sereca.attestation.Evidence;
import io.sereca.attestation.MalformedEvidenceException;
import io.sereca.attestation.SnpIdentity;
import java.util.List;

/**
 * AMD SEV-SNP attestation reports (1184 bytes; versions 2 and 3, and 4-5 whose signed fields read
 * here are laid out the same). The signing certificate (VCEK or VLEK) is not in the report: it
 * comes with the collateral.
 */
final class SnpReportFormat implements EvidenceFormat {

  static final int REPORT_LENGTH = 0x4A0;
  static final int SIGNATURE_ALGO_ECDSA_P384_SHA384 = 1;

  @Override
  public String name() {
    return "AMD SEV-SNP report";
  }

  @Override
  public boolean recognises(byte[] evidence) {
    if (evidence.length < REPORT_LENGTH) {
      return false;
    }
    try {
      LittleEndianReader r = new LittleEndianReader(evidence, "SNP report");
      long version = r.u32("version", 0);
      return version >= 2 && version <= 5 && r.u32("signature_algo", 0x34) == SIGNATURE_ALGO_ECDSA_P384_SHA384;
    } catch (MalformedEvidenceException e) {
      return false;
    }
  }

  @Override
  public ParsedEvidence parse(byte[] evidence) throws MalformedEvidenceException {
    try {
      return parseReport(evidence);
    } catch (RuntimeException e) {
      // Defence in depth: every bound is checked, but no surprise may escape unchecked.
      throw new MalformedEvidenceException("SNP report could not be parsed: " + e, e);
    }
  }

  private ParsedEvidence parseReport(byte[] evidence) throws MalformedEvidenceException {
    LittleEndianReader r = new LittleEndianReader(evidence, "SNP report");
    long version = r.u32("version", 0);
    if (version < 2 || version > 5) {
      throw r.invalid("version", 0, "unsupported report version " + version + " (2..5)");
    }
    long algorithm = r.u32("signature_algo", 0x34);
    if (algorithm != SIGNATURE_ALGO_ECDSA_P384_SHA384) {
      throw r.invalid("signature_algo", 0x34, "unsupported signature algorithm " + algorithm
          + " (1 = ECDSA P-384 with SHA-384)");
    }
    long vmpl = r.u32("vmpl", 0x30);
    if (vmpl > 3) {
      throw r.invalid("vmpl", 0x30, "VMPL " + vmpl + " is not 0..3");
    }
    // Reads the whole report first, so that a short file fails here, naming the signature.
    byte[] signedPart = r.bytes("report", 0, SnpIdentity.SIGNED_LENGTH);
    byte[] r72 = r.bytes("signature r", 0x2A0, 72);
    byte[] s72 = r.bytes("signature s", 0x2E8, 72);
    r.bytes("reserved", 0x330, REPORT_LENGTH - 0x330);
    SnpIdentity identity = SnpIdentity.fromReport(signedPart);
    return new ParsedSnpReport(identity, signedPart, r72, s72, Evidence.create(identity, List.of()));
  }
}
