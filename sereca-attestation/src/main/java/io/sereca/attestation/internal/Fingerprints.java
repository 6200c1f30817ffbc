package io.sereca.attestation.internal;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.HexFormat;

/** Short certificate fingerprints for messages, where names alone do not tell roots apart. */
public final class Fingerprints {

  private Fingerprints() {}

  /** {@code "SHA-256:"} followed by the hex SHA-256 of the DER certificate. */
  public static String sha256(X509Certificate cert) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(cert.getEncoded());
      return "SHA-256:" + HexFormat.of().formatHex(digest);
    } catch (GeneralSecurityException e) {
      return "(fingerprint unavailable: " + e.getMessage() + ")";
    }
  }
}
