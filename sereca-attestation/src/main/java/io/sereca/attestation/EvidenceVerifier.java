package io.sereca.attestation;

import io.sereca.attestation.internal.Authentication;
import io.sereca.attestation.internal.EvidenceFormats;
import io.sereca.attestation.internal.HardwareRoots;
import io.sereca.attestation.internal.ParsedEvidence;
import io.sereca.attestation.internal.Pem;
import io.sereca.attestation.internal.TrustAnchors;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Verifies attestation evidence against an {@link AttestationPolicy}.
 *
 * <p>It parses the evidence (dispatching on its format: simulated, Intel SGX/TDX quote, AMD SEV-SNP
 * report), checks that it is genuine (signatures; certificate chains to the simulation root or the
 * pinned Intel SGX Root CA and AMD ARKs; with {@link Collateral}, revocation and TCB status), then
 * applies the policy (simulation, debug, measurement or signer, TCB status, freshness, report
 * data). Every check is listed in {@link Verdict#checks()}. Every failed check is reported, not only the first, so a
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
  private final HardwareRoots hardwareRoots;

  private EvidenceVerifier(X509Certificate simulationRoot, Clock clock, HardwareRoots hardwareRoots) {
    this.simulationRoot = simulationRoot;
    this.clock = clock;
    this.hardwareRoots = hardwareRoots;
  }

  /**
   * A verifier that trusts the pinned hardware roots (Intel SGX Root CA; AMD ARK-Milan, -Genoa,
   * -Turin) and, for simulated evidence, only the simulation root named by each policy.
   */
  public static EvidenceVerifier create() {
    return new EvidenceVerifier(null, Clock.systemUTC(), HardwareRoots.pinned());
  }

  /** A verifier trusting other hardware roots instead of the pinned ones; for tests. */
  static EvidenceVerifier withHardwareRoots(HardwareRoots roots) {
    return new EvidenceVerifier(null, Clock.systemUTC(), roots);
  }

  /**
   * A verifier that trusts {@code simulationRoot} for policies that name no simulation root,
   * typically {@link SimulationAuthority#rootCertificate()} of this installation.
   */
  public static EvidenceVerifier create(X509Certificate simulationRoot) {
    return new EvidenceVerifier(Objects.requireNonNull(simulationRoot, "simulationRoot"), Clock.systemUTC(),
        HardwareRoots.pinned());
  }

  /** Verifies {@code evidence} against {@code policy} at the current time of the system clock. */
  public Verdict verify(byte[] evidence, AttestationPolicy policy) {
    return verify(evidence, policy, clock.instant());
  }

  /**
   * Verifies {@code evidence} of any recognised format, without collateral, against
   * {@code policy} as of {@code now}.
   *
   * @return a verdict, accepted only if every check passed; never null
   */
  public Verdict verify(byte[] evidence, AttestationPolicy policy, Instant now) {
    return verify(evidence, null, Collateral.none(), policy, now);
  }

  /**
   * Verifies {@code evidence} against {@code policy} as of {@code now}: parses it (as
   * {@code type}, or recognising its format when {@code type} is null), checks it is genuine
   * (signatures, certificate chains to the pinned vendor roots or the simulation root and, with
   * collateral, revocation and TCB status), then applies the policy.
   *
   * @param type the expected TEE type, or null to recognise the format
   * @param collateral Intel PCS collateral and/or the SNP VCEK; {@link Collateral#none()} if none
   * @return a verdict listing every check; accepted only if every check passed; never null
   */
  public Verdict verify(byte[] evidence, TeeType type, Collateral collateral, AttestationPolicy policy,
      Instant now) {
    Objects.requireNonNull(policy, "policy");
    return run(evidence, type, collateral, new AttestationPolicy(policy), now);
  }

  /**
   * Checks only that {@code evidence} is genuine, without any policy: signatures, certificate
   * chains and, with collateral, revocation and TCB status. An accepted verdict says the hardware
   * produced the evidence, <b>not</b> that its code, debug state or TCB level is acceptable: do
   * not admit an enclave on it. For inspection (the CLI without a policy) only.
   */
  public Verdict checkGenuine(byte[] evidence, TeeType type, Collateral collateral, Instant now) {
    return run(evidence, type, collateral, null, now);
  }

  private Verdict run(byte[] evidence, TeeType type, Collateral collateral, AttestationPolicy rules,
      Instant now) {
    Objects.requireNonNull(now, "now");
    Objects.requireNonNull(collateral, "collateral");
    ParsedEvidence parsed;
    try {
      parsed = EvidenceFormats.parse(evidence, type);
    } catch (MalformedEvidenceException e) {
      return Verdict.unparseable("malformed evidence: " + e.getMessage());
    }
    Evidence claims = parsed.evidence();
    Checks checks = new Checks();
    TcbStatus tcbStatus = null;
    try {
      if (claims.simulated()) {
        if (rules != null && !rules.isAllowSimulation()) {
          checks.fail("simulation", "simulated evidence refused: policy.allowSimulation is false");
        }
        TrustAnchors anchors = rules == null ? simulationAnchors(new AttestationPolicy()) : simulationAnchors(rules);
        for (VerificationCheck check : parsed.authenticate(anchors, collateral.input(), now).checks()) {
          checks.add(check);
        }
      } else {
        Authentication authentication = parsed.authenticate(
            TrustAnchors.hardwareOnly(hardwareRoots), collateral.input(), now);
        authentication.checks().forEach(checks::addNamed);
        tcbStatus = authentication.tcbStatus();
      }
      if (rules != null) {
        PolicyChecks.apply(rules, claims, tcbStatus, now, checks);
      }
    } catch (RuntimeException e) {
      // Fail closed: a bug in a check must reject, never accept or escape to the caller.
      checks.fail("verifier", "verification failed unexpectedly: " + e);
    }
    return Verdict.of(claims, checks.all, checks.reasons, tcbStatus);
  }

  /** Checks made so far, and the reasons of the failed ones. */
  static final class Checks {
    final List<VerificationCheck> all = new ArrayList<>();
    final List<String> reasons = new ArrayList<>();

    /** A check whose detail reads as a reason on its own (simulated and policy checks); kept as before. */
    void add(VerificationCheck check) {
      all.add(check);
      if (!check.passed()) {
        reasons.add(check.detail());
      }
    }

    void fail(String name, String reason) {
      add(VerificationCheck.fail(name, reason));
    }

    void pass(String name, String detail) {
      add(VerificationCheck.pass(name, detail));
    }

    /** A check whose reason needs its name for context (hardware checks): "name: detail". */
    void addNamed(VerificationCheck check) {
      all.add(check);
      if (!check.passed()) {
        reasons.add(check.name() + ": " + check.detail());
      }
    }
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
}
