package io.sereca.cas.internal.core;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Issues X.509 v3 certificates inside the CAS enclave with the JDK alone: the DER of the
 * to-be-signed part is written here (plain encoding, no cryptography), signed with the JDK's
 * SHA256withECDSA, and the result is parsed back with the JDK's certificate factory and checked
 * before it is used, so a mistake in the encoding fails here rather than in a peer.
 */
final class X509Issuer {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final byte[] ECDSA_SHA256 = oid(1, 2, 840, 10045, 4, 3, 2);
  private static final DateTimeFormatter GENERALIZED = DateTimeFormatter.ofPattern("yyyyMMddHHmmss'Z'")
      .withZone(ZoneOffset.UTC);

  private X509Issuer() {}

  /** A self-signed CA certificate for {@code key}. */
  static X509Certificate selfSignedCa(KeyPair key, String subject, Instant now, Duration validity)
      throws GeneralSecurityException {
    byte[] name = name(subject);
    return sign(tbs(name, name, key.getPublic(), now, validity, true, List.of(), List.of()), key.getPrivate(),
        key.getPublic());
  }

  /** A leaf certificate for {@code subjectKey}, signed by the CA. */
  static X509Certificate leaf(KeyPair ca, X509Certificate caCert, PublicKey subjectKey, String subject,
      List<String> dns, List<String> ips, Instant now, Duration validity) throws GeneralSecurityException {
    byte[] issuer = caCert.getSubjectX500Principal().getEncoded();
    X509Certificate cert = sign(tbs(issuer, name(subject), subjectKey, now, validity, false, dns, ips),
        ca.getPrivate(), ca.getPublic());
    if (!cert.getIssuerX500Principal().equals(caCert.getSubjectX500Principal())) {
      throw new GeneralSecurityException("issued certificate names the wrong issuer");
    }
    return cert;
  }

  private static byte[] tbs(byte[] issuer, byte[] subject, PublicKey key, Instant now, Duration validity,
      boolean ca, List<String> dns, List<String> ips) throws GeneralSecurityException {
    byte[] serial = new byte[16];
    RANDOM.nextBytes(serial);
    serial[0] &= 0x7F;
    Instant notBefore = now.minusSeconds(300);
    byte[] validityDer = seq(time(notBefore), time(now.plus(validity)));
    ByteArrayOutputStream ext = new ByteArrayOutputStream();
    // basicConstraints (critical), keyUsage (critical), subjectAltName
    write(ext, extension(oid(2, 5, 29, 19), true, ca ? seq(der(0x01, new byte[] {(byte) 0xFF})) : seq()));
    write(ext, extension(oid(2, 5, 29, 15), true, ca
        ? der(0x03, new byte[] {1, (byte) 0x06})          // keyCertSign | cRLSign
        : der(0x03, new byte[] {7, (byte) 0x80})));       // digitalSignature
    if (!dns.isEmpty() || !ips.isEmpty()) {
      ByteArrayOutputStream names = new ByteArrayOutputStream();
      for (String d : dns) {
        write(names, der(0x82, d.getBytes(StandardCharsets.US_ASCII)));
      }
      for (String ip : ips) {
        write(names, der(0x87, address(ip)));
      }
      write(ext, extension(oid(2, 5, 29, 17), false, der(0x30, names.toByteArray())));
    }
    return seq(
        der(0xA0, der(0x02, new byte[] {2})),
        der(0x02, serial),
        seq(ECDSA_SHA256),
        issuer,
        validityDer,
        subject,
        key.getEncoded(),
        der(0xA3, der(0x30, ext.toByteArray())));
  }

  private static X509Certificate sign(byte[] tbs, PrivateKey signer, PublicKey signerPublic)
      throws GeneralSecurityException {
    Signature s = Signature.getInstance("SHA256withECDSA");
    s.initSign(signer, RANDOM);
    s.update(tbs);
    byte[] sig = s.sign();
    byte[] bitString = new byte[sig.length + 1];
    System.arraycopy(sig, 0, bitString, 1, sig.length);
    byte[] der = seq(tbs, seq(ECDSA_SHA256), der(0x03, bitString));
    X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
        .generateCertificate(new ByteArrayInputStream(der));
    cert.verify(signerPublic);
    cert.checkValidity();
    return cert;
  }

  /** A distinguished name from {@code CN=a,O=b,OU=c,C=IT} (no escaping; commas separate). */
  static byte[] name(String dn) throws GeneralSecurityException {
    ByteArrayOutputStream rdns = new ByteArrayOutputStream();
    for (String part : dn.split(",")) {
      String[] kv = part.trim().split("=", 2);
      if (kv.length != 2 || kv[1].isEmpty() || kv[1].length() > 64) {
        throw new GeneralSecurityException("bad distinguished name part '" + part + "'");
      }
      byte[] type = switch (kv[0].trim().toUpperCase(java.util.Locale.ROOT)) {
        case "CN" -> oid(2, 5, 4, 3);
        case "O" -> oid(2, 5, 4, 10);
        case "OU" -> oid(2, 5, 4, 11);
        case "C" -> oid(2, 5, 4, 6);
        default -> throw new GeneralSecurityException("unsupported name attribute '" + kv[0] + "' (CN, O, OU, C)");
      };
      write(rdns, der(0x31, seq(type, der(0x0C, kv[1].getBytes(StandardCharsets.UTF_8)))));
    }
    return der(0x30, rdns.toByteArray());
  }

  private static byte[] address(String ip) throws GeneralSecurityException {
    if (!ip.matches("[0-9.]+|[0-9a-fA-F:]+")) {
      throw new GeneralSecurityException("not an IP address literal: " + ip);
    }
    try {
      return InetAddress.getByName(ip).getAddress();
    } catch (UnknownHostException e) {
      throw new GeneralSecurityException("not an IP address literal: " + ip);
    }
  }

  private static byte[] extension(byte[] oid, boolean critical, byte[] value) {
    return critical ? seq(oid, der(0x01, new byte[] {(byte) 0xFF}), der(0x04, value)) : seq(oid, der(0x04, value));
  }

  private static byte[] time(Instant t) {
    return der(0x18, GENERALIZED.format(t).getBytes(StandardCharsets.US_ASCII));
  }

  static byte[] oid(int... arcs) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(arcs[0] * 40 + arcs[1]);
    for (int i = 2; i < arcs.length; i++) {
      out.writeBytes(base128(arcs[i]));
    }
    return der(0x06, out.toByteArray());
  }

  private static byte[] base128(int v) {
    if (v == 0) {
      return new byte[] {0};
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int groups = (32 - Integer.numberOfLeadingZeros(v) + 6) / 7;
    for (int g = groups - 1; g >= 0; g--) {
      int b = (v >>> (7 * g)) & 0x7F;
      out.write(g == 0 ? b : b | 0x80);
    }
    return out.toByteArray();
  }

  private static byte[] seq(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return der(0x30, out.toByteArray());
  }

  static byte[] der(int tag, byte[] content) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(tag);
    int n = content.length;
    if (n < 0x80) {
      out.write(n);
    } else if (n < 0x100) {
      out.write(0x81);
      out.write(n);
    } else if (n < 0x10000) {
      out.write(0x82);
      out.write(n >>> 8);
      out.write(n);
    } else {
      out.write(0x83);
      out.write(n >>> 16);
      out.write(n >>> 8);
      out.write(n);
    }
    out.writeBytes(content);
    return out.toByteArray();
  }

  private static void write(ByteArrayOutputStream out, byte[] b) {
    out.writeBytes(b);
  }
}
