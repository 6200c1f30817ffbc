package io.sereca.attestation;

import io.sereca.attestation.internal.ReportFields;
import java.util.Map;
import java.util.Objects;

/**
 * The identity an Intel TDX trust domain reported in the TD report body of a quote v4 or v5.
 *
 * <p>Layout of the body (offsets within it; little-endian): TEE_TCB_SVN 16 @0, MRSEAM 48 @16,
 * MRSIGNERSEAM 48 @64, SEAMATTRIBUTES 8 @112, TDATTRIBUTES 8 @120 (bit 0 = DEBUG), XFAM 8 @128,
 * MRTD 48 @136, MRCONFIGID 48 @184, MROWNER 48 @232, MROWNERCONFIG 48 @280, RTMR0..3 48 each
 * @328/376/424/472, REPORTDATA 64 @520: 584 bytes (TD 1.0). A TD 1.5 body (648 bytes) adds
 * TEE_TCB_SVN2 16 @584 and MRSERVICETD 48 @600.
 *
 * <p>Immutable.
 */
public final class TdxIdentity implements TeeIdentity {

  /** Length of a TD 1.0 report body (quote v4, and v5 body type 2). */
  public static final int TD10_BODY_LENGTH = 584;
  /** Length of a TD 1.5 report body (quote v5 body type 3). */
  public static final int TD15_BODY_LENGTH = 648;
  /** The DEBUG bit of TDATTRIBUTES. */
  public static final long TD_ATTRIBUTE_DEBUG = 0x1;

  private static final int MEASUREMENT_LENGTH = 48;

  private final int quoteVersion;
  private final ReportFields body;
  private final int length;

  private TdxIdentity(int quoteVersion, byte[] reportBody) {
    this.quoteVersion = quoteVersion;
    this.body = new ReportFields(reportBody);
    this.length = reportBody.length;
  }

  /**
   * Reads an identity from a TD report body.
   *
   * @param quoteVersion the version of the quote that carried it (4 or 5)
   * @param reportBody {@value #TD10_BODY_LENGTH} or {@value #TD15_BODY_LENGTH} bytes
   * @throws IllegalArgumentException if the body has another length
   */
  public static TdxIdentity fromReportBody(int quoteVersion, byte[] reportBody) {
    if (reportBody == null
        || (reportBody.length != TD10_BODY_LENGTH && reportBody.length != TD15_BODY_LENGTH)) {
      throw new IllegalArgumentException("a TD report body is " + TD10_BODY_LENGTH + " or "
          + TD15_BODY_LENGTH + " bytes");
    }
    return new TdxIdentity(quoteVersion, reportBody);
  }

  @Override
  public TeeType teeType() {
    return TeeType.TDX;
  }

  /** The version of the quote (4 or 5). */
  public int quoteVersion() {
    return quoteVersion;
  }

  /** Whether the body is the TD 1.5 layout (with TEE_TCB_SVN2 and MRSERVICETD). */
  public boolean td15() {
    return length == TD15_BODY_LENGTH;
  }

  /** MRTD, the measurement of the initial TD contents (48 bytes). */
  @Override
  public byte[] measurement() {
    return body.bytes(136, MEASUREMENT_LENGTH);
  }

  @Override
  public String measurementHex() {
    return body.hex(136, MEASUREMENT_LENGTH);
  }

  /** Runtime measurement register {@code index} (0..3), 48 bytes. */
  public byte[] rtmr(int index) {
    Objects.checkIndex(index, 4);
    return body.bytes(328 + MEASUREMENT_LENGTH * index, MEASUREMENT_LENGTH);
  }

  /** {@link #rtmr(int)} in hex. */
  public String rtmrHex(int index) {
    Objects.checkIndex(index, 4);
    return body.hex(328 + MEASUREMENT_LENGTH * index, MEASUREMENT_LENGTH);
  }

  /** MRSEAM, the measurement of the TDX module (48 bytes). */
  public byte[] mrSeam() {
    return body.bytes(16, MEASUREMENT_LENGTH);
  }

  /** {@link #mrSeam()} in hex. */
  public String mrSeamHex() {
    return body.hex(16, MEASUREMENT_LENGTH);
  }

  /** MRSIGNERSEAM in hex (zero for Intel's own TDX module). */
  public String mrSignerSeamHex() {
    return body.hex(64, MEASUREMENT_LENGTH);
  }

  /** SEAMATTRIBUTES as a 64-bit pattern. */
  public long seamAttributes() {
    return body.u64(112);
  }

  /** TDATTRIBUTES as a 64-bit pattern. */
  public long tdAttributes() {
    return body.u64(120);
  }

  /** TEE_TCB_SVN: the TDX module's security versions (16 bytes). */
  public byte[] teeTcbSvn() {
    return body.bytes(0, 16);
  }

  /** MRCONFIGID in hex. */
  public String mrConfigIdHex() {
    return body.hex(184, MEASUREMENT_LENGTH);
  }

  /** MROWNER in hex. */
  public String mrOwnerHex() {
    return body.hex(232, MEASUREMENT_LENGTH);
  }

  @Override
  public boolean debug() {
    return (tdAttributes() & TD_ATTRIBUTE_DEBUG) != 0;
  }

  @Override
  public byte[] reportData() {
    return body.bytes(520, 64);
  }

  @Override
  public Map<String, String> fields() {
    return ReportFields.ordered(
        "quote version", Integer.toString(quoteVersion),
        "body", td15() ? "TD 1.5 (648 bytes)" : "TD 1.0 (584 bytes)",
        "MRTD", measurementHex(),
        "RTMR0", rtmrHex(0),
        "RTMR1", rtmrHex(1),
        "RTMR2", rtmrHex(2),
        "RTMR3", rtmrHex(3),
        "MRSEAM", mrSeamHex(),
        "MRSIGNERSEAM", mrSignerSeamHex(),
        "SEAMATTRIBUTES", String.format("%016x", seamAttributes()),
        "TDATTRIBUTES", String.format("%016x", tdAttributes()),
        "DEBUG", Boolean.toString(debug()),
        "XFAM", body.hex(128, 8),
        "MRCONFIGID", mrConfigIdHex(),
        "MROWNER", mrOwnerHex(),
        "MROWNERCONFIG", body.hex(280, MEASUREMENT_LENGTH),
        "TEE_TCB_SVN", body.hex(0, 16),
        "TEE_TCB_SVN2", td15() ? body.hex(584, 16) : "(TD 1.0)",
        "MRSERVICETD", td15() ? body.hex(600, MEASUREMENT_LENGTH) : "(TD 1.0)",
        "REPORTDATA", body.hex(520, 64));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TdxIdentity && ((TdxIdentity) o).quoteVersion == quoteVersion
        && ((TdxIdentity) o).body.equals(body);
  }

  @Override
  public int hashCode() {
    return Objects.hash(quoteVersion, body);
  }

  @Override
  public String toString() {
    return "TdxIdentity" + fields();
  }
}
