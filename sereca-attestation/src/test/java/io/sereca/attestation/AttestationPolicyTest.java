package io.sereca.attestation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class AttestationPolicyTest {

  private static final String HEX64 = "ab".repeat(32);

  @Test
  void defaultsFailClosed() {
    AttestationPolicy policy = new AttestationPolicy();

    assertThat(policy.isAllowSimulation()).isFalse();
    assertThat(policy.isDebugAllowed()).isFalse();
    assertThat(policy.getMaxAge()).isEqualTo(Duration.ofMinutes(5));
    assertThat(policy.getMaxClockSkew()).isEqualTo(AttestationPolicy.DEFAULT_MAX_CLOCK_SKEW);
    assertThat(policy.getSimulationRoot()).isNull();
    assertThat(policy.getExpectedReportData()).isNull();
    assertThat(policy.getAllowedMeasurements()).isEmpty();
    assertThat(policy.getAllowedSigners()).isEmpty();
  }

  @Test
  void copyIsIndependentOfTheOriginal() {
    AttestationPolicy original = new AttestationPolicy()
        .addAllowedMeasurement(HEX64)
        .addAllowedSigner(AllowedSigner.create(HEX64, 1, 2))
        .setAllowSimulation(true)
        .setSimulationRoot(Path.of("/root.pem"))
        .setExpectedReportData(new byte[64]);

    AttestationPolicy copy = new AttestationPolicy(original);
    original.addAllowedMeasurement("cd".repeat(32)).setAllowSimulation(false).setAllowedSigners(List.of());

    assertThat(copy.getAllowedMeasurements()).containsExactly(HEX64);
    assertThat(copy.getAllowedSigners()).containsExactly(AllowedSigner.create(HEX64, 1, 2));
    assertThat(copy.isAllowSimulation()).isTrue();
    assertThat(copy.getSimulationRoot()).isEqualTo(Path.of("/root.pem"));
    assertThat(copy.getExpectedReportData()).hasSize(64);
  }

  @Test
  void measurementsAreNormalisedToLowerCaseHex() {
    AttestationPolicy policy = new AttestationPolicy().addAllowedMeasurement(HEX64.toUpperCase());

    assertThat(policy.getAllowedMeasurements()).containsExactly(HEX64);
  }

  @Test
  void settersRefuseInvalidValuesNamingThem() {
    AttestationPolicy policy = new AttestationPolicy();

    assertThatThrownBy(() -> policy.addAllowedMeasurement("xyz"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("measurement must be 64 hex");
    assertThatThrownBy(() -> policy.setAllowedMeasurements(List.of(HEX64, "ab")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(policy.getAllowedMeasurements()).isEmpty();
    assertThatThrownBy(() -> policy.setMaxAge(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxAge");
    assertThatThrownBy(() -> policy.setMaxClockSkew(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxClockSkew");
    assertThatThrownBy(() -> policy.setExpectedReportData(new byte[32]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("64 bytes");
    assertThatThrownBy(() -> AllowedSigner.create(HEX64, 70_000, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("productId");
    assertThatThrownBy(() -> AllowedSigner.create(HEX64, 1, -1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("minSvn");
  }

  @Test
  void returnedCollectionsAndArraysDoNotAliasThePolicy() {
    AttestationPolicy policy = new AttestationPolicy().setExpectedReportData(new byte[64]);

    policy.getExpectedReportData()[0] = 1;

    assertThat(policy.getExpectedReportData()[0]).isZero();
    assertThatThrownBy(() -> policy.getAllowedMeasurements().add(HEX64))
        .isInstanceOf(UnsupportedOperationException.class);
  }
}
