package io.sereca.attestation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The policy keys for hardware evidence: 48-byte measurements and accepted TCB statuses. */
class HardwarePolicyLoadTest {

  @TempDir Path dir;

  @Test
  void loadsTdxMeasurementsAndAcceptedTcbStatuses() throws Exception {
    String mrtd = "c3".repeat(48);
    Path file = Files.writeString(dir.resolve("tdx.yaml"), """
        allowedMeasurements:
          - "%s"
        acceptedTcbStatuses: [UpToDate, SWHardeningNeeded]
        """.formatted(mrtd));

    AttestationPolicy policy = AttestationPolicy.load(file);

    assertThat(policy.getAllowedMeasurements()).containsExactly(mrtd);
    assertThat(policy.getAcceptedTcbStatuses())
        .containsExactlyInAnyOrder(TcbStatus.UP_TO_DATE, TcbStatus.SW_HARDENING_NEEDED);
  }

  @Test
  void theDefaultAcceptsOnlyUpToDatePlatforms() {
    assertThat(new AttestationPolicy().getAcceptedTcbStatuses()).containsExactly(TcbStatus.UP_TO_DATE);
  }

  @Test
  void anUnknownTcbStatusIsAnErrorNamingIt() throws Exception {
    Path file = Files.writeString(dir.resolve("bad.yaml"), "acceptedTcbStatuses: [UpToDate, Fine]\n");

    assertThatThrownBy(() -> AttestationPolicy.load(file))
        .isInstanceOf(InvalidPolicyException.class)
        .hasMessageContaining("key 'acceptedTcbStatuses[1]': unknown TCB status 'Fine'");
  }

  @Test
  void anEmptyListOfTcbStatusesIsRefused() throws Exception {
    Path file = Files.writeString(dir.resolve("empty.yaml"), "acceptedTcbStatuses: []\n");

    assertThatThrownBy(() -> AttestationPolicy.load(file))
        .isInstanceOf(InvalidPolicyException.class)
        .hasMessageContaining("acceptedTcbStatuses must name at least one status");
  }

  @Test
  void aMeasurementOfAnotherLengthNamesBothAllowedLengths() {
    assertThatThrownBy(() -> new AttestationPolicy().addAllowedMeasurement("ab".repeat(40)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("measurement must be 64 hex characters (32 bytes: simulated, SGX) or 96");
  }
}
