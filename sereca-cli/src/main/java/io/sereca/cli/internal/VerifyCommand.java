package io.sereca.cli.internal;

import io.sereca.attestation.AttestationPolicy;
import io.sereca.attestation.Collateral;
import io.sereca.attestation.InvalidCollateralException;
import io.sereca.attestation.TeeType;
import io.sereca.attestation.VerificationCheck;
import io.sereca.attestation.Evidence;
import io.sereca.attestation.EvidenceVerifier;
import io.sereca.attestation.InvalidPolicyException;
import io.sereca.attestation.SimulationAuthority;
import io.sereca.attestation.Verdict;
import io.sereca.cli.SerecaCommand;
import io.sereca.enclave.crypto.ProvisioningCipher;
import io.sereca.host.EnclaveHost;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code sereca attest verify}: checks evidence (simulated, Intel SGX/TDX quote, AMD SEV-SNP
 * report) and prints its fields, every check with PASS or FAIL, and the verdict.
 */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    description = {
        "Verify attestation evidence: a simulated blob, an Intel SGX or TDX DCAP quote, or an AMD"
            + " SEV-SNP report. Prints its fields, every check with PASS or FAIL and the reason,"
            + " and the verdict. Exit 0 only if every check passed, 1 if one failed, 2 on a usage"
            + " error.",
        "Without --policy only the evidence's authenticity is checked (signatures, certificate"
            + " chains to the pinned Intel/AMD roots, and with --collateral revocation and TCB"
            + " status): that says nothing about whether its code may be trusted.",
        "Simulated evidence is checked against the policy's simulationRoot or, if it names none,"
            + " this installation's simulation root; policies refuse it unless allowSimulation"
            + " is true."})
public final class VerifyCommand implements Callable<Integer> {

  /** Evidence files larger than this are refused unread; real evidence is a few KiB. */
  static final long MAX_EVIDENCE_BYTES = 1 << 20;

  @Spec
  private CommandSpec spec;

  @Parameters(index = "0", paramLabel = "EVIDENCE", description = "The evidence file.")
  private Path evidenceFile;

  @Option(names = "--policy", paramLabel = "FILE",
      description = "The attestation policy (YAML or JSON); without it only authenticity is checked.")
  private Path policyFile;

  @Option(names = "--type", paramLabel = "TYPE", defaultValue = "auto",
      description = "The evidence type: sgx, tdx, snp, sim or auto (recognise it; default).")
  private String type;

  @Option(names = "--collateral", paramLabel = "FILE",
      description = "Intel PCS collateral (JSON), or for SEV-SNP the VCEK/VLEK certificate (DER or"
          + " PEM), a PEM bundle, or the SNP certificate table (configfs-tsm auxblob). Repeatable.")
  private List<Path> collateralFiles = new ArrayList<>();

  @Option(names = "--at", paramLabel = "ISO-DATE",
      description = "Verify as of this time instead of now, e.g. 2025-07-01 or 2025-07-01T12:00:00Z"
          + " (collateral and certificates expire).")
  private String at;

  @Option(names = "--nonce", paramLabel = "HEX",
      description = "The nonce sent to the enclave (16..64 bytes); with --public-key, the evidence"
          + " must bind SHA-256(public key || nonce).")
  private String nonceHex;

  @Option(names = "--public-key", paramLabel = "HEX",
      description = "The enclave's raw X25519 public key (32 bytes); with --nonce.")
  private String publicKeyHex;

  @Option(names = "--report-data", paramLabel = "HEX",
      description = "Report data the evidence must carry (up to 64 bytes, zero-padded); instead"
          + " of --nonce and --public-key.")
  private String reportDataHex;

  @Mixin
  private DataDirOption data;

  @Override
  public Integer call() {
    byte[] expectedReportData = expectedReportData();
    TeeType teeType = teeType();
    Instant now = instant();
    if (policyFile == null && expectedReportData != null) {
      throw new ParameterException(spec.commandLine(),
          "options '--report-data', '--nonce' and '--public-key' need '--policy'");
    }
    byte[] evidence = readEvidence();
    Collateral collateral = loadCollateral();
    AttestationPolicy policy = policyFile == null ? null : loadPolicy();
    if (expectedReportData != null) {
      policy.setExpectedReportData(expectedReportData);
    }
    Verdict verdict = policy == null
        ? verifier().checkGenuine(evidence, teeType, collateral, now)
        : verifier().verify(evidence, teeType, collateral, policy, now);
    Evidence parsed = verdict.evidence().orElseThrow(() -> new CommandFailure(
        evidenceFile + " is not valid attestation evidence: " + String.join("; ", verdict.reasons())));

    PrintWriter w = spec.commandLine().getOut();
    w.println("evidence: " + evidenceFile + " (" + evidence.length + " bytes)");
    w.println(parsed.describe());
    if (parsed.simulated()) {
      SimulationBanner.printEvidence(w);
    }
    if (policy == null) {
      w.println("policy:   none: only authenticity is checked, not whether to trust this code");
    } else {
      w.println("policy:   " + policyFile + " (allowSimulation=" + policy.isAllowSimulation()
          + ", " + policy.getAllowedMeasurements().size() + " measurement(s), "
          + policy.getAllowedSigners().size() + " signer rule(s)"
          + (expectedReportData != null ? ", report data checked" : "") + ")");
    }
    w.println("checked at: " + now + (collateralFiles.isEmpty() ? "" : " with collateral " + collateralFiles));
    w.println("checks:");
    for (VerificationCheck check : verdict.checks()) {
      w.println("  " + (check.passed() ? "PASS" : "FAIL") + "  " + check.name() + ": " + check.detail());
    }
    verdict.tcbStatus().ifPresent(status -> w.println("TCB status: " + status));
    if (verdict.accepted()) {
      w.println("verdict:  ACCEPTED" + (parsed.simulated() ? " (SIMULATED evidence)" : ""));
      w.flush();
      return SerecaCommand.EXIT_OK;
    }
    w.println("verdict:  REFUSED");
    for (String reason : verdict.reasons()) {
      w.println("  - " + reason);
    }
    w.flush();
    spec.commandLine().getErr().println(policyFile == null ? "sereca: evidence is not genuine"
        : "sereca: evidence refused by policy " + policyFile);
    spec.commandLine().getErr().flush();
    return SerecaCommand.EXIT_FAILED;
  }

