package io.sereca.attestation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AttestationPolicyLoadTest {

  private static final String M = "a1".repeat(32);
  private static final String S = "b2".repeat(32);

  @TempDir Path dir;

  private Path write(String name, String content) throws Exception {
    return Files.writeString(dir.resolve(name), content);
  }

  @Test
  void loadsEveryKeyFromYaml() throws Exception {
    Path file = write("policy.yaml", """
        # development policy
        allowSimulation: true
        simulationRoot: sim/root-ca.pem
        debugAllowed: true
        maxAge: PT10M
        maxClockSkew: 30
        allowedMeasurements:
          - %s
        allowedSigners:
          - signer: %s
            productId: 7
            minSvn: 2
        expectedReportData: %s
        """.formatted(M.toUpperCase(), S, "ab".repeat(64)));

    AttestationPolicy policy = AttestationPolicy.load(file);

    assertThat(policy.isAllowSimulation()).isTrue();
    assertThat(policy.getSimulationRoot()).isEqualTo(dir.toAbsolutePath().resolve("sim/root-ca.pem"));
    assertThat(policy.isDebugAllowed()).isTrue();
    assertThat(policy.getMaxAge()).isEqualTo(Duration.ofMinutes(10));
    assertThat(policy.getMaxClockSkew()).isEqualTo(Duration.ofSeconds(30));
    assertThat(policy.getAllowedMeasurements()).containsExactly(M);
    assertThat(policy.getAllowedSigners()).containsExactly(AllowedSigner.create(S, 7, 2));
    assertThat(policy.getExpectedReportData()).isEqualTo(HexFormat.of().parseHex("ab".repeat(64)));
  }

  @Test
  void loadsJson() throws Exception {
    Path file = write("policy.json", """
        {"allowedSigners": [{"signer": "%s", "productId": 1, "minSvn": 0}],
         "simulationRoot": "/etc/sereca/root.pem"}
        """.formatted(S));

    AttestationPolicy policy = AttestationPolicy.load(file);

    assertThat(policy.getAllowedSigners()).containsExactly(AllowedSigner.create(S, 1, 0));
    assertThat(policy.getSimulationRoot()).isEqualTo(Path.of("/etc/sereca/root.pem"));
    assertThat(policy.isAllowSimulation()).isFalse();
    assertThat(policy.getMaxAge()).isEqualTo(AttestationPolicy.DEFAULT_MAX_AGE);
  }

  @Test
  void homeRelativeRootIsResolvedAgainstTheUsersHome() throws Exception {
    AttestationPolicy policy = AttestationPolicy.load(write("p.yaml", "simulationRoot: ~/.sereca/root-ca.pem\n"));

    assertThat(policy.getSimulationRoot())
        .isEqualTo(Path.of(System.getProperty("user.home"), ".sereca", "root-ca.pem"));
  }

  @Test
  void unknownKeyIsAnErrorNamingIt() throws Exception {
    Path file = write("policy.yaml", "allowSimulaton: true\n");

    assertThatThrownBy(() -> AttestationPolicy.load(file))
        .isInstanceOf(InvalidPolicyException.class)
        .hasMessageContaining("unknown key 'allowSimulaton'")
        .hasMessageContaining("allowSimulation");
  }

  @Test
  void unknownKeyInASignerEntryIsAnError() throws Exception {
    Path file = write("policy.yaml", """
        allowedSigners:
          - signer: %s
            productId: 1
            minSvn: 0
            maxSvn: 4
        """.formatted(S));

    assertThatThrownBy(() -> AttestationPolicy.load(file))
        .isInstanceOf(InvalidPolicyException.class)
        .hasMessageContaining("unknown key 'allowedSigners[0].maxSvn'");
  }

  @Test
  void badHexIsAnErrorNamingTheKeyAndValue() throws Exception {
    Path file = write("policy.yaml", "allowedMeasurements:\n  - " + M + "\n  - not-hex\n");

    assertThatThrownBy(() -> AttestationPolicy.load(file))
        .isInstanceOf(InvalidPolicyException.class)
        .hasMessageContaining("key 'allowedMeasurements[1]'")
        .hasMessageContaining("'not-hex'");
  }

  @Test
  void badSignerHexIsAnError() throws Exception {
    Path file = write("policy.json",
        "{\"allowedSigners\": [{\"signer\": \"abc\", \"productId\": 1, \"minSvn\": 0}]}");

    assertThatThrownBy(() -> AttestationPolicy.load(file))
        .isInstanceOf(InvalidPolicyException.class)
        .hasMessageContaining("key 'allowedSigners[0].signer'")
        .hasMessageContaining("'abc'");
  }

  @Test
  void missingMinSvnIsAnErrorRatherThanZero() throws Exception {
    Path file = write("policy.yaml", "allowedSigners:\n  - signer: " + S + "\n    productId: 1\n");

    assertThatThrownBy(() -> AttestationPolicy.load(file))
        .isInstanceOf(InvalidPolicyException.class)
        .hasMessageContaining("key 'allowedSigners[0].minSvn' is missing");
  }

  @Test
  void wrongValueTypesAreErrorsNamingTheKey() throws Exception {
    assertLoadFails("allowSimulation: \"yes please\"\n", "key 'allowSimulation': expected true or false");
    assertLoadFails("maxAge: five minutes\n", "key 'maxAge': expected an ISO-8601 duration");
    assertLoadFails("maxAge: -5\n", "key 'maxAge': maxAge must be positive");
    assertLoadFails("allowedMeasurements: " + M + "\n", "key 'allowedMeasurements': expected a list");
    assertLoadFails("allowedSigners:\n  - signer: " + S + "\n    productId: 70000\n    minSvn: 0\n",
        "key 'allowedSigners[0].productId': expected an integer in 0..65535, got 70000");
    assertLoadFails("- just a list\n", "expected a mapping of policy keys");
  }

  @Test
  void unquotedAllDigitHexIsRefusedWithAHintToQuoteIt() throws Exception {
    assertLoadFails("allowedMeasurements:\n  - " + "12".repeat(32) + "\n",
        "key 'allowedMeasurements[0]': expected a string (quote hex values in YAML");
  }

  @Test
  void duplicateKeysAreErrors() throws Exception {
    assertLoadFails("allowSimulation: false\nallowSimulation: true\n", "allowSimulation");
  }

  @Test
  void syntaxErrorsAndEmptyFilesAreReportedWithTheFileName() throws Exception {
    Path json = write("broken.json", "{\"allowSimulation\": tru");
    assertThatThrownBy(() -> AttestationPolicy.load(json))
        .isInstanceOf(InvalidPolicyException.class)
        .hasMessageContaining("broken.json: not valid JSON");
    Path empty = write("empty.yaml", "");
    assertThatThrownBy(() -> AttestationPolicy.load(empty))
        .isInstanceOf(InvalidPolicyException.class)
        .hasMessageContaining("policy file is empty");
  }

  @Test
  void loadedPolicyVerifiesEvidenceLikeABuiltOne() throws Exception {
    SimulationAuthority authority = Fixtures.authority(dir.resolve("sim"));
    Path file = write("policy.yaml", """
        allowSimulation: true
        simulationRoot: sim/root-ca.pem
        allowedMeasurements: ["%s"]
        """.formatted(Fixtures.IDENTITY.measurementHex()));

    Verdict verdict = EvidenceVerifier.create().verify(
        authority.issue(Fixtures.IDENTITY, Fixtures.reportData(0)), AttestationPolicy.load(file),
        Fixtures.T0);

    assertThat(verdict.reasons()).isEmpty();
  }

  private void assertLoadFails(String yaml, String message) throws Exception {
    Path file = write("policy.yaml", yaml);
    assertThatThrownBy(() -> AttestationPolicy.load(file))
        .isInstanceOf(InvalidPolicyException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining(message);
  }
}
