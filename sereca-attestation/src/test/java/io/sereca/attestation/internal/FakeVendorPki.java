package io.sereca.attestation.internal;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A vendor PKI that is not Intel's or AMD's, built with Bouncy Castle: to show that evidence
 * under another root is refused, and to make evidence whose only defect is the one a test wants.
 */
final class FakeVendorPki {

  static final Instant NOW = Instant.parse("2025-07-01T00:00:00Z");

  private FakeVendorPki() {}

  static KeyPair ec(String curve) throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec(curve));
    return generator.generateKeyPair();
  }

  /** A certificate for {@code subjectKey} named {@code subject}, signed by {@code issuerKey}. */
  static X509Certificate certificate(String subject, PublicKey subjectKey, String issuer, PrivateKey issuerKey,
      boolean ca, Map<String, ASN1Encodable> extensions) throws Exception {
    X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(new X500Name(issuer),
        BigInteger.valueOf(System.nanoTime()), Date.from(NOW.minus(30, ChronoUnit.DAYS)),
        Date.from(NOW.plus(3650, ChronoUnit.DAYS)), new X500Name(subject), subjectKey);
    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
    for (Map.Entry<String, ASN1Encodable> e : extensions.entrySet()) {
      builder.addExtension(new ASN1ObjectIdentifier(e.getKey()), false, e.getValue());
    }
    String algorithm = issuerKey.getAlgorithm().equals("EC")
        && ((java.security.interfaces.ECPrivateKey) issuerKey).getParams().getCurve().getField().getFieldSize() == 384
        ? "SHA384withECDSA" : "SHA256withECDSA";
    return new JcaX509CertificateConverter().getCertificate(
        builder.build(new JcaContentSignerBuilder(algorithm).build(issuerKey)));
  }

  static byte[] sign(String algorithm, PrivateKey key, byte[] data) throws Exception {
    Signature signer = Signature.getInstance(algorithm);
    signer.initSign(key);
    signer.update(data);
    return signer.sign();
  }

  static byte[] xy(PublicKey key, int size) {
    ECPublicKey ec = (ECPublicKey) key;
    byte[] out = new byte[2 * size];
    System.arraycopy(fixed(ec.getW().getAffineX(), size), 0, out, 0, size);
    System.arraycopy(fixed(ec.getW().getAffineY(), size), 0, out, size, size);
    return out;
  }

  private static byte[] fixed(BigInteger value, int size) {
    byte[] raw = value.toByteArray();
    byte[] out = new byte[size];
    int copy = Math.min(raw.length, size);
    System.arraycopy(raw, raw.length - copy, out, size - copy, copy);
    return out;
  }

  static String pem(List<X509Certificate> chain) throws Exception {
    StringBuilder sb = new StringBuilder();
    for (X509Certificate c : chain) {
      sb.append(Pem.encode(Pem.CERTIFICATE, c.getEncoded()));
    }
    return sb.toString();
  }

  /**
   * A well-formed SGX quote v3 whose signatures are all valid under {@code pckKey}, with the given
   * PCK chain (leaf first).
   */
  static byte[] sgxQuote(PrivateKey pckKey, List<X509Certificate> pckChain) throws Exception {
    KeyPair attestation = ec("secp256r1");
    ByteBuffer header = ByteBuffer.allocate(IntelQuote.HEADER_LENGTH + 384).order(ByteOrder.LITTLE_ENDIAN);
    header.putShort((short) 3).putShort((short) 2).putInt(0).putShort((short) 8).putShort((short) 13);
    header.put(ParsedIntelQuote.INTEL_QE_VENDOR_ID);
    byte[] signed = header.array();
    Arrays.fill(signed, 48 + 64, 48 + 96, (byte) 0x5A); // MRENCLAVE
    byte[] key = xy(attestation.getPublic(), 32);
    byte[] auth = new byte[32];
    Arrays.fill(auth, (byte) 7);
    byte[] qeReport = new byte[384];
    MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
    sha256.update(key);
    sha256.update(auth);
    System.arraycopy(sha256.digest(), 0, qeReport, 320, 32);
    byte[] pem = pem(pckChain).getBytes(StandardCharsets.US_ASCII);
    ByteArrayOutputStream sig = new ByteArrayOutputStream();
    sig.write(sign("SHA256withECDSAinP1363Format", attestation.getPrivate(), signed));
    sig.write(key);
    sig.write(qeReport);
    sig.write(sign("SHA256withECDSAinP1363Format", pckKey, qeReport));
    sig.write(le16(auth.length));
    sig.write(auth);
    sig.write(le16(5));
    sig.write(le32(pem.length));
    sig.write(pem);
    ByteArrayOutputStream quote = new ByteArrayOutputStream();
    quote.write(signed);
    quote.write(le32(sig.size()));
    quote.write(sig.toByteArray());
    return quote.toByteArray();
  }

  static byte[] le16(int v) {
    return new byte[] {(byte) v, (byte) (v >> 8)};
  }

  static byte[] le32(int v) {
    return new byte[] {(byte) v, (byte) (v >> 8), (byte) (v >> 16), (byte) (v >> 24)};
  }
}