  private byte[] expectedReportData() {
    if (reportDataHex != null && (nonceHex != null || publicKeyHex != null)) {
      throw new ParameterException(spec.commandLine(),
          "option '--report-data' cannot be combined with '--nonce' and '--public-key'");
    }
    if ((nonceHex == null) != (publicKeyHex == null)) {
      throw new ParameterException(spec.commandLine(),
          "options '--nonce' and '--public-key' must be given together");
    }
    if (reportDataHex != null) {
      return Arrays.copyOf(HexArgument.parse(spec, "--report-data", reportDataHex, 1,
          Evidence.REPORT_DATA_LENGTH), Evidence.REPORT_DATA_LENGTH);
    }
    if (nonceHex == null) {
      return null;
    }
    byte[] nonce = HexArgument.parse(spec, "--nonce", nonceHex, 16, 64);
    byte[] publicKey = HexArgument.parse(spec, "--public-key", publicKeyHex,
        ProvisioningCipher.PUBLIC_KEY_LENGTH, ProvisioningCipher.PUBLIC_KEY_LENGTH);
    try {
      return ProvisioningCipher.reportData(publicKey, nonce);
    } catch (GeneralSecurityException e) {
      throw CommandFailure.because("cannot compute the expected report data", e);
    }
  }

  private TeeType teeType() {
    switch (type.toLowerCase(java.util.Locale.ROOT)) {
      case "auto":
        return null;
      case "sgx":
        return TeeType.SGX;
      case "tdx":
        return TeeType.TDX;
      case "snp":
        return TeeType.SEV_SNP;
      case "sim":
        return TeeType.SIMULATED;
      default:
        throw new ParameterException(spec.commandLine(),
            "option '--type' must be sgx, tdx, snp, sim or auto, was '" + type + "'");
    }
  }

  private Instant instant() {
    if (at == null) {
      return Instant.now();
    }
    try {
      return at.contains("T") ? Instant.parse(at) : LocalDate.parse(at).atStartOfDay(ZoneOffset.UTC).toInstant();
    } catch (DateTimeParseException e) {
      throw new ParameterException(spec.commandLine(), "option '--at' must be an ISO date such as"
          + " 2025-07-01 or an instant such as 2025-07-01T12:00:00Z, was '" + at + "'");
    }
  }

  private Collateral loadCollateral() {
    Collateral collateral = Collateral.none();
    for (Path file : collateralFiles) {
      if (!Files.isRegularFile(file)) {
        throw new CommandFailure("collateral file " + file + " does not exist or is not a file");
      }
      try {
        collateral = collateral.and(Collateral.load(file));
      } catch (InvalidCollateralException e) {
        throw new CommandFailure("invalid collateral: " + e.getMessage(), e);
      } catch (IOException e) {
        throw CommandFailure.because("cannot read the collateral " + file, e);
      } catch (IllegalArgumentException e) {
        throw new CommandFailure("invalid collateral: " + e.getMessage(), e);
      }
    }
    return collateral;
  }

  private byte[] readEvidence() {
    try {
      if (!Files.isRegularFile(evidenceFile)) {
        throw new CommandFailure("evidence file " + evidenceFile + " does not exist or is not a file");
      }
      if (Files.size(evidenceFile) > MAX_EVIDENCE_BYTES) {
        throw new CommandFailure(evidenceFile + " is not valid attestation evidence: larger than "
            + MAX_EVIDENCE_BYTES + " bytes");
      }
      return Files.readAllBytes(evidenceFile);
    } catch (IOException e) {
      throw CommandFailure.because("cannot read the evidence file " + evidenceFile, e);
    }
  }

  private AttestationPolicy loadPolicy() {
    if (!Files.isRegularFile(policyFile)) {
      throw new CommandFailure("policy file " + policyFile + " does not exist or is not a file");
    }
    try {
      return AttestationPolicy.load(policyFile);
    } catch (InvalidPolicyException e) {
      throw new CommandFailure("invalid policy: " + e.getMessage(), e);
    } catch (IOException e) {
      throw CommandFailure.because("cannot read the policy " + policyFile, e);
    }
  }

  /** A verifier that also trusts this installation's simulation root, if there is one. */
  private EvidenceVerifier verifier() {
    Path simulation = EnclaveHost.simulationDirectory(data.dataDir());
    if (!Files.isRegularFile(simulation.resolve(SimulationAuthority.ROOT_CERTIFICATE_FILE))) {
      return EvidenceVerifier.create();
    }
    try {
      return EvidenceVerifier.create(SimulationAuthority.open(simulation).rootCertificate());
    } catch (IOException | GeneralSecurityException e) {
      throw CommandFailure.because("cannot open the simulation platform in " + simulation, e);
    }
  }
}
