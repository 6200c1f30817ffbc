package io.sereca.attestation.internal;

import io.sereca.attestation.MalformedEvidenceException;
import io.sereca.attestation.SgxIdentity;
import io.sereca.attestation.TdxIdentity;
import io.sereca.attestation.TeeIdentity;
import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * An Intel DCAP quote (SGX v3, SGX or TDX v4, TDX v5) split into its parts by the lengths it
 * declares. Bytes after the signature data are ignored: quotes are often padded.
 *
 * <pre>
 * header (48): version u16 @0, att_key_type u16 @2 (2 = ECDSA P-256), tee_type u32 @4
 *              (0 = SGX, 0x81 = TDX), qe_svn u16 @8, pce_svn u16 @10, qe_vendor_id 16 @12
 * v3, v4:      report body at 48 (SGX 384, TDX 584 bytes)
 * v5:          body type u16 @48 (1 SGX, 2 TD 1.0, 3 TD 1.5), body size u32 @50, body at 54
 * then:        signature data length u32, signature data:
 *              quote signature 64 (r||s) | attestation key 64 (x||y) | QE certification part
 * QE part v3:  QE report 384 | QE report signature 64 | auth data (u16 size + data)
 *              | certification data (u16 type 5, u32 size, PEM chain leaf..root)
 * QE part v4+: certification data type 6 (u16 type, u32 size) wrapping the v3 QE part
 * </pre>
 */
final class IntelQuote {

  static final int HEADER_LENGTH = 48;
  static final int ATT_KEY_TYPE_ECDSA_P256 = 2;
  static final int TEE_TYPE_SGX = 0;
  static final int TEE_TYPE_TDX = 0x81;
  static final int CERT_TYPE_PCK_CHAIN = 5;
  static final int CERT_TYPE_QE_REPORT = 6;
  /** Nothing larger is a quote; checked before any parsing. */
  static final int MAX_LENGTH = 64 * 1024;

  final byte[] quote;
  final int version;
  final int teeType;
  final TeeIdentity identity;
  final byte[] signedRegion;
  final byte[] signature;
  final byte[] attestationKey;
  final byte[] qeReport;
  final byte[] qeReportSignature;
  final byte[] qeAuthData;
  final List<X509Certificate> pckChain;
  /** Offsets in the quote, kept for tests and messages: [attestation key, QE report, PCK PEM]. */
  final int attestationKeyOffset;
  final int qeReportOffset;
  final int pckChainOffset;
  final int pckChainLength;
  final int end;

  private IntelQuote(Builder b) {
    this.quote = b.quote;
    this.version = b.version;
    this.teeType = b.teeType;
    this.identity = b.identity;
    this.signedRegion = b.signedRegion;
    this.signature = b.signature;
    this.attestationKey = b.attestationKey;
    this.qeReport = b.qeReport;
    this.qeReportSignature = b.qeReportSignature;
    this.qeAuthData = b.qeAuthData;
    this.pckChain = b.pckChain;
    this.attestationKeyOffset = b.attestationKeyOffset;
    this.qeReportOffset = b.qeReportOffset;
    this.pckChainOffset = b.pckChainOffset;
    this.pckChainLength = b.pckChainLength;
    this.end = b.end;
  }

  /** Whether {@code data} starts like an Intel quote header this code reads. */
  static boolean looksLikeQuote(byte[] data) {
    if (data.length < 8) {
      return false;
    }
    int version = (data[0] & 0xFF) | (data[1] & 0xFF) << 8;
    int keyType = (data[2] & 0xFF) | (data[3] & 0xFF) << 8;
    return version >= 3 && version <= 5 && keyType == ATT_KEY_TYPE_ECDSA_P256;
  }

  /** The QE vendor id in the header (16 bytes). */
  byte[] qeVendorId() {
    return Arrays.copyOfRange(quote, 12, 28);
  }

  /** The QE SVN and PCE SVN claimed by the header. */
  int headerPceSvn() {
    return (quote[10] & 0xFF) | (quote[11] & 0xFF) << 8;
  }

