package io.sereca.attestation;

import io.sereca.enclave.EnclaveIdentity;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * Parsed attestation evidence, independent of the TEE that produced it: who the enclave is, the
 * 64 bytes of report data it bound into the evidence, when the evidence was issued and the
 * platform certificate chain that vouches for it.
 *
 * <p>Parsing does not make evidence trustworthy: only an accepted {@link Verdict} from an
 * {@link EvidenceVerifier} says the signatures and the policy were checked.
 *
 * <p>Immutable; byte arrays are copied in and out.
 */
public final class Evidence {

  /** Length in bytes of the report data (the size of SGX REPORTDATA). */
  public static final int REPORT_DATA_LENGTH = 64;

  private final TeeType teeType;
  private final EnclaveIdentity identity;
  private final byte[] reportData;
  private final Instant issuedAt;
  private final List<X509Certificate> platformChain;
  private final TeeIdentity teeIdentity;

  private Evidence(
      TeeType teeType,
      EnclaveIdentity identity,
      byte[] reportData,
      Instant issuedAt,
      List<X509Certificate> platformChain,
      TeeIdentity teeIdentity) {
    this.teeType = teeType;
    this.identity = identity;
    this.reportData = reportData;
    this.issuedAt = issuedAt;
    this.platformChain = platformChain;
    this.teeIdentity = teeIdentity;
  }

  /**
   * Creates evidence from parsed fields; used by evidence format parsers.
   *
   * @param teeType the TEE that produced the evidence
   * @param identity the enclave identity it reports
   * @param reportData exactly {@value #REPORT_DATA_LENGTH} bytes
   * @param issuedAt when the evidence was produced
   * @param platformChain the platform certificate chain, leaf first (may be empty)
   * @throws IllegalArgumentException naming the invalid field
   */
  public static Evidence create(
      TeeType teeType,
      EnclaveIdentity identity,
      byte[] reportData,
      Instant issuedAt,
      List<X509Certificate> platformChain) {
    Objects.requireNonNull(teeType, "teeType");
    Objects.requireNonNull(identity, "identity");
    Objects.requireNonNull(issuedAt, "issuedAt");
    if (reportData == null || reportData.length != REPORT_DATA_LENGTH) {
      throw new IllegalArgumentException("reportData must be " + REPORT_DATA_LENGTH + " bytes");
    }
    return new Evidence(teeType, identity, reportData.clone(), issuedAt, List.copyOf(platformChain), null);
  }

  /**
   * Creates evidence from a quote or report parsed from TEE hardware. Hardware evidence carries no
   * time (freshness comes from a nonce bound in the report data), so {@link #issuedAt()} is null.
   *
   * <p>Its {@link #identity()} is the SGX identity itself (MRENCLAVE, MRSIGNER, ISVPRODID,
   * ISVSVN, DEBUG). TDX and SEV-SNP measure with 48-byte digests, which do not fit that form: for
   * them {@link #identity()} holds SHA-256 of MRTD or MEASUREMENT, a zero signer and product id
   * and svn 0, only as a 32-byte key; policies match their {@link #teeIdentity()} instead.
   *
   * @param teeIdentity the parsed identity
   * @param platformChain the platform certificate chain carried in the evidence, leaf first
   */
  public static Evidence create(TeeIdentity teeIdentity, List<X509Certificate> platformChain) {
    Objects.requireNonNull(teeIdentity, "teeIdentity");
    EnclaveIdentity identity;
    if (teeIdentity instanceof SgxIdentity) {
      SgxIdentity sgx = (SgxIdentity) teeIdentity;
      identity = EnclaveIdentity.create(sgx.measurement(), sgx.mrSigner(), sgx.isvProdId(),
          sgx.isvSvn(), sgx.debug());
    } else {
      identity = EnclaveIdentity.create(sha256(teeIdentity.measurement()),
          new byte[EnclaveIdentity.DIGEST_LENGTH], 0, 0, teeIdentity.debug());
    }
    return new Evidence(teeIdentity.teeType(), identity, teeIdentity.reportData(), null,
        List.copyOf(platformChain), teeIdentity);
  }

