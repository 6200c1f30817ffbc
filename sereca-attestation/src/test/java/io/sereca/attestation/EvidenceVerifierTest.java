package io.sereca.attestation;

import static io.sereca.attestation.Fixtures.IDENTITY;
import static io.sereca.attestation.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.sereca.enclave.EnclaveIdentity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EvidenceVerifierTest {

  private static final Instant NOW = T0.plusSeconds(10);

  @TempDir Path tmp;
  private SimulationAuthority authority;
  private final EvidenceVerifier verifier = EvidenceVerifier.create();

  @BeforeEach
  void openAuthority() throws Exception {
    authority = Fixtures.authority(tmp.resolve("sim"));
  }

  @Test
  void acceptsIssuedEvidenceUnderAPolicyAllowingItsMeasurementAndSimulation() throws Exception {
    byte[] evidence = authority.issue(IDENTITY, Fixtures.reportData(1));

    Verdict verdict = verifier.verify(evidence, Fixtures.simulationPolicy(authority), NOW);

    assertThat(verdict.reasons()).isEmpty();
    assertThat(verdict.accepted()).isTrue();
    assertThat(verdict.evidence()).hasValueSatisfying(e -> assertThat(e.identity()).isEqualTo(IDENTITY));
    assertThat(verdict.describe()).startsWith("ACCEPTED — SIMULATED evidence, no hardware protection");
  }

  @Test
  void acceptsWithTheSystemClockWhenEvidenceIsFresh() throws Exception {
    SimulationAuthority live = SimulationAuthority.open(tmp.resolve("live"));
    byte[] evidence = live.issue(IDENTITY, Fixtures.reportData(1));

    Verdict verdict = verifier.verify(evidence, Fixtures.simulationPolicy(live));

    assertThat(verdict.reasons()).isEmpty();
  }

  @Test
  void defaultPolicyRefusesSimulatedEvidence() throws Exception {
    byte[] evidence = authority.issue(IDENTITY, Fixtures.reportData(1));
    AttestationPolicy policy = new AttestationPolicy()
        .addAllowedMeasurement(IDENTITY.measurementHex())
        .setSimulationRoot(authority.rootCertificateFile());

    Verdict verdict = verifier.verify(evidence, policy, NOW);

    assertThat(verdict.accepted()).isFalse();
    assertThat(verdict.reasons()).containsExactly("simulated evidence refused: policy.allowSimulation is false");
    assertThat(verdict.describe()).startsWith("REJECTED — SIMULATED evidence").contains("allowSimulation");
  }

  @Test
  void refusesAMeasurementNotInThePolicy() throws Exception {
    EnclaveIdentity other = Fixtures.identity(0x33, 0x22, 7, 3, false);
    byte[] evidence = authority.issue(other, Fixtures.reportData(1));

    Verdict verdict = verifier.verify(evidence, Fixtures.simulationPolicy(authority), NOW);

    assertThat(verdict.reasons()).containsExactly("measurement " + other.measurementHex() + " not allowed");
  }

  @Test
  void emptyPolicyAdmitsNoEnclave() throws Exception {
    byte[] evidence = authority.issue(IDENTITY, Fixtures.reportData(1));
    AttestationPolicy policy = new AttestationPolicy()
        .setAllowSimulation(true)
        .setSimulationRoot(authority.rootCertificateFile());

    Verdict verdict = verifier.verify(evidence, policy, NOW);

    assertThat(verdict.reasons()).singleElement().asString().startsWith("policy admits no enclave");
  }

  @ParameterizedTest(name = "signer {0} product {1} svn {2} -> {3}")
  @CsvSource(delimiter = '|', textBlock = """
      0x22 | 7 | 3 | accepted
      0x22 | 7 | 9 | accepted
      0x22 | 7 | 2 | svn 2 below minimum 3 for signer {signer} product id 7
      0x22 | 8 | 3 | product id 8 not allowed for signer {signer}
      0x44 | 7 | 3 | signer {signer} not allowed
      """)
  void admitsBySignerProductAndMinimumSvn(String signer, int productId, int svn, String expected)
      throws Exception {
    EnclaveIdentity identity = Fixtures.identity(0x99, Integer.decode(signer), productId, svn, false);
    AttestationPolicy policy = new AttestationPolicy()
        .setAllowSimulation(true)
        .setSimulationRoot(authority.rootCertificateFile())
        .addAllowedSigner(AllowedSigner.create(IDENTITY.signerHex(), 7, 3));

    Verdict verdict = verifier.verify(authority.issue(identity, Fixtures.reportData(1)), policy, NOW);

    if (expected.equals("accepted")) {
      assertThat(verdict.reasons()).isEmpty();
    } else {
      assertThat(verdict.reasons()).containsExactly(expected.replace("{signer}", identity.signerHex()));
    }
  }

  @Test
  void measurementOrSignerIsEnoughAndBothMissesAreReported() throws Exception {
    AttestationPolicy policy = Fixtures.simulationPolicy(authority)
        .addAllowedSigner(AllowedSigner.create(Fixtures.identity(0, 0x55, 0, 0, false).signerHex(), 1, 0));
    EnclaveIdentity bySigner = Fixtures.identity(0x77, 0x55, 1, 0, false);
    EnclaveIdentity neither = Fixtures.identity(0x77, 0x66, 1, 0, false);

    assertThat(verifier.verify(authority.issue(IDENTITY, Fixtures.reportData(1)), policy, NOW).accepted()).isTrue();
    assertThat(verifier.verify(authority.issue(bySigner, Fixtures.reportData(1)), policy, NOW).accepted()).isTrue();
    assertThat(verifier.verify(authority.issue(neither, Fixtures.reportData(1)), policy, NOW).reasons())
        .containsExactly("measurement " + neither.measurementHex() + " not allowed",
            "signer " + neither.signerHex() + " not allowed");
  }

  @Test
  void refusesDebugEnclavesUnlessAllowed() throws Exception {
    EnclaveIdentity debug = Fixtures.identity(0x11, 0x22, 7, 3, true);
    byte[] evidence = authority.issue(debug, Fixtures.reportData(1));
    AttestationPolicy policy = Fixtures.simulationPolicy(authority);

    assertThat(verifier.verify(evidence, policy, NOW).reasons())
        .containsExactly("debug enclave refused: policy.debugAllowed is false");
    assertThat(verifier.verify(evidence, policy.setDebugAllowed(true), NOW).accepted()).isTrue();
  }

  @Test
  void refusesStaleEvidence() throws Exception {
    byte[] evidence = authority.issue(IDENTITY, Fixtures.reportData(1));
    AttestationPolicy policy = Fixtures.simulationPolicy(authority);

    assertThat(verifier.verify(evidence, policy, T0.plus(Duration.ofMinutes(5))).accepted()).isTrue();
    assertThat(verifier.verify(evidence, policy, T0.plus(Duration.ofMinutes(5)).plusMillis(1)).reasons())
        .singleElement().asString().startsWith("evidence is stale: issued at 2026-03-01T12:00:00Z");
    assertThat(verifier.verify(evidence, policy.setMaxAge(Duration.ofHours(1)), T0.plus(Duration.ofMinutes(30)))
        .accepted()).isTrue();
  }

  @Test
  void refusesEvidenceFromTheFutureBeyondClockSkew() throws Exception {
    byte[] evidence = authority.issue(IDENTITY, Fixtures.reportData(1));
    AttestationPolicy policy = Fixtures.simulationPolicy(authority);

    assertThat(verifier.verify(evidence, policy, T0.minusSeconds(60)).accepted()).isTrue();
    assertThat(verifier.verify(evidence, policy, T0.minusSeconds(61)).reasons())
        .singleElement().asString().startsWith("evidence is from the future");
  }

  @Test
  void refusesEvidenceFromAnotherInstallation() throws Exception {
    SimulationAuthority other = Fixtures.authority(tmp.resolve("other-installation"));
    byte[] evidence = other.issue(IDENTITY, Fixtures.reportData(1));

    Verdict verdict = verifier.verify(evidence, Fixtures.simulationPolicy(authority), NOW);

    assertThat(verdict.reasons()).singleElement().asString()
        .startsWith("certificate chain does not lead to the simulation root");
  }

  @Test
  void refusesSimulatedEvidenceWhenNoRootIsConfigured() throws Exception {
    byte[] evidence = authority.issue(IDENTITY, Fixtures.reportData(1));
    AttestationPolicy policy = Fixtures.simulationPolicy(authority).setSimulationRoot(null);

    assertThat(verifier.verify(evidence, policy, NOW).reasons())
        .singleElement().asString().startsWith("no simulation root configured");
    assertThat(EvidenceVerifier.create(authority.rootCertificate()).verify(evidence, policy, NOW).accepted())
        .isTrue();
  }

  @Test
  void policyRootTakesPrecedenceOverTheVerifiersRoot() throws Exception {
    SimulationAuthority other = Fixtures.authority(tmp.resolve("other"));
    byte[] evidence = authority.issue(IDENTITY, Fixtures.reportData(1));
    AttestationPolicy policy = Fixtures.simulationPolicy(other);

    Verdict verdict = EvidenceVerifier.create(authority.rootCertificate()).verify(evidence, policy, NOW);

    assertThat(verdict.reasons()).singleElement().asString()
        .startsWith("certificate chain does not lead to the simulation root");
  }

  @Test
  void refusesWhenThePolicyRootFileIsMissingOrNotPem() throws Exception {
    byte[] evidence = authority.issue(IDENTITY, Fixtures.reportData(1));
    Path notPem = Files.writeString(tmp.resolve("not.pem"), "hello");

    assertThat(verifier.verify(evidence, Fixtures.simulationPolicy(authority)
        .setSimulationRoot(tmp.resolve("missing.pem")), NOW).reasons())
        .singleElement().asString().startsWith("simulation root could not be loaded from");
    assertThat(verifier.verify(evidence, Fixtures.simulationPolicy(authority).setSimulationRoot(notPem), NOW)
        .reasons()).singleElement().asString().contains("holds no PEM 'CERTIFICATE' block");
  }

  @Test
  void refusesEvidenceOnceTheCertificatesExpired() throws Exception {
    byte[] evidence = authority.issue(IDENTITY, Fixtures.reportData(1));
    AttestationPolicy policy = Fixtures.simulationPolicy(authority).setMaxAge(Duration.ofDays(20 * 365));

    Verdict verdict = verifier.verify(evidence, policy, T0.plus(Duration.ofDays(3651)));

    assertThat(verdict.reasons()).singleElement().asString().startsWith("platform certificate chain invalid");
  }

  @Test
  void refusesReportDataThatDoesNotMatchTheExpectedBinding() throws Exception {
    byte[] evidence = authority.issue(IDENTITY, Fixtures.reportData(1));
    AttestationPolicy policy = Fixtures.simulationPolicy(authority);

    assertThat(verifier.verify(evidence, policy.setExpectedReportData(Fixtures.reportData(2)), NOW).reasons())
        .containsExactly("report data does not match the expected nonce binding");
    assertThat(verifier.verify(evidence, policy.setExpectedReportData(Fixtures.reportData(1)), NOW).accepted())
        .isTrue();
  }

  @Test
  void listsEveryFailedCheckAtOnce() throws Exception {
    SimulationAuthority other = Fixtures.authority(tmp.resolve("other"));
    byte[] evidence = other.issue(Fixtures.identity(0x01, 0x02, 1, 1, true), Fixtures.reportData(1));
    AttestationPolicy policy = new AttestationPolicy()
        .addAllowedMeasurement(IDENTITY.measurementHex())
        .setSimulationRoot(authority.rootCertificateFile())
        .setExpectedReportData(Fixtures.reportData(2));

    Verdict verdict = verifier.verify(evidence, policy, T0.plus(Duration.ofHours(1)));

    assertThat(verdict.reasons()).hasSize(6);
    assertThat(String.join("\n", verdict.reasons()))
        .contains("allowSimulation is false", "does not lead to the simulation root", "debug enclave refused",
            "not allowed", "stale", "report data does not match");
    assertThat(verdict.describe()).contains(verdict.reasons().get(0));
  }

  @Test
  void refusesEvidenceWithAnyByteTampered() throws Exception {
    byte[] evidence = authority.issue(IDENTITY, Fixtures.reportData(1));
    AttestationPolicy policy = Fixtures.simulationPolicy(authority);
    List<Integer> acceptedAfterTampering = new ArrayList<>();

    for (int i = 0; i < evidence.length; i++) {
      byte[] tampered = evidence.clone();
      tampered[i] ^= 0x01;
      if (verifier.verify(tampered, policy, NOW).accepted()) {
        acceptedAfterTampering.add(i);
      }
    }

    assertThat(acceptedAfterTampering).isEmpty();
  }

  @Test
  void resignedEvidenceWithAChangedFieldFailsTheSignatureCheck() throws Exception {
    byte[] evidence = authority.issue(IDENTITY, Fixtures.reportData(1));
    evidence[100] ^= 0x01; // inside the report data: parses fine, signature no longer matches

    Verdict verdict = verifier.verify(evidence, Fixtures.simulationPolicy(authority), NOW);

    assertThat(verdict.evidence()).isPresent();
    assertThat(verdict.reasons()).singleElement().asString().startsWith("signature invalid");
  }

  @Test
  void malformedEvidenceIsRejectedWithTheParseReasonNotAnException() {
    Verdict verdict = verifier.verify("garbage!".getBytes(java.nio.charset.StandardCharsets.US_ASCII),
        new AttestationPolicy(), NOW);

    assertThat(verdict.accepted()).isFalse();
    assertThat(verdict.evidence()).isEmpty();
    assertThat(verdict.reasons()).singleElement().asString().startsWith("malformed evidence: unknown magic");
    assertThat(verdict.describe()).contains("could not be parsed");
    assertThat(verifier.verify(null, new AttestationPolicy(), NOW).reasons())
        .containsExactly("malformed evidence: evidence is empty");
  }

  @Test
  void randomlyDamagedEvidenceIsNeverAcceptedAndNeverThrows() throws Exception {
    byte[] evidence = authority.issue(IDENTITY, Fixtures.reportData(1));
    AttestationPolicy policy = Fixtures.simulationPolicy(authority);
    Random random = new Random(42);
    int cases = 2_000;
    int unparseable = 0;

    for (int i = 0; i < cases; i++) {
      byte[] damaged = random.nextBoolean()
          ? java.util.Arrays.copyOf(evidence, random.nextInt(evidence.length))
          : evidence.clone();
      if (damaged.length == evidence.length) {
        damaged[random.nextInt(damaged.length)] = (byte) random.nextInt(256);
        if (java.util.Arrays.equals(damaged, evidence)) {
          continue;
        }
      }
      Verdict verdict = verifier.verify(damaged, policy, NOW);
      assertThat(verdict.accepted()).as("case %d", i).isFalse();
      assertThat(verdict.reasons()).noneMatch(r -> r.startsWith("verification failed unexpectedly"));
      if (verdict.evidence().isEmpty()) {
        unparseable++;
      }
    }

    assertThat(unparseable).isGreaterThan(cases / 4);
  }
}
