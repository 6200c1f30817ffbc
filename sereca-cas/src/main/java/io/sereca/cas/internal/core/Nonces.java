package io.sereca.cas.internal.core;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Single-use nonces with a lifetime. Anyone who can reach the CAS may ask for nonces, so at most
 * {@code capacity} are remembered; past that, asking fails until some expire or are used.
 */
final class Nonces {

  static final int LENGTH = 32;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final int capacity;
  private final long lifetimeMillis;
  private final Map<String, Long> outstanding = new LinkedHashMap<>();

  Nonces(int capacity, long lifetimeMillis) {
    this.capacity = capacity;
    this.lifetimeMillis = lifetimeMillis;
  }

  /** A fresh nonce, or null when too many are outstanding. */
  byte[] issue(long now) {
    outstanding.values().removeIf(expiry -> expiry < now);
    if (outstanding.size() >= capacity) {
      return null;
    }
    byte[] n = new byte[LENGTH];
    RANDOM.nextBytes(n);
    outstanding.put(HexFormat.of().formatHex(n), now + lifetimeMillis);
    return n;
  }

  /** Uses up a nonce: true once for a nonce this CAS issued and that has not expired. */
  boolean consume(byte[] nonce, long now) {
    if (nonce == null || nonce.length != LENGTH) {
      return false;
    }
    Long expiry = outstanding.remove(HexFormat.of().formatHex(nonce));
    return expiry != null && expiry >= now;
  }
}