  static IntelQuote parse(byte[] quote) throws MalformedEvidenceException {
    if (quote.length > MAX_LENGTH) {
      throw new MalformedEvidenceException("Intel quote too large: " + quote.length
          + " bytes (at most " + MAX_LENGTH + ")");
    }
    LittleEndianReader r = new LittleEndianReader(quote, "Intel quote");
    Builder b = new Builder();
    b.quote = quote;
    b.version = r.u16("version", 0);
    if (b.version < 3 || b.version > 5) {
      throw r.invalid("version", 0, "unsupported quote version " + b.version + " (3, 4 or 5)");
    }
    int keyType = r.u16("att_key_type", 2);
    if (keyType != ATT_KEY_TYPE_ECDSA_P256) {
      throw r.invalid("att_key_type", 2, "unsupported attestation key type " + keyType
          + " (2 = ECDSA P-256)");
    }
    long teeType = r.u32("tee_type", 4);
    if (teeType != TEE_TYPE_SGX && teeType != TEE_TYPE_TDX) {
      throw r.invalid("tee_type", 4, "unknown TEE type 0x" + Long.toHexString(teeType));
    }
    b.teeType = (int) teeType;
    if (b.version == 3 && b.teeType != TEE_TYPE_SGX) {
      throw r.invalid("tee_type", 4, "quote v3 is SGX only");
    }
    r.bytes("header", 0, HEADER_LENGTH);
    int bodyOffset = HEADER_LENGTH;
    int bodyLength;
    if (b.version == 5) {
      int bodyType = r.u16("body type", 48);
      long bodySize = r.u32("body size", 50);
      bodyLength = expectedBodyLength(r, bodyType, b.teeType);
      if (bodySize != bodyLength) {
        throw r.invalid("body size", 50, "body type " + bodyType + " is " + bodyLength
            + " bytes, declared " + bodySize);
      }
      bodyOffset = 54;
    } else {
      bodyLength = b.teeType == TEE_TYPE_SGX ? SgxIdentity.REPORT_BODY_LENGTH : TdxIdentity.TD10_BODY_LENGTH;
    }
    byte[] body = r.bytes("report body", bodyOffset, bodyLength);
    b.identity = b.teeType == TEE_TYPE_SGX
        ? SgxIdentity.fromReportBody(b.version, body)
        : TdxIdentity.fromReportBody(b.version, body);
    int signedEnd = bodyOffset + bodyLength;
    b.signedRegion = Arrays.copyOf(quote, signedEnd);
    long declaredSigLength = r.u32("signature data length", signedEnd);
    int sigStart = signedEnd + 4;
    int sigLength = r.declaredLength("signature data length", signedEnd, declaredSigLength, sigStart);
    b.end = sigStart + sigLength;
    // Everything below reads within the declared signature data only.
    LittleEndianReader s = new LittleEndianReader(Arrays.copyOfRange(quote, sigStart, b.end),
        sigStart, "Intel quote");
    b.signature = s.bytes("quote signature", 0, 64);
    b.attestationKeyOffset = sigStart + 64;
    b.attestationKey = s.bytes("attestation key", 64, 64);
    int qePart = 128;
    int qeEnd = s.length();
    if (b.version >= 4) {
      int type = s.u16("certification data type", qePart);
      if (type != CERT_TYPE_QE_REPORT) {
        throw s.invalid("certification data type", qePart, "expected 6 (QE report), found " + type);
      }
      long size = s.u32("certification data size", qePart + 2);
      int size6 = s.declaredLength("certification data size", qePart + 2, size, qePart + 6);
      qePart += 6;
      qeEnd = qePart + size6;
    }
    parseQePart(s, qePart, qeEnd, b);
    return new IntelQuote(b);
  }

