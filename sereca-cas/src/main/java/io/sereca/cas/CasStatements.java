package io.sereca.cas;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.HexFormat;

/**
 * The exact bytes users and the CAS sign. Each statement names its purpose and version first, so
 * a signature made for one purpose can never be replayed as another, and carries a fresh CAS nonce
 * (or, for manifests, the predecessor's hash) so it cannot be replayed later.
 *
 * <p>Users sign with Ed25519; the CAS signs audit heads with its ECDSA P-256 key, which its
 * attestation evidence vouches for.
 */
public final class CasStatements {

  private CasStatements() {}

  /**
   * What users sign to set a manifest: its hash and its predecessor's hash ({@code none} for the
   * first version), so every version is chained to the one it replaces.
   */
  public static byte[] manifestUpdate(String previousHash, byte[] manifest) {
    return text("sereca-cas/manifest-update/v1\n" + (previousHash == null ? "none" : previousHash)
        + "\n" + Manifest.hashOf(manifest));
  }

  /** What a user signs to upload a secret's value (encrypted to the CAS) under a CAS nonce. */
  public static byte[] secretUpload(String secret, byte[] nonce, byte[] ciphertext) {
    return text("sereca-cas/secret-upload/v1\n" + secret + "\n" + HexFormat.of().formatHex(nonce)
        + "\n" + Manifest.hashOf(ciphertext));
  }

  /** What a user signs to rotate a secret now, under a CAS nonce. */
  public static byte[] rotation(String secret, byte[] nonce) {
    return text("sereca-cas/rotate/v1\n" + secret + "\n" + HexFormat.of().formatHex(nonce));
  }

  /** What a user signs to have a node's key certified by a manifest CA, under a CAS nonce. */
  public static byte[] nodeCertificate(String ca, String node, byte[] nonce, byte[] publicKey) {
    return text("sereca-cas/node-certificate/v1\n" + ca + "\n" + node + "\n" + HexFormat.of().formatHex(nonce)
        + "\n" + Manifest.hashOf(publicKey));
  }

  /** What a user signs to read the audit log, under a CAS nonce. */
  public static byte[] auditRead(byte[] nonce) {
    return text("sereca-cas/audit-read/v1\n" + HexFormat.of().formatHex(nonce));
  }

  /** What the CAS signs about its audit log: the head entry, bound to the reader's nonce. */
  public static byte[] auditHead(long sequence, String headHash, byte[] nonce) {
    return text("sereca-cas/audit-head/v1\n" + sequence + "\n" + headHash + "\n"
        + HexFormat.of().formatHex(nonce));
  }

  /** Signs a statement with a user's Ed25519 key. */
  public static byte[] signAsUser(PrivateKey key, byte[] statement) throws GeneralSecurityException {
    Signature s = Signature.getInstance("Ed25519");
    s.initSign(key);
    s.update(statement);
    return s.sign();
  }

  /** Whether {@code signature} is a user's valid Ed25519 signature of {@code statement}. */
  public static boolean verifyUser(PublicKey key, byte[] statement, byte[] signature) {
    try {
      Signature s = Signature.getInstance("Ed25519");
      s.initVerify(key);
      s.update(statement);
      return s.verify(signature);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return false;
    }
  }

  /** Whether {@code signature} is the CAS's valid ECDSA P-256 signature of {@code statement}. */
  public static boolean verifyCas(PublicKey casKey, byte[] statement, byte[] signature) {
    try {
      Signature s = Signature.getInstance("SHA256withECDSA");
      s.initVerify(casKey);
      s.update(statement);
      return s.verify(signature);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return false;
    }
  }

  private static byte[] text(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