  private static byte[] sha256(byte[] data) {
    try {
      return java.security.MessageDigest.getInstance("SHA-256").digest(data);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JDK", e);
    }
  }

  /** The identity as the TEE hardware reported it; empty for simulated evidence. */
  public java.util.Optional<TeeIdentity> teeIdentity() {
    return java.util.Optional.ofNullable(teeIdentity);
  }

  /** The TEE that produced this evidence. */
  public TeeType teeType() {
    return teeType;
  }

  /** The enclave identity this evidence reports. */
  public EnclaveIdentity identity() {
    return identity;
  }

  /** The 64 bytes of report data the enclave bound into the evidence (copy). */
  public byte[] reportData() {
    return reportData.clone();
  }

  /** Whether this evidence is simulated, i.e. offers no hardware protection at all. */
  public boolean simulated() {
    return teeType == TeeType.SIMULATED;
  }

  /**
   * When the evidence was produced, as claimed by the platform that signed it; null for hardware
   * evidence, which carries no time.
   */
  public Instant issuedAt() {
    return issuedAt;
  }

  /** The platform certificate chain carried in the evidence, leaf first (unmodifiable). */
  public List<X509Certificate> platformChain() {
    return platformChain;
  }

  /**
   * A multi-line human-readable description. Simulated evidence is labelled
   * "SIMULATED — no hardware protection" so nobody mistakes it for the real thing.
   */
  public String describe() {
    HexFormat hex = HexFormat.of();
    StringBuilder sb = new StringBuilder();
    sb.append("Evidence: ").append(teeType.label()).append('\n');
    if (teeIdentity != null) {
      for (java.util.Map.Entry<String, String> field : teeIdentity.fields().entrySet()) {
        sb.append("  ").append(String.format("%-19s", field.getKey() + ":")).append(field.getValue()).append('\n');
      }
      sb.append("  issued at:         not stated by the hardware (bind a nonce in the report data)");
      appendPlatform(sb);
      return sb.toString();
    }
    sb.append("  measurement: ").append(identity.measurementHex()).append('\n');
    sb.append("  signer:      ").append(identity.signerHex()).append('\n');
    sb.append("  product id:  ").append(identity.productId()).append('\n');
    sb.append("  svn:         ").append(identity.svn()).append('\n');
    sb.append("  debug:       ").append(identity.debug() ? "yes (enclave memory open to the host)" : "no")
        .append('\n');
    sb.append("  report data: ").append(hex.formatHex(reportData)).append('\n');
    sb.append("  issued at:   ").append(issuedAt);
    appendPlatform(sb);
    return sb.toString();
  }

  private void appendPlatform(StringBuilder sb) {
    if (!platformChain.isEmpty()) {
      X509Certificate leaf = platformChain.get(0);
      sb.append('\n').append(teeIdentity == null ? "  platform:    " : "  platform:          ")
          .append(leaf.getSubjectX500Principal().getName())
          .append(" (issued by ").append(leaf.getIssuerX500Principal().getName()).append(')');
    }
  }

  /** Same as {@link #describe()}. */
  @Override
  public String toString() {
    return describe();
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Evidence)) {
      return false;
    }
    Evidence other = (Evidence) o;
    return teeType == other.teeType
        && identity.equals(other.identity)
        && Arrays.equals(reportData, other.reportData)
        && Objects.equals(issuedAt, other.issuedAt)
        && platformChain.equals(other.platformChain)
        && Objects.equals(teeIdentity, other.teeIdentity);
  }

  @Override
  public int hashCode() {
    return Objects.hash(teeType, identity, Arrays.hashCode(reportData), issuedAt, platformChain, teeIdentity);
  }
}
