package io.sereca.attestation;

import io.sereca.attestation.internal.ReportFields;
import java.util.Map;
import java.util.Objects;

/**
 * The identity an AMD SEV-SNP guest reported in its attestation report (versions 2 and 3).
 *
 * <p>Layout (offsets in the report; little-endian): VERSION u32 @0x00, GUEST_SVN u32 @0x04,
 * POLICY u64 @0x08 (bit 19 = DEBUG allowed), FAMILY_ID 16 @0x10, IMAGE_ID 16 @0x20, VMPL u32
 * @0x30, SIGNATURE_ALGO u32 @0x34, CURRENT_TCB u64 @0x38, PLATFORM_INFO u64 @0x40, flags u32 @0x48
 * (bits 2-4: signing key, 0 = VCEK, 1 = VLEK), REPORT_DATA 64 @0x50, MEASUREMENT 48 @0x90,
 * HOST_DATA 32 @0xC0, ID_KEY_DIGEST 48 @0xE0, AUTHOR_KEY_DIGEST 48 @0x110, REPORT_ID 32 @0x140,
 * REPORTED_TCB u64 @0x180, (v3: CPUID family @0x188, model @0x189, stepping @0x18A), CHIP_ID 64
 * @0x1A0, COMMITTED_TCB u64 @0x1E0, LAUNCH_TCB u64 @0x1F0; the signature follows at 0x2A0.
 *
 * <p>Immutable.
 */
public final class SnpIdentity implements TeeIdentity {

  /** Length of the signed part of a report: everything before the signature. */
  public static final int SIGNED_LENGTH = 0x2A0;
  /** The POLICY bit that allows the host to debug the guest. */
  public static final long POLICY_DEBUG = 1L << 19;
  /** Signing key value of the flags for the VCEK. */
  public static final int SIGNING_KEY_VCEK = 0;
  /** Signing key value of the flags for the VLEK. */
  public static final int SIGNING_KEY_VLEK = 1;

  private final ReportFields report;

  private SnpIdentity(byte[] signedPart) {
    this.report = new ReportFields(signedPart);
  }

  /**
   * Reads an identity from the signed part of a report.
   *
   * @param signedPart the first {@value #SIGNED_LENGTH} bytes of the report
   * @throws IllegalArgumentException if it has another length
   */
  public static SnpIdentity fromReport(byte[] signedPart) {
    if (signedPart == null || signedPart.length != SIGNED_LENGTH) {
      throw new IllegalArgumentException("the signed part of an SNP report is " + SIGNED_LENGTH + " bytes");
    }
    return new SnpIdentity(signedPart);
  }

  @Override
  public TeeType teeType() {
    return TeeType.SEV_SNP;
  }

  /** The report version (2 or 3). */
  public int version() {
    return (int) report.u32(0x00);
  }

  /** GUEST_SVN. */
  public long guestSvn() {
    return report.u32(0x04);
  }

  /** The guest POLICY. */
  public long policy() {
    return report.u64(0x08);
  }

  /** The VM privilege level that requested the report (0 most privileged). */
  public int vmpl() {
    return (int) report.u32(0x30);
  }

  /** The signature algorithm (1 = ECDSA P-384 with SHA-384). */
  public int signatureAlgorithm() {
    return (int) report.u32(0x34);
  }

  /** Which key signed: {@value #SIGNING_KEY_VCEK} (VCEK) or {@value #SIGNING_KEY_VLEK} (VLEK). */
  public int signingKey() {
    return (int) (report.u32(0x48) >> 2) & 0x7;
  }

  /** MEASUREMENT of the initial guest memory (48 bytes). */
  @Override
  public byte[] measurement() {
    return report.bytes(0x90, 48);
  }

  @Override
  public String measurementHex() {
    return report.hex(0x90, 48);
  }

  /** HOST_DATA, 32 bytes chosen by the host at launch. */
  public byte[] hostData() {
    return report.bytes(0xC0, 32);
  }

  /** {@link #hostData()} in hex. */
  public String hostDataHex() {
    return report.hex(0xC0, 32);
  }

  /** REPORTED_TCB: the TCB version the VCEK was derived from. */
  public long reportedTcb() {
    return report.u64(0x180);
  }

  /** CURRENT_TCB. */
  public long currentTcb() {
    return report.u64(0x38);
  }

  /** CHIP_ID (64 bytes; zero when the guest policy masks it). */
  public byte[] chipId() {
    return report.bytes(0x1A0, 64);
  }

  /** {@link #chipId()} in hex. */
  public String chipIdHex() {
    return report.hex(0x1A0, 64);
  }

  /** Whether POLICY allows debugging, which opens the guest's memory to the host. */
  @Override
  public boolean debug() {
    return (policy() & POLICY_DEBUG) != 0;
  }

  @Override
  public byte[] reportData() {
    return report.bytes(0x50, 64);
  }

  @Override
  public Map<String, String> fields() {
    return ReportFields.ordered(
        "VERSION", Integer.toString(version()),
        "GUEST_SVN", Long.toString(guestSvn()),
        "POLICY", String.format("%016x", policy()),
        "DEBUG", Boolean.toString(debug()),
        "FAMILY_ID", report.hex(0x10, 16),
        "IMAGE_ID", report.hex(0x20, 16),
        "VMPL", Integer.toString(vmpl()),
        "SIGNATURE_ALGO", Integer.toString(signatureAlgorithm()),
        "SIGNING_KEY", signingKey() == SIGNING_KEY_VCEK ? "VCEK"
            : signingKey() == SIGNING_KEY_VLEK ? "VLEK" : "unknown (" + signingKey() + ")",
        "CURRENT_TCB", String.format("%016x", currentTcb()),
        "REPORTED_TCB", String.format("%016x", reportedTcb()),
        "COMMITTED_TCB", String.format("%016x", report.u64(0x1E0)),
        "LAUNCH_TCB", String.format("%016x", report.u64(0x1F0)),
        "PLATFORM_INFO", String.format("%016x", report.u64(0x40)),
        "MEASUREMENT", measurementHex(),
        "HOST_DATA", hostDataHex(),
        "ID_KEY_DIGEST", report.hex(0xE0, 48),
        "AUTHOR_KEY_DIGEST", report.hex(0x110, 48),
        "REPORT_ID", report.hex(0x140, 32),
        "CHIP_ID", chipIdHex(),
        "REPORT_DATA", report.hex(0x50, 64));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SnpIdentity && ((SnpIdentity) o).report.equals(report);
  }

  @Override
  public int hashCode() {
    return Objects.hash(report);
  }

  @Override
  public String toString() {
    return "SnpIdentity" + fields();
  }
}
