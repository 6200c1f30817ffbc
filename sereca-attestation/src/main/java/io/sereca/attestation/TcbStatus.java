package io.sereca.attestation;

import java.util.Optional;

/**
 * The TCB status of an Intel platform as Intel's TCB info rates it: whether its microcode,
 * firmware and configuration have every security fix. Computed from collateral; offline
 * verification without collateral cannot know it.
 */
public enum TcbStatus {
  /** Every known fix is applied. */
  UP_TO_DATE("UpToDate"),
  /** Up to date, but software mitigations (hardening) are needed for some advisories. */
  SW_HARDENING_NEEDED("SWHardeningNeeded"),
  /** Up to date, but the platform configuration (e.g. BIOS settings) needs changes. */
  CONFIGURATION_NEEDED("ConfigurationNeeded"),
  /** Both of the above. */
  CONFIGURATION_AND_SW_HARDENING_NEEDED("ConfigurationAndSWHardeningNeeded"),
  /** Security fixes are missing: the platform is vulnerable to published attacks. */
  OUT_OF_DATE("OutOfDate"),
  /** Out of date and the configuration needs changes. */
  OUT_OF_DATE_CONFIGURATION_NEEDED("OutOfDateConfigurationNeeded"),
  /** The platform's key or TCB level was revoked. */
  REVOKED("Revoked");

  private final String intelName;

  TcbStatus(String intelName) {
    this.intelName = intelName;
  }

  /** The name Intel's collateral uses, e.g. {@code "UpToDate"}. */
  public String intelName() {
    return intelName;
  }

  /** The status with this Intel name, or, for policy files, with this enum constant name. */
  public static Optional<TcbStatus> fromName(String name) {
    for (TcbStatus status : values()) {
      if (status.intelName.equals(name) || status.name().equals(name)) {
        return Optional.of(status);
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return intelName;
  }
}
