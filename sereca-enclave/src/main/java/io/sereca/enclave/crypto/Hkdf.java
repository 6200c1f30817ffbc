package io.sereca.enclave.crypto;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HKDF-SHA256 (RFC 5869) on the JDK's HMAC-SHA256.
 *
 * <p>JDK 17 ships HMAC but not HKDF (that arrived in JDK 24), and the trusted module may use the
 * JDK alone, so this is the RFC's extract-then-expand construction, verbatim, over {@link Mac}. It
 * is checked against the RFC 5869 test vectors.
 */
public final class Hkdf {

  private static final String HMAC = "HmacSHA256";
  private static final int HASH_LEN = 32;

  private Hkdf() {}

  /**
   * Derives {@code length} bytes.
   *
   * @param ikm input keying material
   * @param salt optional salt (null or empty means a string of zeros, as the RFC says)
   * @param info context and application specific information
   * @param length output length, at most 255 * 32 bytes
   */
  public static byte[] derive(byte[] ikm, byte[] salt, byte[] info, int length)
      throws GeneralSecurityException {
    if (length <= 0 || length > 255 * HASH_LEN) {
      throw new IllegalArgumentException("HKDF length must be in 1.." + 255 * HASH_LEN);
    }
    byte[] prk = extract(salt, ikm);
    return expand(prk, info == null ? new byte[0] : info, length);
  }

  private static byte[] extract(byte[] salt, byte[] ikm) throws NoSuchAlgorithmException, InvalidKeyException {
    byte[] effectiveSalt = (salt == null || salt.length == 0) ? new byte[HASH_LEN] : salt;
    Mac mac = Mac.getInstance(HMAC);
    mac.init(new SecretKeySpec(effectiveSalt, HMAC));
    return mac.doFinal(ikm);
  }

  private static byte[] expand(byte[] prk, byte[] info, int length)
      throws NoSuchAlgorithmException, InvalidKeyException {
    Mac mac = Mac.getInstance(HMAC);
    mac.init(new SecretKeySpec(prk, HMAC));
    byte[] out = new byte[length];
    byte[] block = new byte[0];
    int written = 0;
    for (int counter = 1; written < length; counter++) {
      mac.update(block);
      mac.update(info);
      mac.update((byte) counter);
      block = mac.doFinal();
      int n = Math.min(block.length, length - written);
      System.arraycopy(block, 0, out, written, n);
      written += n;
    }
    return out;
  }
}
