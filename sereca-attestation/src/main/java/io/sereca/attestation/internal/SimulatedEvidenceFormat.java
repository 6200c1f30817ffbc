package io.sereca.attestation.internal;

import static io.sereca.attestation.SimulatedEvidence.MAX_CERTIFICATES;
import static io.sereca.attestation.SimulatedEvidence.MAX_CERTIFICATE_LENGTH;
import static io.sereca.attestation.SimulatedEvidence.MAX_SIGNATURE_LENGTH;
import static io.sereca.attestation.SimulatedEvidence.MIN_SIGNATURE_LENGTH;

import io.sereca.attestation.Evidence;
import io.sereca.attestation.MalformedEvidenceException;
import io.sereca.attestation.SimulatedEvidence;
import io.sereca.attestation.TeeType;
import io.sereca.enclave.EnclaveIdentity;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * Reads and writes the simulated evidence format documented on {@link SimulatedEvidence}.
 *
 * <p>The parser is the first thing that touches bytes from an untrusted host, so it checks every
 * declared length against its bound before reading and turns every failure, including surprises
 * from the JDK certificate parser, into a {@link MalformedEvidenceException}.
 */
public final class SimulatedEvidenceFormat implements EvidenceFormat {

  /** The signature algorithm of the platform attestation key. */
  public static final String SIGNATURE_ALGORITHM = "SHA256withECDSA";

  private static final byte[] MAGIC = SimulatedEvidence.MAGIC.getBytes(StandardCharsets.US_ASCII);
  private static final int TEE_TYPE_SIMULATED = 0;
  private static final int FLAG_DEBUG = 0x01;
  private static final int FIXED_HEADER_LENGTH = 8 + 2 + 1 + 32 + 32 + 2 + 2 + 1 + 64 + 8 + 2;
  /** No valid blob is longer than this; checked first so that nothing large is ever processed. */
  private static final int MAX_LENGTH = FIXED_HEADER_LENGTH
      + MAX_CERTIFICATES * (2 + MAX_CERTIFICATE_LENGTH) + 2 + MAX_SIGNATURE_LENGTH;

  @Override
  public String name() {
    return SimulatedEvidence.MAGIC + " (simulated)";
  }

  /** The prefix that identifies this format (copy). */
  public byte[] magic() {
    return MAGIC.clone();
  }

  @Override
  public boolean recognises(byte[] evidence) {
    return EvidenceFormats.startsWith(evidence, MAGIC);
  }

  /**
   * Encodes and signs simulated evidence.
   *
   * @param chain the platform chain, leaf first; the leaf must hold the public half of
   *     {@code platformKey}
   */
  public static byte[] encode(
      EnclaveIdentity identity,
      byte[] reportData,
      Instant issuedAt,
      List<X509Certificate> chain,
      PrivateKey platformKey) throws GeneralSecurityException {
    if (reportData == null || reportData.length != Evidence.REPORT_DATA_LENGTH) {
      throw new IllegalArgumentException("reportData must be " + Evidence.REPORT_DATA_LENGTH + " bytes");
    }
    if (chain.isEmpty() || chain.size() > MAX_CERTIFICATES) {
      throw new IllegalArgumentException("chain must hold 1.." + MAX_CERTIFICATES + " certificates");
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(1024);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.write(MAGIC);
      out.writeShort(SimulatedEvidence.VERSION);
      out.writeByte(TEE_TYPE_SIMULATED);
      out.write(identity.measurement());
      out.write(identity.signer());
      out.writeShort(identity.productId());
      out.writeShort(identity.svn());
      out.writeByte(identity.debug() ? FLAG_DEBUG : 0);
      out.write(reportData);
      out.writeLong(issuedAt.toEpochMilli());
      out.writeShort(chain.size());
      for (X509Certificate cert : chain) {
        byte[] der = cert.getEncoded();
        if (der.length > MAX_CERTIFICATE_LENGTH) {
          throw new IllegalArgumentException("certificate longer than " + MAX_CERTIFICATE_LENGTH + " bytes");
        }
        out.writeShort(der.length);
        out.write(der);
      }
      Signature signer = Signature.getInstance(SIGNATURE_ALGORITHM);
      signer.initSign(platformKey);
      signer.update(bytes.toByteArray());
      byte[] signature = signer.sign();
      out.writeShort(signature.length);
      out.write(signature);
    } catch (IOException e) {
      throw new UncheckedIOException("writing to memory cannot fail", e);
    }
    return bytes.toByteArray();
  }

