package io.sereca.keeper.internal.core;

import com.google.crypto.tink.subtle.AesSiv;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

/**
 * Deterministic encryption of znode paths, one element at a time, with AES-SIV (Tink) under the
 * path key. Each element's associated data is its plaintext parent path, so the same name under
 * two parents encrypts differently and an element cannot be moved to another parent. Names become
 * base64url without padding, a valid znode name.
 *
 * <p>A name ending in a 10-digit counter ({@code lock-0000000007}) is stored as
 * {@code E(prefix) + counter}: that is what ZooKeeper produces for a sequential create of
 * {@code lock-}, so a later lookup of the full name finds the node. The two forms use different
 * associated data, so neither can be passed off as the other.
 */
final class PathCipher {

  /** Length of a SIV tag: the smallest ciphertext. */
  private static final int SIV_BYTES = 16;
  private static final byte WHOLE_NAME = 0;
  private static final byte COUNTER_PREFIX = 1;
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getUrlDecoder();

  private final AesSiv siv;

  PathCipher(byte[] key64) throws GeneralSecurityException {
    this.siv = new AesSiv(key64);
  }

  /** Encrypts an absolute plaintext path; the root and the system tree are returned as is. */
  String encryptPath(String path) throws GeneralSecurityException {
    return encryptPath(path, false);
  }

  /**
   * Encrypts an absolute plaintext path. With {@code sequentialCreate}, the last name is the
   * prefix of a sequential create: it is encrypted in the counter form as a whole (even if it
   * ends in digits itself), so that with the counter the server appends it equals the encryption
   * of the full name.
   */
  String encryptPath(String path, boolean sequentialCreate) throws GeneralSecurityException {
    if (ZnodeNames.isPlaintextPath(path)) {
      return path;
    }
    if (path.isEmpty() || path.charAt(0) != '/') {
      throw new GeneralSecurityException("not an absolute path");
    }
    StringBuilder out = new StringBuilder(path.length() * 2 + 32);
    String parent = "/";
    int start = 1;
    while (true) {
      int slash = path.indexOf('/', start);
      String name = slash < 0 ? path.substring(start) : path.substring(start, slash);
      if (slash < 0 && sequentialCreate) {
        out.append('/').append(B64.encodeToString(
            siv.encryptDeterministically(utf8(name), aad(COUNTER_PREFIX, parent))));
        return out.toString();
      }
      out.append('/').append(encryptName(parent, name));
      if (slash < 0) {
        return out.toString();
      }
      parent = ZnodeNames.child(parent, name);
      start = slash + 1;
    }
  }

  /** Decrypts an absolute server path; the root and the system tree are returned as is. */
  String decryptPath(String encrypted) throws GeneralSecurityException {
    if (ZnodeNames.isPlaintextPath(encrypted)) {
      return encrypted;
    }
    if (encrypted.isEmpty() || encrypted.charAt(0) != '/') {
      throw new GeneralSecurityException("not an absolute path");
    }
    String parent = "/";
    int start = 1;
    while (true) {
      int slash = encrypted.indexOf('/', start);
      String enc = slash < 0 ? encrypted.substring(start) : encrypted.substring(start, slash);
      parent = ZnodeNames.child(parent, decryptName(parent, enc));
      if (slash < 0) {
        return parent;
      }
      start = slash + 1;
    }
  }

  /** Encrypts one name under its plaintext parent. */
  String encryptName(String parent, String name) throws GeneralSecurityException {
    if (ZnodeNames.isPlaintextPath(ZnodeNames.child(parent, name)) && parent.equals("/")) {
      return name;
    }
    if (ZnodeNames.hasCounter(name)) {
      int cut = name.length() - ZnodeNames.COUNTER_DIGITS;
      byte[] ct = siv.encryptDeterministically(utf8(name.substring(0, cut)), aad(COUNTER_PREFIX, parent));
      return B64.encodeToString(ct) + name.substring(cut);
    }
    return B64.encodeToString(siv.encryptDeterministically(utf8(name), aad(WHOLE_NAME, parent)));
  }

  /** Decrypts one name under its plaintext parent. */
  String decryptName(String parent, String encrypted) throws GeneralSecurityException {
    if (parent.equals("/") && ZnodeNames.isPlaintextPath("/" + encrypted)) {
      return encrypted;
    }
    if (ZnodeNames.hasCounter(encrypted)) {
      int cut = encrypted.length() - ZnodeNames.COUNTER_DIGITS;
      byte[] ct = decode(encrypted.substring(0, cut));
      if (ct != null && ct.length >= SIV_BYTES) {
        try {
          return new String(siv.decryptDeterministically(ct, aad(COUNTER_PREFIX, parent)), StandardCharsets.UTF_8)
              + encrypted.substring(cut);
        } catch (GeneralSecurityException e) {
          // A whole-name ciphertext may end in ten digits by chance: try that form below.
        }
      }
    }
    byte[] ct = decode(encrypted);
    if (ct == null || ct.length < SIV_BYTES) {
      throw new GeneralSecurityException("znode name is not a path ciphertext");
    }
    return new String(siv.decryptDeterministically(ct, aad(WHOLE_NAME, parent)), StandardCharsets.UTF_8);
  }

  private static byte[] decode(String b64) {
    try {
      return B64D.decode(b64);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static byte[] aad(byte form, String parent) {
    byte[] p = utf8(parent);
    byte[] out = new byte[p.length + 1];
    out[0] = form;
    System.arraycopy(p, 0, out, 1, p.length);
    return out;
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
