package io.sereca.attestation.internal;

import io.sereca.attestation.MalformedEvidenceException;

/**
 * One evidence wire format: simulated, an Intel DCAP quote (SGX or TDX) or an AMD SEV-SNP report.
 * Simulated evidence has a magic prefix; quotes and reports have none, so each format recognises
 * its own header (Intel: version 3-5 with attestation key type 2; SNP: a 1184-byte report with
 * version 2-5 and signature algorithm 1), and callers may name the format instead.
 */
public interface EvidenceFormat {

  /** A short name for messages, e.g. {@code "SRCAEVD1 (simulated)"}. */
  String name();

  /** Whether {@code evidence} starts like this format; cheap, no parsing. */
  boolean recognises(byte[] evidence);

  /**
   * Parses evidence in this format.
   *
   * @throws MalformedEvidenceException naming the field that is wrong; never an unchecked
   *     exception, whatever the input
   */
  ParsedEvidence parse(byte[] evidence) throws MalformedEvidenceException;
}
