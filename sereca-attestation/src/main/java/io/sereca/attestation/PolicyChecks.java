package io.sereca.attestation;

import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The policy half of a verification: debug state, measurement or signer, TCB status (hardware),
 * freshness and report data. Each rule is reported as a check, passed or failed.
 */
final class PolicyChecks {

  private PolicyChecks() {}

  static void apply(AttestationPolicy rules, Evidence claims, TcbStatus tcbStatus, Instant now,
      EvidenceVerifier.Checks checks) {
    boolean debug = claims.teeIdentity().map(TeeIdentity::debug).orElse(claims.identity().debug());
    if (debug && !rules.isDebugAllowed()) {
      checks.fail("debug", "debug enclave refused: policy.debugAllowed is false");
    } else {
      checks.pass("debug", debug ? "debug mode, allowed by policy.debugAllowed" : "not in debug mode");
    }
    List<String> identity = claims.teeIdentity().isPresent() && claims.teeType() != TeeType.SGX
        ? rules.measurementProblems(claims.teeIdentity().get())
        : rules.identityProblems(claims.identity());
    if (identity.isEmpty()) {
      checks.pass("identity", "measurement or signer admitted by the policy");
    }
    identity.forEach(problem -> checks.fail("identity", problem));
    if (claims.teeType() == TeeType.SGX || claims.teeType() == TeeType.TDX) {
      tcbCheck(rules, tcbStatus, checks);
    }
    if (claims.issuedAt() != null) {
      freshness(claims.issuedAt(), rules, now, checks);
    } else if (rules.getExpectedReportData() == null) {
      checks.fail("freshness", "hardware evidence carries no time: set the expected report data "
          + "(a binding of the verifier's nonce) to prove it is fresh");
    }
    byte[] expected = rules.getExpectedReportData();
    if (expected != null) {
      if (MessageDigest.isEqual(expected, claims.reportData())) {
        checks.pass("report data", "matches the expected nonce binding");
      } else {
        checks.fail("report data", "report data does not match the expected nonce binding");
      }
    }
  }

  private static void tcbCheck(AttestationPolicy rules, TcbStatus status, EvidenceVerifier.Checks checks) {
    if (status == null) {
      checks.fail("TCB status", "TCB status unknown (no valid Intel collateral): policy accepts only "
          + rules.getAcceptedTcbStatuses());
    } else if (!rules.getAcceptedTcbStatuses().contains(status)) {
      checks.fail("TCB status", "TCB status " + status + " not accepted: policy.acceptedTcbStatuses is "
          + rules.getAcceptedTcbStatuses());
    } else {
      checks.pass("TCB status", status + " accepted by the policy");
    }
  }

  private static void freshness(Instant issuedAt, AttestationPolicy policy, Instant now,
      EvidenceVerifier.Checks checks) {
    Duration maxAge = policy.getMaxAge();
    Duration skew = policy.getMaxClockSkew();
    if (issuedAt.isBefore(now.minus(maxAge))) {
      checks.fail("freshness", "evidence is stale: issued at " + issuedAt + ", more than maxAge "
          + maxAge + " before " + now);
    } else if (issuedAt.isAfter(now.plus(skew))) {
      checks.fail("freshness", "evidence is from the future: issued at " + issuedAt
          + ", more than maxClockSkew " + skew + " after " + now);
    } else {
      checks.pass("freshness", "issued at " + issuedAt);
    }
  }
}
