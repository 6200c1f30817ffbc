package io.sereca.wsnm.enclave.web;

import io.sereca.enclave.crypto.Hkdf;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The key schedule of a dashboard login, shared by the gateway and the browser (wsnm-crypto.js
 * computes the same with WebCrypto). With Z the P-256 ECDH secret of the browser's ephemeral key
 * and the gateway's key, and the gateway's single-use challenge as HKDF salt:
 *
 * <ul>
 *   <li>login key = HKDF-SHA256(Z, challenge, {@code "wsnm-web/1 login <clientKey> <gatewayKey>"}),
 *       encrypting {@code {"user","password"}} with AES-256-GCM under a random 96-bit IV and the
 *       additional data {@code "wsnm-web/1 login <challenge>"};
 *   <li>session key = HKDF-SHA256(Z, challenge, {@code "wsnm-web/1 session <sessionId> <clientKey>
 *       <gatewayKey>"}), for {@link FrameCipher}.
 * </ul>
 *
 * <p>Keys and the challenge appear in the info strings in standard base64 of their raw bytes.
 */
public final class LoginHandshake {

  private static final Base64.Encoder B64 = Base64.getEncoder();

  private LoginHandshake() {}

  /** The login key. */
  public static byte[] loginKey(byte[] z, byte[] challenge, byte[] clientKey, byte[] gatewayKey)
      throws GeneralSecurityException {
    return Hkdf.derive(z, challenge, utf8(FrameCipher.LABEL + " login " + B64.encodeToString(clientKey)
        + " " + B64.encodeToString(gatewayKey)), 32);
  }

  /** The session key. */
  public static byte[] sessionKey(byte[] z, byte[] challenge, String sessionId, byte[] clientKey, byte[] gatewayKey)
      throws GeneralSecurityException {
    return Hkdf.derive(z, challenge, utf8(FrameCipher.LABEL + " session " + sessionId + " "
        + B64.encodeToString(clientKey) + " " + B64.encodeToString(gatewayKey)), 32);
  }

  /** The additional data of the encrypted credentials. */
  public static byte[] loginAad(byte[] challenge) {
    return utf8(FrameCipher.LABEL + " login " + B64.encodeToString(challenge));
  }

  /** Decrypts the credentials; fails if they do not authenticate. */
  public static byte[] openCredentials(byte[] loginKey, byte[] iv, byte[] challenge, byte[] ciphertext)
      throws GeneralSecurityException {
    if (iv.length != 12) {
      throw new GeneralSecurityException("login iv must be 12 bytes");
    }
    Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
    c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(loginKey, "AES"), new GCMParameterSpec(128, iv));
    c.updateAAD(loginAad(challenge));
    return c.doFinal(ciphertext);
  }

  /** Encrypts credentials as the browser does (for Java clients and tests). */
  public static byte[] sealCredentials(byte[] loginKey, byte[] iv, byte[] challenge, byte[] plaintext)
      throws GeneralSecurityException {
    Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
    c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(loginKey, "AES"), new GCMParameterSpec(128, iv));
    c.updateAAD(loginAad(challenge));
    return c.doFinal(plaintext);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
