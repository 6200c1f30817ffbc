package io.sereca.attestation;

import java.util.List;
import java.util.Optional;

/**
 * The outcome of verifying evidence against a policy: accepted, or rejected with every check that
 * failed. Only an {@link EvidenceVerifier} creates verdicts, so an accepted verdict always means
 * the evidence was checked.
 *
 * <p>Immutable.
 */
public final class Verdict {

  private final Evidence evidence;
  private final List<String> reasons;
  private final List<VerificationCheck> checks;
  private final TcbStatus tcbStatus;

  private Verdict(Evidence evidence, List<VerificationCheck> checks, List<String> reasons, TcbStatus tcbStatus) {
    this.evidence = evidence;
    this.checks = List.copyOf(checks);
    this.reasons = List.copyOf(reasons);
    this.tcbStatus = tcbStatus;
  }

  /**
   * A verdict on parsed evidence: accepted exactly when {@code reasons} is empty. Every failed
   * check must have a reason.
   */
  static Verdict of(Evidence evidence, List<VerificationCheck> checks, List<String> reasons, TcbStatus tcbStatus) {
    if (reasons.isEmpty() && checks.stream().anyMatch(c -> !c.passed())) {
      throw new IllegalStateException("a failed check without a reason");
    }
    return new Verdict(evidence, checks, reasons, tcbStatus);
  }

  /** A rejection of evidence that could not be parsed. */
  static Verdict unparseable(String reason) {
    return new Verdict(null, List.of(VerificationCheck.fail("parse", reason)), List.of(reason), null);
  }

  /** Every check made, passed or failed, in the order made (unmodifiable). */
  public List<VerificationCheck> checks() {
    return checks;
  }

  /** The platform's TCB status, when collateral allowed rating it. */
  public Optional<TcbStatus> tcbStatus() {
    return Optional.ofNullable(tcbStatus);
  }

  /** Whether the evidence is genuine and the policy admits it. */
  public boolean accepted() {
    return reasons.isEmpty();
  }

  /** Every failed check, in a human-readable form; empty when accepted. */
  public List<String> reasons() {
    return reasons;
  }

  /** The parsed evidence, absent if it could not be parsed. Accepted or not. */
  public Optional<Evidence> evidence() {
    return Optional.ofNullable(evidence);
  }

  /**
   * A multi-line human-readable account: the outcome (saying SIMULATED for simulated evidence),
   * each reason for a rejection, then the evidence.
   */
  public String describe() {
    StringBuilder sb = new StringBuilder();
    sb.append(accepted() ? "ACCEPTED" : "REJECTED");
    if (evidence != null && evidence.simulated()) {
      sb.append(" — SIMULATED evidence, no hardware protection");
    }
    sb.append('\n');
    for (String reason : reasons) {
      sb.append("  - ").append(reason).append('\n');
    }
    sb.append(evidence == null ? "Evidence: could not be parsed" : evidence.describe());
    return sb.toString();
  }

  /** Same as {@link #describe()}. */
  @Override
  public String toString() {
    return describe();
  }
}
