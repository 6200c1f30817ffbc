package io.sereca.attestation;

import io.sereca.attestation.internal.HexStrings;
import io.sereca.attestation.internal.PolicyFileReader;
import io.sereca.enclave.EnclaveIdentity;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Which enclaves a verifier accepts, as a plain data object (Vert.x options style:
 * {@code DEFAULT_*} constants, no-arg and copy constructors, fluent setters).
 *
 * <p>An enclave identity is accepted if its measurement is in {@link #getAllowedMeasurements()}
 * <em>or</em> it matches one of {@link #getAllowedSigners()}. An empty policy accepts nothing.
 * Everything else fails closed by default: debug enclaves and simulated evidence are refused
 * unless enabled, and evidence older than {@link #getMaxAge()} is refused.
 *
 * <p>Setters validate their argument and throw {@link IllegalArgumentException} naming it.
 * Not thread-safe; the verifier takes a copy before using it.
 *
 * <p>Policies are usually {@linkplain #load(Path) loaded} from a YAML or JSON file:
 *
 * <pre>
 * allowSimulation: true                        # development only
 * simulationRoot: ~/.sereca/sim-platform/root-ca.pem
 * debugAllowed: false
 * maxAge: PT5M                                 # ISO-8601, or a number of seconds
 * maxClockSkew: PT1M
 * allowedMeasurements:
 *   - 5f1c...64 hex characters...
 * allowedSigners:
 *   - signer: 9a0b...64 hex characters...
 *     productId: 1
 *     minSvn: 2
 * expectedReportData: 128 hex characters      # optional; required for hardware evidence
 * acceptedTcbStatuses: [UpToDate]              # Intel TCB statuses accepted (default UpToDate)
 * </pre>
 *
 * <p>Hardware evidence (SGX, TDX, SEV-SNP) is matched by its measurement: MRENCLAVE (64 hex
 * characters; SGX also matches {@code allowedSigners} by MRSIGNER, ISVPRODID and ISVSVN), MRTD or
 * MEASUREMENT (96 hex characters). It carries no time, so it is fresh only when it binds the
 * verifier's nonce: set {@link #setExpectedReportData(byte[])}. Intel evidence needs collateral
 * rating its TCB status as one of {@link #getAcceptedTcbStatuses()}.
 */
public final class AttestationPolicy {

  /** Debug enclaves are refused by default: the host can read their memory. */
  public static final boolean DEFAULT_DEBUG_ALLOWED = false;
  /** Simulated evidence is refused by default (fail closed in production). */
  public static final boolean DEFAULT_ALLOW_SIMULATION = false;
  /** Evidence older than this is refused. */
  public static final Duration DEFAULT_MAX_AGE = Duration.ofMinutes(5);
  /** Intel platforms are accepted only when up to date, unless the policy says otherwise. */
  public static final Set<TcbStatus> DEFAULT_ACCEPTED_TCB_STATUSES = Set.of(TcbStatus.UP_TO_DATE);
  /** Evidence issued up to this far in the verifier's future is tolerated (clocks differ). */
  public static final Duration DEFAULT_MAX_CLOCK_SKEW = Duration.ofMinutes(1);

  private final Set<String> allowedMeasurements;
  private final List<AllowedSigner> allowedSigners;
  private boolean debugAllowed;
  private boolean allowSimulation;
  private Path simulationRoot;
  private Duration maxAge;
  private Duration maxClockSkew;
  private byte[] expectedReportData;
  private final Set<TcbStatus> acceptedTcbStatuses;

  /** A policy with the defaults; it accepts nothing until measurements or signers are added. */
  public AttestationPolicy() {
    allowedMeasurements = new LinkedHashSet<>();
    allowedSigners = new ArrayList<>();
    debugAllowed = DEFAULT_DEBUG_ALLOWED;
    allowSimulation = DEFAULT_ALLOW_SIMULATION;
    maxAge = DEFAULT_MAX_AGE;
    maxClockSkew = DEFAULT_MAX_CLOCK_SKEW;
    acceptedTcbStatuses = EnumSet.copyOf(DEFAULT_ACCEPTED_TCB_STATUSES);
  }

  /** A copy of {@code other}. */
  public AttestationPolicy(AttestationPolicy other) {
    allowedMeasurements = new LinkedHashSet<>(other.allowedMeasurements);
    allowedSigners = new ArrayList<>(other.allowedSigners);
    debugAllowed = other.debugAllowed;
    allowSimulation = other.allowSimulation;
    simulationRoot = other.simulationRoot;
    maxAge = other.maxAge;
    maxClockSkew = other.maxClockSkew;
    expectedReportData = other.expectedReportData == null ? null : other.expectedReportData.clone();
    acceptedTcbStatuses = EnumSet.copyOf(other.acceptedTcbStatuses);
  }

  /**
   * Loads a policy from a YAML or JSON file ({@code .json} files, or content starting with
   * {@code {}, are read as JSON). Unknown keys, duplicate keys and values of the wrong type are
   * errors: a typo in a security policy must not be silently ignored. A relative
   * {@code simulationRoot} is resolved against the file's directory, {@code ~/} against the
   * user's home.
   *
   * @throws InvalidPolicyException naming the bad key and value
   * @throws IOException if the file cannot be read
   */
  public static AttestationPolicy load(Path file) throws IOException {
    return PolicyFileReader.read(file);
  }

  /** The allowed measurements, lower-case hex (unmodifiable). */
  public Set<String> getAllowedMeasurements() {
    return Collections.unmodifiableSet(new LinkedHashSet<>(allowedMeasurements));
  }

  /**
   * Replaces the allowed measurements: 64 hex characters for simulated evidence and SGX
   * (MRENCLAVE), 96 for TDX (MRTD) and SEV-SNP (MEASUREMENT).
   */
  public AttestationPolicy setAllowedMeasurements(Collection<String> measurementsHex) {
    Set<String> validated = new LinkedHashSet<>();
    for (String hex : measurementsHex) {
      validated.add(HexStrings.measurement("measurement", hex));
    }
    allowedMeasurements.clear();
    allowedMeasurements.addAll(validated);
    return this;
  }

  /** Adds an allowed measurement of 64 (SGX, simulated) or 96 (TDX MRTD, SNP) hex characters. */
  public AttestationPolicy addAllowedMeasurement(String measurementHex) {
    allowedMeasurements.add(HexStrings.measurement("measurement", measurementHex));
    return this;
  }

  /** The allowed signer rules (unmodifiable). */
  public List<AllowedSigner> getAllowedSigners() {
    return List.copyOf(allowedSigners);
  }

  /** Replaces the allowed signer rules. */
  public AttestationPolicy setAllowedSigners(List<AllowedSigner> signers) {
    List<AllowedSigner> copy = List.copyOf(signers);
    allowedSigners.clear();
    allowedSigners.addAll(copy);
    return this;
  }

  /** Adds an allowed signer rule. */
  public AttestationPolicy addAllowedSigner(AllowedSigner signer) {
    allowedSigners.add(Objects.requireNonNull(signer, "signer"));
    return this;
  }

  /** Whether debug enclaves are accepted. */
  public boolean isDebugAllowed() {
    return debugAllowed;
  }

  /** Accepts debug enclaves, whose memory the host can read; for development only. */
  public AttestationPolicy setDebugAllowed(boolean debugAllowed) {
    this.debugAllowed = debugAllowed;
    return this;
  }

  /** Whether simulated evidence is accepted. */
  public boolean isAllowSimulation() {
    return allowSimulation;
  }

  /** Accepts simulated evidence, which offers no hardware protection; for development only. */
  public AttestationPolicy setAllowSimulation(boolean allowSimulation) {
    this.allowSimulation = allowSimulation;
    return this;
  }

  /** The simulation root CA certificate file (PEM), or null. */
  public Path getSimulationRoot() {
    return simulationRoot;
  }

  /**
   * Sets the simulation root CA certificate file (PEM), e.g.
   * {@link SimulationAuthority#rootCertificateFile()}. When null, simulated evidence can only be
   * verified by a verifier {@linkplain EvidenceVerifier#create(java.security.cert.X509Certificate)
   * given the root}; otherwise it is refused.
   */
  public AttestationPolicy setSimulationRoot(Path simulationRoot) {
    this.simulationRoot = simulationRoot;
    return this;
  }

  /** The maximum age of evidence. */
  public Duration getMaxAge() {
    return maxAge;
  }

  /** Sets the maximum age of evidence; must be positive. */
  public AttestationPolicy setMaxAge(Duration maxAge) {
    if (maxAge == null || maxAge.isNegative() || maxAge.isZero()) {
      throw new IllegalArgumentException("maxAge must be positive, was " + maxAge);
    }
    this.maxAge = maxAge;
    return this;
  }

  /** How far in the future evidence may claim to be issued. */
  public Duration getMaxClockSkew() {
    return maxClockSkew;
  }

  /** Sets how far in the future evidence may claim to be issued; must not be negative. */
  public AttestationPolicy setMaxClockSkew(Duration maxClockSkew) {
    if (maxClockSkew == null || maxClockSkew.isNegative()) {
      throw new IllegalArgumentException("maxClockSkew must not be negative, was " + maxClockSkew);
    }
    this.maxClockSkew = maxClockSkew;
    return this;
  }

  /** The report data the evidence must carry (copy), or null if not checked. */
  public byte[] getExpectedReportData() {
    return expectedReportData == null ? null : expectedReportData.clone();
  }

  /**
   * Requires the evidence to carry exactly this report data, e.g.
   * {@code ProvisioningCipher.reportData(publicKey, nonce)}; null to not check it.
   *
   * @param reportData {@value Evidence#REPORT_DATA_LENGTH} bytes, or null
   */
  public AttestationPolicy setExpectedReportData(byte[] reportData) {
    if (reportData != null && reportData.length != Evidence.REPORT_DATA_LENGTH) {
      throw new IllegalArgumentException("expectedReportData must be "
          + Evidence.REPORT_DATA_LENGTH + " bytes, was " + reportData.length);
    }
    this.expectedReportData = reportData == null ? null : reportData.clone();
    return this;
  }

  /** The TCB statuses of Intel platforms that are accepted (unmodifiable). */
  public Set<TcbStatus> getAcceptedTcbStatuses() {
    return Collections.unmodifiableSet(EnumSet.copyOf(acceptedTcbStatuses));
  }

  /**
   * Replaces the accepted TCB statuses of Intel (SGX, TDX) platforms; must not be empty. Evidence
   * whose TCB status is unknown (no collateral) is refused whatever this holds.
   */
  public AttestationPolicy setAcceptedTcbStatuses(Collection<TcbStatus> statuses) {
    if (statuses == null || statuses.isEmpty()) {
      throw new IllegalArgumentException("acceptedTcbStatuses must name at least one status");
    }
    EnumSet<TcbStatus> copy = EnumSet.copyOf(statuses);
    acceptedTcbStatuses.clear();
    acceptedTcbStatuses.addAll(copy);
    return this;
  }

  /**
   * Why a TDX or SEV-SNP identity, whose measurement is 48 bytes, is not admitted: only
   * measurements apply to them (signer rules are SGX's MRSIGNER).
   */
  List<String> measurementProblems(TeeIdentity identity) {
    if (allowedMeasurements.isEmpty()) {
      return List.of("policy admits no " + identity.teeType() + " evidence: allowedMeasurements is "
          + "empty (allowedSigners apply to SGX and simulated evidence only)");
    }
    if (allowedMeasurements.contains(identity.measurementHex())) {
      return List.of();
    }
    return List.of("measurement " + identity.measurementHex() + " not allowed");
  }

  /**
   * Why {@code identity} is not admitted by the measurement and signer rules; empty if it is.
   * The reasons point at the nearest rule, so that an operator sees what to change.
   */
  List<String> identityProblems(EnclaveIdentity identity) {
    if (allowedMeasurements.isEmpty() && allowedSigners.isEmpty()) {
      return List.of("policy admits no enclave: allowedMeasurements and allowedSigners are both empty");
    }
    if (allowedMeasurements.contains(identity.measurementHex())
        || allowedSigners.stream().anyMatch(rule -> rule.matches(identity))) {
      return List.of();
    }
    List<String> problems = new ArrayList<>();
    if (!allowedMeasurements.isEmpty()) {
      problems.add("measurement " + identity.measurementHex() + " not allowed");
    }
    if (!allowedSigners.isEmpty()) {
      problems.add(signerProblem(identity));
    }
    return problems;
  }

  private String signerProblem(EnclaveIdentity identity) {
    String signer = identity.signerHex();
    List<AllowedSigner> sameSigner = new ArrayList<>();
    for (AllowedSigner rule : allowedSigners) {
      if (rule.signer().equals(signer)) {
        sameSigner.add(rule);
      }
    }
    if (sameSigner.isEmpty()) {
      return "signer " + signer + " not allowed";
    }
    int lowestMinSvn = Integer.MAX_VALUE;
    for (AllowedSigner rule : sameSigner) {
      if (rule.productId() == identity.productId()) {
        lowestMinSvn = Math.min(lowestMinSvn, rule.minSvn());
      }
    }
    if (lowestMinSvn == Integer.MAX_VALUE) {
      return "product id " + identity.productId() + " not allowed for signer " + signer;
    }
    return "svn " + identity.svn() + " below minimum " + lowestMinSvn + " for signer " + signer
        + " product id " + identity.productId();
  }

  @Override
  public String toString() {
    return "AttestationPolicy{allowedMeasurements=" + allowedMeasurements
        + ", allowedSigners=" + allowedSigners
        + ", debugAllowed=" + debugAllowed
        + ", allowSimulation=" + allowSimulation
        + ", simulationRoot=" + simulationRoot
        + ", maxAge=" + maxAge
        + ", maxClockSkew=" + maxClockSkew
        + ", expectedReportData=" + (expectedReportData == null ? "not checked" : "set")
        + ", acceptedTcbStatuses=" + acceptedTcbStatuses + "}";
  }
}
