package io.sereca.attestation.internal;

import io.sereca.attestation.MalformedEvidenceException;
import java.util.HexFormat;
import java.util.List;

/** The known evidence formats, and dispatch on their magic prefix. */
public final class EvidenceFormats {

  private static final List<EvidenceFormat> FORMATS = List.of(new SimulatedEvidenceFormat());

  private EvidenceFormats() {}

  /**
   * Parses evidence in any known format.
   *
   * @throws MalformedEvidenceException if the format is unknown or the evidence is malformed
   */
  public static ParsedEvidence parse(byte[] evidence) throws MalformedEvidenceException {
    if (evidence == null || evidence.length == 0) {
      throw new MalformedEvidenceException("evidence is empty");
    }
    for (EvidenceFormat format : FORMATS) {
      if (startsWith(evidence, format.magic())) {
        return format.parse(evidence);
      }
    }
    for (EvidenceFormat format : FORMATS) {
      byte[] magic = format.magic();
      // A proper prefix of a known magic is a cut-off blob, not a foreign format.
      if (evidence.length < magic.length && startsWith(magic, evidence)) {
        throw new MalformedEvidenceException("evidence truncated in field 'magic' at offset 0");
      }
    }
    int shown = Math.min(evidence.length, 8);
    throw new MalformedEvidenceException("unknown magic 0x"
        + HexFormat.of().formatHex(evidence, 0, shown) + ": not a known evidence format");
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
