package io.sereca.cas;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One entry of the CAS's append-only audit log: attestations (accepted or refused, with the
 * reason), secret deliveries, manifest updates, uploads and rotations. Entries are hash-chained:
 * each {@link #hash()} covers the entry's fields and its predecessor's hash.
 *
 * @param seq position in the log, from 1
 * @param time epoch milliseconds (the CAS host's clock)
 * @param type {@code start}, {@code attestation}, {@code manifest}, {@code secret},
 *     {@code rotation}, {@code audit}
 * @param subject what it is about (a service, a secret, a manifest hash)
 * @param outcome {@code accepted} or {@code refused}
 * @param detail the reason, or what was delivered (names only, never values)
 * @param prev the predecessor's hash ({@link #GENESIS} for the first entry)
 * @param hash this entry's hash
 */
public record AuditEntry(long seq, long time, String type, String subject, String outcome,
    String detail, String prev, String hash) {

  /** The predecessor hash of the first entry. */
  public static final String GENESIS = "0".repeat(64);

  /** Computes an entry's hash from its fields. */
  public static String hashOf(long seq, long time, String type, String subject, String outcome,
      String detail, String prev) {
    String canonical = seq + "\n" + time + "\n" + escape(type) + "\n" + escape(subject) + "\n"
        + escape(outcome) + "\n" + escape(detail) + "\n" + prev;
    return Manifest.hashOf(canonical.getBytes(StandardCharsets.UTF_8));
  }

  /** Whether {@link #hash()} matches the fields. */
  public boolean hashMatches() {
    return hashOf(seq, time, type, subject, outcome, detail, prev).equals(hash);
  }

  /**
   * Checks a whole log from its first entry: sequence numbers 1, 2, ... without gaps, each entry
   * chained to its predecessor, each hash matching.
   *
   * @return empty if the chain is intact, otherwise the first problem found
   */
  public static java.util.Optional<String> verifyChain(List<AuditEntry> entries) {
    String prev = GENESIS;
    long expected = 1;
    for (AuditEntry e : entries) {
      if (e.seq() != expected) {
        return java.util.Optional.of("entry " + expected + " is missing (found " + e.seq() + ")");
      }
      if (!e.prev().equals(prev)) {
        return java.util.Optional.of("entry " + e.seq() + " is not chained to entry " + (e.seq() - 1));
      }
      if (!e.hashMatches()) {
        return java.util.Optional.of("entry " + e.seq() + " was altered (hash mismatch)");
      }
      prev = e.hash();
      expected++;
    }
    return java.util.Optional.empty();
  }

  private static String escape(String s) {
    return s.replace("\\", "\\\\").replace("\n", "\\n");
  }
}
