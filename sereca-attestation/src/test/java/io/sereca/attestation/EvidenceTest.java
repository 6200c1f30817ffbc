package io.sereca.attestation;

import static io.sereca.attestation.Fixtures.IDENTITY;
import static io.sereca.attestation.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class EvidenceTest {

  @Test
  void simulatedEvidenceSaysSoWhenPrinted() {
    Evidence evidence = Evidence.create(TeeType.SIMULATED, IDENTITY, Fixtures.reportData(1), T0, List.of());

    assertThat(evidence.simulated()).isTrue();
    assertThat(evidence.describe())
        .contains("SIMULATED — no hardware protection")
        .contains(IDENTITY.measurementHex())
        .contains(IDENTITY.signerHex())
        .contains("2026-03-01T12:00:00Z");
    assertThat(evidence.toString()).isEqualTo(evidence.describe());
  }

  @Test
  void hardwareEvidenceIsNotSimulatedAndDoesNotClaimToBe() {
    Evidence evidence = Evidence.create(TeeType.SGX, IDENTITY, Fixtures.reportData(1), T0, List.of());

    assertThat(evidence.simulated()).isFalse();
    assertThat(evidence.describe()).contains("Intel SGX").doesNotContain("SIMULATED");
  }

  @Test
  void reportDataIsCopiedInAndOut() {
    byte[] reportData = Fixtures.reportData(1);
    Evidence evidence = Evidence.create(TeeType.SIMULATED, IDENTITY, reportData, T0, List.of());

    reportData[0] = 9;
    evidence.reportData()[1] = 9;

    assertThat(evidence.reportData()).isEqualTo(Fixtures.reportData(1));
  }

  @Test
  void refusesReportDataOfTheWrongLength() {
    assertThatThrownBy(() -> Evidence.create(TeeType.SIMULATED, IDENTITY, new byte[63], T0, List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("64 bytes");
  }

  @Test
  void equalFieldsMakeEqualEvidence() {
    Evidence a = Evidence.create(TeeType.SIMULATED, IDENTITY, Fixtures.reportData(1), T0, List.of());
    Evidence b = Evidence.create(TeeType.SIMULATED, IDENTITY, Fixtures.reportData(1), T0, List.of());
    Evidence c = Evidence.create(TeeType.SIMULATED, IDENTITY, Fixtures.reportData(2), T0, List.of());

    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b).isNotEqualTo(c);
  }
}