  @Override
  public ParsedEvidence parse(byte[] evidence) throws MalformedEvidenceException {
    if (evidence == null || evidence.length == 0) {
      throw new MalformedEvidenceException("evidence is empty");
    }
    if (evidence.length > MAX_LENGTH) {
      throw new MalformedEvidenceException("evidence too large: " + evidence.length
          + " bytes, simulated evidence is at most " + MAX_LENGTH);
    }
    EvidenceReader in = new EvidenceReader(evidence);
    byte[] magic = in.bytes("magic", MAGIC.length);
    if (!Arrays.equals(magic, MAGIC)) {
      throw new MalformedEvidenceException("unknown magic 0x" + HexFormat.of().formatHex(magic)
          + ", expected \"" + SimulatedEvidence.MAGIC + "\"");
    }
    int version = in.u16("version");
    if (version != SimulatedEvidence.VERSION) {
      throw new MalformedEvidenceException("unsupported version " + version + " (expected "
          + SimulatedEvidence.VERSION + ")");
    }
    int teeType = in.u8("teeType");
    if (teeType != TEE_TYPE_SIMULATED) {
      throw new MalformedEvidenceException("teeType " + teeType
          + " not valid in simulated evidence (expected " + TEE_TYPE_SIMULATED + ")");
    }
    byte[] measurement = in.bytes("measurement", EnclaveIdentity.DIGEST_LENGTH);
    byte[] signer = in.bytes("signer", EnclaveIdentity.DIGEST_LENGTH);
    int productId = in.u16("productId");
    int svn = in.u16("svn");
    int flags = in.u8("flags");
    if ((flags & ~FLAG_DEBUG) != 0) {
      // Unknown flags might mean something security-relevant to a newer issuer: refuse, don't guess.
      throw new MalformedEvidenceException(String.format(
          "unknown flags 0x%02x in field 'flags' (only bit 0, debug, is defined)", flags));
    }
    byte[] reportData = in.bytes("reportData", Evidence.REPORT_DATA_LENGTH);
    Instant issuedAt = Instant.ofEpochMilli(in.i64("issuedAt"));
    List<X509Certificate> chain = readChain(in);
    int signedLength = in.offset();
    int signatureLength = in.u16("signature.length");
    if (signatureLength < MIN_SIGNATURE_LENGTH || signatureLength > MAX_SIGNATURE_LENGTH) {
      throw new MalformedEvidenceException("signature length " + signatureLength
          + " out of range " + MIN_SIGNATURE_LENGTH + ".." + MAX_SIGNATURE_LENGTH);
    }
    byte[] signature = in.bytes("signature", signatureLength);
    if (in.remaining() != 0) {
      throw new MalformedEvidenceException("trailing bytes: " + in.remaining()
          + " after the signature at offset " + in.offset());
    }
    EnclaveIdentity identity =
        EnclaveIdentity.create(measurement, signer, productId, svn, (flags & FLAG_DEBUG) != 0);
    Evidence parsed = Evidence.create(TeeType.SIMULATED, identity, reportData, issuedAt, chain);
    return new ParsedSimulatedEvidence(parsed, Arrays.copyOf(evidence, signedLength), signature);
  }

  private static List<X509Certificate> readChain(EvidenceReader in) throws MalformedEvidenceException {
    int count = in.u16("certCount");
    if (count < 1 || count > MAX_CERTIFICATES) {
      throw new MalformedEvidenceException(
          "certificate count " + count + " out of range 1.." + MAX_CERTIFICATES);
    }
    List<X509Certificate> chain = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      String field = "platformChain[" + i + "]";
      int length = in.u16(field + ".length");
      if (length < 1 || length > MAX_CERTIFICATE_LENGTH) {
        throw new MalformedEvidenceException("certificate " + i + " length " + length
            + " out of range 1.." + MAX_CERTIFICATE_LENGTH);
      }
      chain.add(decodeCertificate(field, in.bytes(field, length)));
    }
    return chain;
  }

  private static X509Certificate decodeCertificate(String field, byte[] der)
      throws MalformedEvidenceException {
    X509Certificate cert;
    try {
      cert = (X509Certificate) CertificateFactory.getInstance("X.509")
          .generateCertificate(new ByteArrayInputStream(der));
    } catch (GeneralSecurityException | RuntimeException e) {
      // The JDK parser is not guaranteed to throw only CertificateException on hostile input.
      throw new MalformedEvidenceException(
          "field '" + field + "' is not a DER X.509 certificate: " + e.getMessage(), e);
    }
    byte[] canonical;
    try {
      canonical = cert.getEncoded();
    } catch (GeneralSecurityException e) {
      throw new MalformedEvidenceException("field '" + field + "' cannot be re-encoded", e);
    }
    // The JDK also accepts PEM and ignores trailing bytes; only exact DER is allowed here, so
    // that what was signed is exactly what is reported.
    if (!Arrays.equals(canonical, der)) {
      throw new MalformedEvidenceException("field '" + field + "' is not exactly one DER certificate");
    }
    return cert;
  }
}
