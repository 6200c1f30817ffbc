package io.sereca.host;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * An enclave developer's signing key pair (Ed25519), stored as PEM: {@code PRIVATE KEY} (PKCS#8,
 * file mode 0600) and {@code PUBLIC KEY} (X.509 SubjectPublicKeyInfo).
 */
public final class SignerKeys {

  /** Signature algorithm of bundle signatures. */
  public static final String ALGORITHM = "Ed25519";

  private SignerKeys() {}

  /** Generates a new key pair. */
  public static KeyPair generate() {
    try {
      return KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK lacks Ed25519", e);
    }
  }

  /**
   * Writes {@code privateKeyFile} (0600, refuses to overwrite) and {@code publicKeyFile}.
   *
   * @throws IOException if a file exists or cannot be written
   */
  public static void save(KeyPair pair, Path privateKeyFile, Path publicKeyFile) throws IOException {
    byte[] priv = pem("PRIVATE KEY", pair.getPrivate().getEncoded());
    try {
      Files.createFile(privateKeyFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException e) {
      Files.createFile(privateKeyFile);
    }
    Files.write(privateKeyFile, priv, StandardOpenOption.TRUNCATE_EXISTING);
    Files.write(publicKeyFile, pem("PUBLIC KEY", pair.getPublic().getEncoded()), StandardOpenOption.CREATE_NEW);
  }

  /** Reads a PKCS#8 PEM private key. */
  public static PrivateKey readPrivateKey(Path file) throws IOException, GeneralSecurityException {
    return KeyFactory.getInstance(ALGORITHM)
        .generatePrivate(new PKCS8EncodedKeySpec(unpem(file, "PRIVATE KEY")));
  }

  /** Reads a SubjectPublicKeyInfo PEM public key. */
  public static PublicKey readPublicKey(Path file) throws IOException, GeneralSecurityException {
    return publicKeyFromDer(unpem(file, "PUBLIC KEY"));
  }

  /** Decodes an Ed25519 SubjectPublicKeyInfo. */
  public static PublicKey publicKeyFromDer(byte[] der) throws GeneralSecurityException {
    return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(der));
  }

  static byte[] pem(String type, byte[] der) {
    String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    return ("-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n")
        .getBytes(StandardCharsets.US_ASCII);
  }

  static byte[] unpem(Path file, String type) throws IOException {
    String text = Files.readString(file, StandardCharsets.US_ASCII);
    String begin = "-----BEGIN " + type + "-----";
    String end = "-----END " + type + "-----";
    int b = text.indexOf(begin);
    int e = text.indexOf(end);
    if (b < 0 || e < b) {
      throw new IOException(file + " is not a PEM file with a " + type + " block");
    }
    try {
      return Base64.getMimeDecoder().decode(text.substring(b + begin.length(), e));
    } catch (IllegalArgumentException ex) {
      throw new IOException(file + ": the " + type + " block is not valid base64");
    }
  }
}
