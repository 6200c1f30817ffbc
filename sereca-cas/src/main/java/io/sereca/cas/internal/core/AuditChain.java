package io.sereca.cas.internal.core;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sereca.cas.AuditEntry;

/**
 * Appends entries to the hash-chained audit log. Each entry's hash covers its fields and its
 * predecessor's hash; the head (sequence and hash) lives in the sealed state, so the host, which
 * stores the entries, can neither drop, change nor reorder them without the CAS noticing.
 */
final class AuditChain {

  /** The predecessor of the first entry. */
  static final String GENESIS = AuditEntry.GENESIS;

  private AuditChain() {}

  /**
   * Appends an entry to the state's chain and returns it as JSON for the host to store.
   *
   * @param type {@code attestation}, {@code delivery}, {@code manifest}, {@code secret},
   *     {@code rotation}, {@code start}
   * @param outcome {@code accepted} or {@code refused}
   */
  static ObjectNode append(CasState state, long now, String type, String subject, String outcome,
      String detail) {
    long seq = state.auditSequence + 1;
    String prev = state.auditHead;
    String hash = hash(seq, now, type, subject, outcome, detail, prev);
    state.auditSequence = seq;
    state.auditHead = hash;
    ObjectNode e = CasState.JSON.createObjectNode();
    e.put("seq", seq).put("time", now).put("type", type).put("subject", subject)
        .put("outcome", outcome).put("detail", detail).put("prev", prev).put("hash", hash);
    return e;
  }

  static String hash(long seq, long time, String type, String subject, String outcome,
      String detail, String prev) {
    return AuditEntry.hashOf(seq, time, type, subject, outcome, detail, prev);
  }
}
