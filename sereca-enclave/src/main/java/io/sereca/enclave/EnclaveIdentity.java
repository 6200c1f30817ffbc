package io.sereca.enclave;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * Who an enclave is, as the platform measured it: the equivalent of SGX's MRENCLAVE, MRSIGNER,
 * ISVPRODID and ISVSVN plus the DEBUG attribute.
 *
 * <p>Immutable; byte arrays are copied in and out.
 */
public final class EnclaveIdentity {

  /** Length in bytes of a measurement and of a signer id (SHA-256). */
  public static final int DIGEST_LENGTH = 32;

  private final byte[] measurement;
  private final byte[] signer;
  private final int productId;
  private final int svn;
  private final boolean debug;

  private EnclaveIdentity(byte[] measurement, byte[] signer, int productId, int svn, boolean debug) {
    this.measurement = measurement;
    this.signer = signer;
    this.productId = productId;
    this.svn = svn;
    this.debug = debug;
  }

  /**
   * Creates an identity, validating every field.
   *
   * @param measurement 32-byte SHA-256 measurement of the bundle, its config and the trusted runtime
   * @param signer 32-byte SHA-256 of the bundle signer's public key
   * @param productId product id, 0..65535
   * @param svn security version number, 0..65535
   * @param debug whether the enclave was launched in debug mode
   * @throws IllegalArgumentException naming the invalid field
   */
  public static EnclaveIdentity create(
      byte[] measurement, byte[] signer, int productId, int svn, boolean debug) {
    if (measurement == null || measurement.length != DIGEST_LENGTH) {
      throw new IllegalArgumentException("measurement must be " + DIGEST_LENGTH + " bytes");
    }
    if (signer == null || signer.length != DIGEST_LENGTH) {
      throw new IllegalArgumentException("signer must be " + DIGEST_LENGTH + " bytes");
    }
    if (productId < 0 || productId > 0xFFFF) {
      throw new IllegalArgumentException("productId must be in 0..65535, was " + productId);
    }
    if (svn < 0 || svn > 0xFFFF) {
      throw new IllegalArgumentException("svn must be in 0..65535, was " + svn);
    }
    return new EnclaveIdentity(measurement.clone(), signer.clone(), productId, svn, debug);
  }

  /** The 32-byte measurement (copy). */
  public byte[] measurement() {
    return measurement.clone();
  }

  /** The measurement in lower-case hex. */
  public String measurementHex() {
    return HexFormat.of().formatHex(measurement);
  }

  /** The 32-byte signer id (copy). */
  public byte[] signer() {
    return signer.clone();
  }

  /** The signer id in lower-case hex. */
  public String signerHex() {
    return HexFormat.of().formatHex(signer);
  }

  /** The product id. */
  public int productId() {
    return productId;
  }

  /** The security version number. */
  public int svn() {
    return svn;
  }

  /** Whether the enclave runs in debug mode (its memory is then open to the host). */
  public boolean debug() {
    return debug;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof EnclaveIdentity)) {
      return false;
    }
    EnclaveIdentity other = (EnclaveIdentity) o;
    return productId == other.productId
        && svn == other.svn
        && debug == other.debug
        && Arrays.equals(measurement, other.measurement)
        && Arrays.equals(signer, other.signer);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(measurement) * 31 + Arrays.hashCode(signer) + productId * 7 + svn;
  }

  @Override
  public String toString() {
    return "EnclaveIdentity{measurement=" + measurementHex() + ", signer=" + signerHex()
        + ", productId=" + productId + ", svn=" + svn + ", debug=" + debug + "}";
  }
}
