package io.sereca.attestation;

import java.util.Objects;

/**
 * One check an {@link EvidenceVerifier} made, passed or failed, with a reason a person can act
 * on, e.g. {@code quote signature: FAIL: not signed by the attestation key in the quote}.
 *
 * <p>Immutable.
 */
public final class VerificationCheck {

  private final String name;
  private final boolean passed;
  private final String detail;

  private VerificationCheck(String name, boolean passed, String detail) {
    this.name = Objects.requireNonNull(name, "name");
    this.passed = passed;
    this.detail = Objects.requireNonNull(detail, "detail");
  }

  /** A passed check, with what it established. */
  public static VerificationCheck pass(String name, String detail) {
    return new VerificationCheck(name, true, detail);
  }

  /** A failed check, with why. */
  public static VerificationCheck fail(String name, String reason) {
    return new VerificationCheck(name, false, reason);
  }

  /** A check that passed exactly when {@code passed}, with the matching text. */
  public static VerificationCheck of(String name, boolean passed, String ifPassed, String ifFailed) {
    return new VerificationCheck(name, passed, passed ? ifPassed : ifFailed);
  }

  /** What was checked, e.g. {@code "quote signature"}. */
  public String name() {
    return name;
  }

  /** Whether the check passed. */
  public boolean passed() {
    return passed;
  }

  /** What the check established, or why it failed. */
  public String detail() {
    return detail;
  }

  /** {@code "name: PASS|FAIL: detail"}. */
  @Override
  public String toString() {
    return name + ": " + (passed ? "PASS" : "FAIL") + ": " + detail;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof VerificationCheck)) {
      return false;
    }
    VerificationCheck other = (VerificationCheck) o;
    return passed == other.passed && name.equals(other.name) && detail.equals(other.detail);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, passed, detail);
  }
}
