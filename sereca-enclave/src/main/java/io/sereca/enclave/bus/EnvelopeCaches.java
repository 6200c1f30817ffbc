package io.sereca.enclave.bus;

import io.sereca.enclave.boundary.FrameWriter;
import io.sereca.enclave.crypto.Hkdf;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

/**
 * What {@link RouteCipher} would otherwise recompute for every message: per-address AAD parts,
 * per-sender AES keys (HKDF), the sender ids it hears from, and one keyed {@code Cipher} per key
 * and thread. Every cache is bounded (cleared when full) and holds only values derived
 * deterministically from its key, so a hit returns exactly what a miss would compute.
 */
final class EnvelopeCaches {

  private static final int MAX_CACHED = 8192;
  private static final int MAX_CIPHERS_PER_THREAD = 256;
  private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK lacks SHA-256", e);
    }
  });
  private static final ThreadLocal<Map<SecretKeySpec, Cipher>> GCM = ThreadLocal.withInitial(IdentityHashMap::new);

  /**
   * The AAD parts of one address: its 8-byte tag (in the header) and {@code u32 length | UTF-8}
   * (appended to the header in the AAD, so the split between address and binding is unambiguous).
   */
  static final class Address {
    final byte[] tag;
    final byte[] aadSuffix;

    Address(String address) {
      byte[] a = address.getBytes(StandardCharsets.UTF_8);
      tag = Arrays.copyOf(SHA256.get().digest(a), 8);
      aadSuffix = new byte[4 + a.length];
      aadSuffix[0] = (byte) (a.length >>> 24);
      aadSuffix[1] = (byte) (a.length >>> 16);
      aadSuffix[2] = (byte) (a.length >>> 8);
      aadSuffix[3] = (byte) a.length;
      System.arraycopy(a, 0, aadSuffix, 4, a.length);
    }
  }

  /** A sender id as it appears on the wire, decoded once, with the key last derived for it. */
  static final class Sender {
    final byte[] wire;
    final String id;
    final RouteKey key;
    final SecretKeySpec subkey;

    Sender(byte[] wire, String id, RouteKey key, SecretKeySpec subkey) {
      this.wire = wire;
      this.id = id;
      this.key = key;
      this.subkey = subkey;
    }
  }

  private final Map<String, Address> addresses = new ConcurrentHashMap<>();
  private final Map<RouteKey, Map<String, SecretKeySpec>> derived = new ConcurrentHashMap<>();
  // The last sender heard from: a receiver mostly hears the same few peers, so most envelopes
  // match it and skip decoding the id and looking up its key. Immutable, so racing threads are fine.
  private volatile Sender lastSender;
  // This participant's own sending key for the route key it last sent with.
  private volatile Sender own;

  Address address(String address) {
    Address a = addresses.get(address);
    if (a == null) {
      if (addresses.size() > MAX_CACHED) {
        addresses.clear();
      }
      a = new Address(address);
      addresses.put(address, a);
    }
    return a;
  }

  /** This participant's AES key under {@code key}. */
  SecretKeySpec ownKey(RouteKey key, String senderId, byte[] senderBytes) throws GeneralSecurityException {
    Sender o = own;
    if (o != null && o.key == key) {
      return o.subkey;
    }
    SecretKeySpec k = subkey(key, senderId, senderBytes);
    own = new Sender(senderBytes, senderId, key, k);
    return k;
  }

  /**
   * The sender whose UTF-8 id is {@code env[off, off + len)}, with its AES key under {@code key}.
   * The id decodes as {@code new String(bytes, UTF_8)} does; the key is derived from the decoded
   * id's UTF-8 bytes, exactly as without the cache.
   */
  Sender sender(byte[] env, int off, int len, RouteKey key) throws GeneralSecurityException {
    Sender s = lastSender;
    if (s != null && s.wire.length == len && Arrays.equals(s.wire, 0, len, env, off, off + len)) {
      if (s.key == key) {
        return s;
      }
      s = new Sender(s.wire, s.id, key, subkey(key, s.id, s.id.getBytes(StandardCharsets.UTF_8)));
    } else {
      byte[] wire = Arrays.copyOfRange(env, off, off + len);
      String id = new String(wire, StandardCharsets.UTF_8);
      s = new Sender(wire, id, key, subkey(key, id, id.getBytes(StandardCharsets.UTF_8)));
    }
    lastSender = s;
    return s;
  }

  private SecretKeySpec subkey(RouteKey key, String sender, byte[] senderUtf8) throws GeneralSecurityException {
    // Two levels, so the lookup hashes the short sender id once and builds no strings.
    Map<String, SecretKeySpec> perSender = derived.get(key);
    if (perSender == null) {
      if (derived.size() > MAX_CACHED) {
        derived.clear();
      }
      perSender = derived.computeIfAbsent(key, k -> new ConcurrentHashMap<>());
    }
    SecretKeySpec k = perSender.get(sender);
    if (k == null) {
      if (perSender.size() > MAX_CACHED) {
        perSender.clear();
      }
      byte[] info = new FrameWriter(64 + senderUtf8.length)
          .raw("sereca-bus-v1".getBytes(StandardCharsets.US_ASCII))
          .string(key.name()).i32(key.version()).raw(senderUtf8).toByteArray();
      k = new SecretKeySpec(Hkdf.derive(key.materialRef(), null, info, 32), "AES");
      perSender.put(sender, k);
    }
    return k;
  }

  /**
   * A cipher of this thread already keyed with {@code key}: re-initialising a cipher with the key
   * it had skips the AES key schedule, which otherwise runs on every message when one thread
   * alternates between its own sending key and its peers' keys.
   */
  static Cipher cipherFor(SecretKeySpec key) {
    Map<SecretKeySpec, Cipher> ciphers = GCM.get();
    Cipher c = ciphers.get(key);
    if (c == null) {
      if (ciphers.size() >= MAX_CIPHERS_PER_THREAD) {
        ciphers.clear();
      }
      try {
        c = Cipher.getInstance("AES/GCM/NoPadding");
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("the JDK lacks AES-GCM", e);
      }
      ciphers.put(key, c);
    }
    return c;
  }
}
