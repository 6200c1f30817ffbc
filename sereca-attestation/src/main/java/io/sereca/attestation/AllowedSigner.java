package io.sereca.attestation;

import io.sereca.attestation.internal.HexStrings;
import io.sereca.enclave.EnclaveIdentity;
import java.util.Objects;

/**
 * A policy rule admitting every enclave from one signer and product at or above a minimum
 * security version, the way SGX policies use MRSIGNER, ISVPRODID and ISVSVN. It lets a vendor
 * ship updates without every verifier learning each new measurement, while {@code minSvn} keeps
 * known-vulnerable old versions out.
 *
 * <p>Immutable.
 */
public final class AllowedSigner {

  private final String signer;
  private final int productId;
  private final int minSvn;

  private AllowedSigner(String signer, int productId, int minSvn) {
    this.signer = signer;
    this.productId = productId;
    this.minSvn = minSvn;
  }

  /**
   * Creates a rule.
   *
   * @param signerHex the signer id: 64 hex characters (SHA-256 of the signer's public key)
   * @param productId the product id, 0..65535
   * @param minSvn the lowest security version number admitted, 0..65535
   * @throws IllegalArgumentException naming the invalid argument
   */
  public static AllowedSigner create(String signerHex, int productId, int minSvn) {
    String signer = HexStrings.digest("signer", signerHex);
    if (productId < 0 || productId > 0xFFFF) {
      throw new IllegalArgumentException("productId must be in 0..65535, was " + productId);
    }
    if (minSvn < 0 || minSvn > 0xFFFF) {
      throw new IllegalArgumentException("minSvn must be in 0..65535, was " + minSvn);
    }
    return new AllowedSigner(signer, productId, minSvn);
  }

  /** The signer id in lower-case hex. */
  public String signer() {
    return signer;
  }

  /** The product id. */
  public int productId() {
    return productId;
  }

  /** The lowest security version number admitted. */
  public int minSvn() {
    return minSvn;
  }

  /** Whether {@code identity} has this signer and product id and an svn of at least {@link #minSvn()}. */
  public boolean matches(EnclaveIdentity identity) {
    return signer.equals(identity.signerHex())
        && productId == identity.productId()
        && identity.svn() >= minSvn;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof AllowedSigner)) {
      return false;
    }
    AllowedSigner other = (AllowedSigner) o;
    return signer.equals(other.signer) && productId == other.productId && minSvn == other.minSvn;
  }

  @Override
  public int hashCode() {
    return Objects.hash(signer, productId, minSvn);
  }

  @Override
  public String toString() {
    return "AllowedSigner{signer=" + signer + ", productId=" + productId + ", minSvn=" + minSvn + "}";
  }
}
