package io.sereca.wsnm.enclave.web;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM of one dashboard session's frames. The nonce is the direction (4 bytes) followed by
 * the frame's sequence number (8 bytes, big-endian): each direction counts up from its own start,
 * so a (key, nonce) pair is never used twice as long as the sender never repeats a sequence number
 * (the gateway's counter only grows; the browser's too). The additional data binds the session id,
 * the direction and the sequence number, so a frame cannot be moved to another session, turned
 * around or renumbered.
 */
public final class FrameCipher {

  /** Browser → gateway. */
  public static final int CLIENT_TO_GATEWAY = 1;
  /** Gateway → browser. */
  public static final int GATEWAY_TO_CLIENT = 2;
  /** GCM tag length in bits. */
  public static final int TAG_BITS = 128;
  /** Protocol label in every additional data and key derivation. */
  public static final String LABEL = "wsnm-web/1";

  private final SecretKeySpec key;
  private final String sessionId;

  /** A cipher under a 32-byte key for the session {@code sessionId}. */
  public FrameCipher(byte[] key, String sessionId) {
    if (key.length != 32) {
      throw new IllegalArgumentException("session key must be 32 bytes");
    }
    this.key = new SecretKeySpec(key, "AES");
    this.sessionId = sessionId;
  }

  /** Encrypts {@code plaintext} as frame {@code sequence} in {@code direction}. */
  public byte[] seal(int direction, long sequence, byte[] plaintext) throws GeneralSecurityException {
    Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
    c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce(direction, sequence)));
    c.updateAAD(aad(sessionId, direction, sequence));
    return c.doFinal(plaintext);
  }

  /**
   * Decrypts frame {@code sequence} in {@code direction}.
   *
   * @throws GeneralSecurityException if it does not authenticate (tampered, wrong session, key,
   *     direction or sequence)
   */
  public byte[] open(int direction, long sequence, byte[] ciphertext) throws GeneralSecurityException {
    if (ciphertext.length < TAG_BITS / 8) {
      throw new GeneralSecurityException("frame is shorter than its tag");
    }
    Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
    c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce(direction, sequence)));
    c.updateAAD(aad(sessionId, direction, sequence));
    return c.doFinal(ciphertext);
  }

  static byte[] nonce(int direction, long sequence) {
    return ByteBuffer.allocate(12).putInt(direction).putLong(sequence).array();
  }

  /** {@code "wsnm-web/1 <session> <c2g|g2c> <sequence>"} in UTF-8. */
  static byte[] aad(String sessionId, int direction, long sequence) {
    String dir = direction == CLIENT_TO_GATEWAY ? "c2g" : "g2c";
    return (LABEL + " " + sessionId + " " + dir + " " + sequence).getBytes(StandardCharsets.UTF_8);
  }
}
