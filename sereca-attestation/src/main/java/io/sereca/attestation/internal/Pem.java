package io.sereca.attestation.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/** PEM encoding of certificates and PKCS#8 private keys (RFC 7468), JDK only. */
public final class Pem {

  /** PEM label of an X.509 certificate. */
  public static final String CERTIFICATE = "CERTIFICATE";
  /** PEM label of an unencrypted PKCS#8 private key. */
  public static final String PRIVATE_KEY = "PRIVATE KEY";

  private Pem() {}

  /** Encodes DER bytes as one PEM block with 64-character lines. */
  public static String encode(String label, byte[] der) {
    String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    return "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n";
  }

  /**
   * Decodes the first PEM block with {@code label} in {@code text}.
   *
   * @param source names the text in error messages, e.g. the file it came from
   * @throws IOException if there is no such block or its Base64 is invalid
   */
  public static byte[] decode(String label, String text, String source) throws IOException {
    String begin = "-----BEGIN " + label + "-----";
    String end = "-----END " + label + "-----";
    int start = text.indexOf(begin);
    int stop = start < 0 ? -1 : text.indexOf(end, start + begin.length());
    if (start < 0 || stop < 0) {
      throw new IOException(source + " holds no PEM '" + label + "' block");
    }
    String body = text.substring(start + begin.length(), stop).replaceAll("\\s", "");
    try {
      return Base64.getDecoder().decode(body);
    } catch (IllegalArgumentException e) {
      throw new IOException(source + ": PEM '" + label + "' block is not valid Base64", e);
    }
  }

  /** Reads the first certificate from a PEM file. */
  public static X509Certificate readCertificate(Path file) throws IOException, GeneralSecurityException {
    byte[] der = decode(CERTIFICATE, Files.readString(file, StandardCharsets.US_ASCII), file.toString());
    return (X509Certificate) CertificateFactory.getInstance("X.509")
        .generateCertificate(new ByteArrayInputStream(der));
  }

  /** Reads an EC private key from a PKCS#8 PEM file. */
  public static PrivateKey readEcPrivateKey(Path file) throws IOException, GeneralSecurityException {
    byte[] der = decode(PRIVATE_KEY, Files.readString(file, StandardCharsets.US_ASCII), file.toString());
    return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der));
  }
}