  private static int expectedBodyLength(LittleEndianReader r, int bodyType, int teeType)
      throws MalformedEvidenceException {
    switch (bodyType) {
      case 1:
        if (teeType == TEE_TYPE_SGX) {
          return SgxIdentity.REPORT_BODY_LENGTH;
        }
        break;
      case 2:
        if (teeType == TEE_TYPE_TDX) {
          return TdxIdentity.TD10_BODY_LENGTH;
        }
        break;
      case 3:
        if (teeType == TEE_TYPE_TDX) {
          return TdxIdentity.TD15_BODY_LENGTH;
        }
        break;
      default:
        throw r.invalid("body type", 48, "unknown body type " + bodyType + " (1, 2 or 3)");
    }
    throw r.invalid("body type", 48, "body type " + bodyType + " does not match tee_type 0x"
        + Integer.toHexString(teeType));
  }

  /** Reads QE report, its signature, auth data and the PCK chain within [from, to). */
  private static void parseQePart(LittleEndianReader s, int from, int to, Builder b)
      throws MalformedEvidenceException {
    int limit = to;
    b.qeReportOffset = s.absolute(from);
    b.qeReport = within(s, "QE report", from, SgxIdentity.REPORT_BODY_LENGTH, limit);
    b.qeReportSignature = within(s, "QE report signature", from + 384, 64, limit);
    int authOffset = from + 448;
    int authLength = s.u16("QE auth data size", authOffset);
    b.qeAuthData = within(s, "QE auth data", authOffset + 2, authLength, limit);
    int certOffset = authOffset + 2 + authLength;
    int certType = s.u16("certification data type", certOffset);
    if (certType != CERT_TYPE_PCK_CHAIN) {
      throw s.invalid("certification data type", certOffset,
          "expected 5 (PCK certificate chain), found " + certType);
    }
    long certSize = s.u32("certification data size", certOffset + 2);
    if (certSize > limit - (certOffset + 6L)) {
      throw s.invalid("certification data size", certOffset + 2, "declares " + certSize
          + " bytes but only " + Math.max(0, limit - (certOffset + 6)) + " follow");
    }
    byte[] pem = within(s, "PCK certificate chain", certOffset + 6, (int) certSize, limit);
    b.pckChainOffset = s.absolute(certOffset + 6);
    b.pckChainLength = pem.length;
    b.pckChain = certificates(pem, s, certOffset + 6);
  }

  private static byte[] within(LittleEndianReader s, String field, int offset, int length, int limit)
      throws MalformedEvidenceException {
    if (offset + (long) length > limit) {
      throw s.invalid(field, offset, "needs " + length + " bytes, only " + Math.max(0, limit - offset)
          + " left in the enclosing certification data");
    }
    return s.bytes(field, offset, length);
  }

  private static List<X509Certificate> certificates(byte[] pem, LittleEndianReader s, int offset)
      throws MalformedEvidenceException {
    // PCS chains often end with a NUL byte; the JDK parser stops at it.
    int length = pem.length;
    while (length > 0 && pem[length - 1] == 0) {
      length--;
    }
    try {
      Collection<? extends java.security.cert.Certificate> parsed = CertificateFactory.getInstance("X.509")
          .generateCertificates(new ByteArrayInputStream(pem, 0, length));
      List<X509Certificate> chain = new ArrayList<>();
      for (java.security.cert.Certificate c : parsed) {
        chain.add((X509Certificate) c);
      }
      if (chain.isEmpty() || chain.size() > 5) {
        throw s.invalid("PCK certificate chain", offset, "holds " + chain.size()
            + " certificates (1..5 expected)");
      }
      return List.copyOf(chain);
    } catch (CertificateException | RuntimeException e) {
      throw s.invalid("PCK certificate chain", offset, "not a PEM certificate chain: " + e.getMessage());
    }
  }

  private static final class Builder {
    byte[] quote;
    int version;
    int teeType;
    TeeIdentity identity;
    byte[] signedRegion;
    byte[] signature;
    byte[] attestationKey;
    byte[] qeReport;
    byte[] qeReportSignature;
    byte[] qeAuthData;
    List<X509Certificate> pckChain;
    int attestationKeyOffset;
    int qeReportOffset;
    int pckChainOffset;
    int pckChainLength;
    int end;
  }
}
