package io.sereca.attestation;

import io.sereca.attestation.internal.ReportFields;
import java.util.Map;
import java.util.Objects;

/**
 * The identity an Intel SGX enclave reported in the 384-byte report body of a DCAP quote.
 *
 * <p>Layout of the report body (offsets within the body; in a quote it starts at offset 48):
 * CPUSVN 16 @0, MISCSELECT u32 @16, ATTRIBUTES 16 @48 (flags u64: bit 1 = DEBUG), MRENCLAVE 32
 * @64, MRSIGNER 32 @128, ISVPRODID u16 @256, ISVSVN u16 @258, REPORTDATA 64 @320; little-endian.
 *
 * <p>Immutable.
 */
public final class SgxIdentity implements TeeIdentity {

  /** Length of an SGX report body. */
  public static final int REPORT_BODY_LENGTH = 384;
  /** The DEBUG bit of the ATTRIBUTES flags. */
  public static final long FLAG_DEBUG = 0x2;

  private final int quoteVersion;
  private final ReportFields body;

  private SgxIdentity(int quoteVersion, ReportFields body) {
    this.quoteVersion = quoteVersion;
    this.body = body;
  }

  /**
   * Reads an identity from a report body.
   *
   * @param quoteVersion the version of the quote that carried it
   * @param reportBody exactly {@value #REPORT_BODY_LENGTH} bytes
   * @throws IllegalArgumentException if the body has the wrong length
   */
  public static SgxIdentity fromReportBody(int quoteVersion, byte[] reportBody) {
    if (reportBody == null || reportBody.length != REPORT_BODY_LENGTH) {
      throw new IllegalArgumentException("an SGX report body is " + REPORT_BODY_LENGTH + " bytes");
    }
    return new SgxIdentity(quoteVersion, new ReportFields(reportBody));
  }

  @Override
  public TeeType teeType() {
    return TeeType.SGX;
  }

  /** The version of the quote (3 for DCAP quotes v3). */
  public int quoteVersion() {
    return quoteVersion;
  }

  /** MRENCLAVE, the measurement of the enclave (32 bytes). */
  @Override
  public byte[] measurement() {
    return body.bytes(64, 32);
  }

  @Override
  public String measurementHex() {
    return body.hex(64, 32);
  }

  /** MRSIGNER: SHA-256 of the enclave signer's public key modulus (32 bytes). */
  public byte[] mrSigner() {
    return body.bytes(128, 32);
  }

  /** {@link #mrSigner()} in hex. */
  public String mrSignerHex() {
    return body.hex(128, 32);
  }

  /** ISVPRODID. */
  public int isvProdId() {
    return body.u16(256);
  }

  /** ISVSVN. */
  public int isvSvn() {
    return body.u16(258);
  }

  /** The 16 ATTRIBUTES bytes (flags u64 then XFRM u64). */
  public byte[] attributes() {
    return body.bytes(48, 16);
  }

  /** MISCSELECT. */
  public long miscSelect() {
    return body.u32(16);
  }

  /** CPUSVN (16 bytes). */
  public byte[] cpuSvn() {
    return body.bytes(0, 16);
  }

  @Override
  public boolean debug() {
    return (body.u64(48) & FLAG_DEBUG) != 0;
  }

  @Override
  public byte[] reportData() {
    return body.bytes(320, 64);
  }

  @Override
  public Map<String, String> fields() {
    return ReportFields.ordered(
        "quote version", Integer.toString(quoteVersion),
        "MRENCLAVE", measurementHex(),
        "MRSIGNER", mrSignerHex(),
        "ISVPRODID", Integer.toString(isvProdId()),
        "ISVSVN", Integer.toString(isvSvn()),
        "ATTRIBUTES", body.hex(48, 16),
        "DEBUG", Boolean.toString(debug()),
        "MISCSELECT", String.format("%08x", miscSelect()),
        "CPUSVN", body.hex(0, 16),
        "REPORTDATA", body.hex(320, 64));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SgxIdentity && ((SgxIdentity) o).quoteVersion == quoteVersion
        && ((SgxIdentity) o).body.equals(body);
  }

  @Override
  public int hashCode() {
    return Objects.hash(quoteVersion, body);
  }

  @Override
  public String toString() {
    return "SgxIdentity" + fields();
  }
}
