package io.sereca.attestation.internal;

import io.sereca.attestation.MalformedEvidenceException;

/**
 * One evidence wire format (simulated; later SGX DCAP, TDX, SEV-SNP). Formats are told apart by
 * a fixed prefix, so {@link EvidenceFormats} can dispatch without trial parsing.
 */
public interface EvidenceFormat {

  /** A short name for messages, e.g. {@code "SRCAEVD1 (simulated)"}. */
  String name();

  /** The prefix that identifies this format (copy). */
  byte[] magic();

  /**
   * Parses evidence whose prefix is {@link #magic()}.
   *
   * @throws MalformedEvidenceException naming the field that is wrong; never an unchecked
   *     exception, whatever the input
   */
  ParsedEvidence parse(byte[] evidence) throws MalformedEvidenceException;
}
