package io.sereca.attestation;

import io.sereca.attestation.internal.SimulatedEvidenceFormat;

/**
 * The binary format of simulated evidence, issued by a {@link SimulationAuthority} when there is
 * no TEE hardware. It offers <b>no protection against the host</b>: it proves only that the
 * installation's simulation platform key signed it.
 *
 * <p>Layout (all integers big-endian, offsets in bytes):
 *
 * <pre>
 * offset size  field
 *      0    8  magic        "SRCAEVD1" (ASCII)
 *      8    2  version      u16, = 1
 *     10    1  teeType      u8, = 0 (simulated)
 *     11   32  measurement  SHA-256 measurement of the enclave
 *     43   32  signer       SHA-256 of the bundle signer's public key
 *     75    2  productId    u16
 *     77    2  svn          u16
 *     79    1  flags        u8; bit 0 = debug, other bits must be 0
 *     80   64  reportData   bound by the enclave, e.g. SHA-256(publicKey || nonce) || 32 zeros
 *    144    8  issuedAt     i64, milliseconds since the epoch
 *    152    2  certCount    u16, 1..4; then certCount times:
 *               2  certLength   u16, 1..4096
 *               n  cert         DER X.509, leaf (platform attestation key) first
 *          2  sigLength    u16, 8..72
 *          n  signature    DER ECDSA P-256 with SHA-256 by the leaf key over all preceding bytes
 * </pre>
 *
 * <p>Nothing may follow the signature. Parsing follows the declared lengths, checks every bound
 * before reading and fails with a {@link MalformedEvidenceException} naming the field.
 */
public final class SimulatedEvidence {

  /** The 8 magic bytes that start simulated evidence. */
  public static final String MAGIC = "SRCAEVD1";
  /** The format version this code reads and writes. */
  public static final int VERSION = 1;
  /** The most certificates the platform chain may hold. */
  public static final int MAX_CERTIFICATES = 4;
  /** The longest DER certificate accepted. */
  public static final int MAX_CERTIFICATE_LENGTH = 4096;
  /** The shortest DER ECDSA signature accepted. */
  public static final int MIN_SIGNATURE_LENGTH = 8;
  /** The longest DER ECDSA P-256 signature (two 33-byte integers plus DER headers). */
  public static final int MAX_SIGNATURE_LENGTH = 72;

  private SimulatedEvidence() {}

  /**
   * Parses simulated evidence without checking its signature or chain; use an
   * {@link EvidenceVerifier} to decide whether to trust it.
   *
   * @throws MalformedEvidenceException naming the field that is wrong, for any malformed input
   */
  public static Evidence parse(byte[] evidence) throws MalformedEvidenceException {
    return new SimulatedEvidenceFormat().parse(evidence).evidence();
  }
}
