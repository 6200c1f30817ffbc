package io.sereca.attestation;

import io.sereca.attestation.internal.EvidenceFormats;
import io.sereca.attestation.internal.ParsedEvidence;
import io.sereca.attestation.internal.Pem;
import io.sereca.attestation.internal.TrustAnchors;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Verifies attestation evidence against an {@link AttestationPolicy}.
 *
 * <p>It parses the evidence (dispatching on its format), checks that it is genuine (certificate
 * chain to a trusted root, signature), then applies the policy (simulation, debug, measurement or
 * signer, freshness, report data). Every failed check is reported, not only the first, so a
 * rejection can be fixed in one go. It never throws for bad evidence: malformed input gives a
 * rejected {@link Verdict} naming the problem.
 *
 * <p>Simulated evidence is checked against the simulation root named by
 * {@link AttestationPolicy#getSimulationRoot()} or, when the policy names none, the root this
 * verifier was {@linkplain #create(X509Certificate) created with}; with neither it is refused.
 *
 * <p>Immutable and thread-safe.
 */
public final class EvidenceVerifier {

  private final X509Certificate simulationRoot;
  private final Clock clock;

  private EvidenceVerifier(X509Certificate simulationRoot, Clock clock) {
    this.simulationRoot = simulationRoot;
    this.clock = clock;
  }

  /** A verifier that trusts only the simulation root named by each policy. */
  public static EvidenceVerifier create() {
    return new EvidenceVerifier(null, Clock.systemUTC());
  }

  /**
   * A verifier that trusts {@code simulationRoot} for policies that name no simulation root,
   * typically {@link SimulationAuthority#rootCertificate()} of this installation.
   */
  public static EvidenceVerifier create(X509Certificate simulationRoot) {
    return new EvidenceVerifier(Objects.requireNonNull(simulationRoot, "simulationRoot"), Clock.systemUTC());
  }

  /** Verifies {@code evidence} against {@code policy} at the current time of the system clock. */
  public Verdict verify(byte[] evidence, AttestationPolicy policy) {
    return verify(evidence, policy, clock.instant());
  }

  /**
   * Verifies {@code evidence} against {@code policy} as of {@code now}.
   *
   * @return a verdict, accepted only if every check passed; never null
   */
  public Verdict verify(byte[] evidence, AttestationPolicy policy, Instant now) {
    Objects.requireNonNull(now, "now");
    // A private copy: the caller may change its policy object while we are checking.
    AttestationPolicy rules = new AttestationPolicy(Objects.requireNonNull(policy, "policy"));
    ParsedEvidence parsed;
    try {
      parsed = EvidenceFormats.parse(evidence);
    } catch (MalformedEvidenceException e) {
      return Verdict.unparseable("malformed evidence: " + e.getMessage());
    }
    Evidence claims = parsed.evidence();
    List<String> reasons = new ArrayList<>();
    try {
      if (claims.simulated() && !rules.isAllowSimulation()) {
        reasons.add("simulated evidence refused: policy.allowSimulation is false");
      }
      TrustAnchors anchors = claims.simulated()
          ? simulationAnchors(rules)
          : TrustAnchors.withoutSimulationRoot("simulation root not used for " + claims.teeType());
      reasons.addAll(parsed.checkAuthenticity(anchors, now));
      if (claims.identity().debug() && !rules.isDebugAllowed()) {
        reasons.add("debug enclave refused: policy.debugAllowed is false");
      }
      reasons.addAll(rules.identityProblems(claims.identity()));
      freshnessProblem(claims.issuedAt(), rules, now, reasons);
      byte[] expected = rules.getExpectedReportData();
      if (expected != null && !MessageDigest.isEqual(expected, claims.reportData())) {
        reasons.add("report data does not match the expected nonce binding");
      }
    } catch (RuntimeException e) {
      // Fail closed: a bug in a check must reject, never accept or escape to the caller.
      reasons.add("verification failed unexpectedly: " + e);
    }
    return Verdict.of(claims, reasons);
  }

  private TrustAnchors simulationAnchors(AttestationPolicy policy) {
    Path file = policy.getSimulationRoot();
    if (file != null) {
      try {
        return TrustAnchors.withSimulationRoot(Pem.readCertificate(file));
      } catch (IOException | GeneralSecurityException e) {
        return TrustAnchors.withoutSimulationRoot(
            "simulation root could not be loaded from " + file + ": " + e.getMessage());
      }
    }
    if (simulationRoot != null) {
      return TrustAnchors.withSimulationRoot(simulationRoot);
    }
    return TrustAnchors.withoutSimulationRoot("no simulation root configured: set "
        + "policy.simulationRoot or create the verifier with the installation's root certificate");
  }

  private static void freshnessProblem(
      Instant issuedAt, AttestationPolicy policy, Instant now, List<String> reasons) {
    Duration maxAge = policy.getMaxAge();
    Duration skew = policy.getMaxClockSkew();
    if (issuedAt.isBefore(now.minus(maxAge))) {
      reasons.add("evidence is stale: issued at " + issuedAt + ", more than maxAge " + maxAge
          + " before " + now);
    } else if (issuedAt.isAfter(now.plus(skew))) {
      reasons.add("evidence is from the future: issued at " + issuedAt + ", more than maxClockSkew "
          + skew + " after " + now);
    }
  }
}
