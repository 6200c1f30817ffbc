package io.sereca.attestation.internal;

import io.sereca.attestation.MalformedEvidenceException;
import io.sereca.attestation.TeeType;
import java.util.HexFormat;

/** The known evidence formats, and dispatch on their headers or an explicit type. */
public final class EvidenceFormats {

  private static final SimulatedEvidenceFormat SIMULATED = new SimulatedEvidenceFormat();
  private static final IntelQuoteFormat INTEL = new IntelQuoteFormat();
  private static final SnpReportFormat SNP = new SnpReportFormat();

  private EvidenceFormats() {}

  /**
   * Parses evidence in any known format, recognised by its header.
   *
   * @throws MalformedEvidenceException if the format is unknown or the evidence is malformed
   */
  public static ParsedEvidence parse(byte[] evidence) throws MalformedEvidenceException {
    return parse(evidence, null);
  }

  /**
   * Parses evidence of the given type, or of any known format when {@code type} is null.
   *
   * @throws MalformedEvidenceException if the evidence is not of that type, or malformed
   */
  public static ParsedEvidence parse(byte[] evidence, TeeType type) throws MalformedEvidenceException {
    if (evidence == null || evidence.length == 0) {
      throw new MalformedEvidenceException("evidence is empty");
    }
    if (type != null) {
      return parseAs(evidence, type);
    }
    for (EvidenceFormat format : new EvidenceFormat[] {SIMULATED, INTEL, SNP}) {
      if (format.recognises(evidence)) {
        return format.parse(evidence);
      }
    }
    byte[] magic = SIMULATED.magic();
    // A proper prefix of a known magic is a cut-off blob, not a foreign format.
    if (evidence.length < magic.length && startsWith(magic, evidence)) {
      throw new MalformedEvidenceException("evidence truncated in field 'magic' at offset 0");
    }
    int shown = Math.min(evidence.length, 8);
    throw new MalformedEvidenceException("unknown magic 0x"
        + HexFormat.of().formatHex(evidence, 0, shown) + ": not a known evidence format");
  }

  private static ParsedEvidence parseAs(byte[] evidence, TeeType type) throws MalformedEvidenceException {
    switch (type) {
      case SIMULATED:
        return SIMULATED.parse(evidence);
      case SEV_SNP:
        return SNP.parse(evidence);
      case SGX:
      case TDX:
        ParsedEvidence parsed = INTEL.parse(evidence);
        TeeType actual = parsed.evidence().teeType();
        if (actual != type) {
          throw new MalformedEvidenceException("Intel quote: field 'tee_type' at offset 4: the quote is "
              + actual + ", not " + type);
        }
        return parsed;
      default:
        throw new MalformedEvidenceException("unknown evidence type " + type);
    }
  }

  static boolean startsWith(byte[] data, byte[] prefix) {
    if (data.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (data[i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }
}
