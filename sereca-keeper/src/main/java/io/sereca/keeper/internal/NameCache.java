package io.sereca.keeper.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Recently used path and name encryptions, so a path the proxy has seen does not cross into the
 * crypto core again. It holds only what the proxy host sees anyway — the plaintext paths clients
 * send it and the encrypted paths it sends the server — never a key; it saves the ecall, not a
 * secret. Deterministic encryption makes an entry valid for as long as the keys are.
 */
final class NameCache {

  /** Default number of entries per direction. */
  static final int DEFAULT_ENTRIES = 16_384;

  private final Map<String, String> encrypted;
  private final Map<String, String> decrypted;

  NameCache(int entries) {
    this.encrypted = lru(entries);
    this.decrypted = lru(entries);
  }

  private static Map<String, String> lru(int entries) {
    return new LinkedHashMap<>(256, 0.75f, true) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
        return size() > entries;
      }
    };
  }

  /** The encryption of a plaintext path (not of a sequential create), or null. */
  String encryptedPath(String plain) {
    synchronized (encrypted) {
      return encrypted.get(plain);
    }
  }

  void putEncryptedPath(String plain, String enc) {
    synchronized (encrypted) {
      encrypted.put(plain, enc);
    }
    putDecryptedPath(enc, plain);
  }

  /** The plaintext of a name under a plaintext parent, or null. */
  String decryptedName(String parent, String enc) {
    synchronized (decrypted) {
      return decrypted.get(parent + '\0' + enc);
    }
  }

  void putDecryptedName(String parent, String enc, String plain) {
    synchronized (decrypted) {
      decrypted.put(parent + '\0' + enc, plain);
    }
  }

  /** The plaintext of a whole server path, or null. */
  String decryptedPath(String enc) {
    synchronized (decrypted) {
      return decrypted.get(enc);
    }
  }

  void putDecryptedPath(String enc, String plain) {
    synchronized (decrypted) {
      decrypted.put(enc, plain);
    }
  }
}
