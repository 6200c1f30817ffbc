package io.sereca.enclave.bus;

import io.sereca.enclave.boundary.BoundaryException;
import io.sereca.enclave.boundary.BoundaryLimits;
import io.sereca.enclave.boundary.FrameReader;
import io.sereca.enclave.boundary.FrameWriter;
import io.sereca.enclave.crypto.Hkdf;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals and opens secure-event-bus envelopes for one participant (a secure verticle's enclave, or
 * a regular verticle using the secure bus).
 *
 * <p>Envelope: {@code "SE" | version(1) | kind(1) | addressTag(8) | keyName(u8 len) |
 * keyVersion(i32) | sender(u8 len) | sequence(i64) | timestamp(i64) | AES-256-GCM ciphertext+tag}.
 * The plaintext is the message's headers and body, so headers are confidential and authenticated
 * too. The AAD is the whole envelope header plus the (length-prefixed) address and, for replies,
 * the request they answer; so an envelope moved to another address, or a reply moved to another request, fails.
 *
 * <p>Nonces never repeat: each sender instance has a unique random id, the AES key is derived per
 * (route key version, sender) with HKDF, and the 96-bit nonce is the sender's strictly increasing
 * sequence number. The sequence travels in the header and feeds the receiver's replay window.
 */
public final class RouteCipher {

  /**
   * Protected header of a sealed reply that fails its request; its value is the failure code and
   * the body the failure text. Enclaves and the secure event bus both use it.
   */
  public static final String FAILURE_CODE_HEADER = "sereca-failure-code";

  /** Default allowed clock skew between sender and receiver. */
  public static final long DEFAULT_MAX_SKEW_MILLIS = 30_000;

  private static final byte[] MAGIC = {'S', 'E'};
  private static final int VERSION = 1;
  private static final int TAG_BYTES = 16;
  private static final int MAX_SENDER_BYTES = 128;
  private static final int MAX_CACHED_KEYS = 8192;
  private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK lacks SHA-256", e);
    }
  });
  private static final int MAX_CIPHERS_PER_THREAD = 256;
  private static final ThreadLocal<Map<SecretKeySpec, Cipher>> GCM =
      ThreadLocal.withInitial(java.util.IdentityHashMap::new);

  /** The kind of message an envelope carries; part of the authenticated header. */
  public enum Kind {
    /** Point-to-point. */
    SEND,
    /** Publish to all consumers. */
    PUBLISH,
    /** Point-to-point expecting a reply. */
    REQUEST,
    /** The reply to a request. */
    REPLY
  }

  /**
   * An opened envelope.
   *
   * @param kind the message kind
   * @param sender the sender instance's id
   * @param sequence the sender's sequence number
   * @param headers the protected headers
   * @param body the plaintext body
   */
  public record Opened(Kind kind, String sender, long sequence, Map<String, String> headers, byte[] body) {
    /** The binding a reply to this request must carry. */
    public byte[] replyBinding() {
      return RouteCipher.replyBinding(sender, sequence);
    }
  }

  /**
   * A sealed envelope.
   *
   * @param envelope the bytes to put on the bus
   * @param replyBinding for a request, the binding its reply must carry (pass it to {@link #open})
   */
  public record Sealed(byte[] envelope, byte[] replyBinding) {}

  private final String senderId;
  private final byte[] senderBytes;
  private final RouteTable routes;
  private final KeyRing keys;
  private final ReplayWindow window;
  private final long maxSkewMillis;
  private final LongSupplier clock;
  private final AtomicLong sequence;
  private final long createdAtMillis;
  private final Map<RouteKey, Map<String, SecretKeySpec>> derived;
  private final Map<String, byte[]> addressTags;

  /**
   * Creates a cipher.
   *
   * @param senderId this instance's unique id (see {@link #newSenderId})
   * @param routes the address → key name table
   * @param keys the route keys
   * @param window the replay window for what this participant receives
   * @param maxSkewMillis allowed difference between an envelope's timestamp and the local clock
   * @param clock the local clock in epoch milliseconds
   */
  public RouteCipher(String senderId, RouteTable routes, KeyRing keys, ReplayWindow window,
      long maxSkewMillis, LongSupplier clock) {
    this.senderBytes = senderId.getBytes(StandardCharsets.UTF_8);
    if (senderBytes.length == 0 || senderBytes.length > MAX_SENDER_BYTES) {
      throw new IllegalArgumentException("sender id must be 1.." + MAX_SENDER_BYTES + " bytes");
    }
    this.senderId = senderId;
    this.routes = Objects.requireNonNull(routes, "routes");
    this.keys = Objects.requireNonNull(keys, "keys");
    this.window = Objects.requireNonNull(window, "window");
    this.maxSkewMillis = maxSkewMillis;
    this.clock = Objects.requireNonNull(clock, "clock");
    this.sequence = new AtomicLong();
    this.createdAtMillis = clock.getAsLong();
    this.derived = new ConcurrentHashMap<>();
    this.addressTags = new ConcurrentHashMap<>();
  }

  private RouteCipher(RouteCipher base, RouteTable routes) {
    this.senderId = base.senderId;
    this.senderBytes = base.senderBytes;
    this.routes = Objects.requireNonNull(routes, "routes");
    this.keys = base.keys;
    this.window = base.window;
    this.maxSkewMillis = base.maxSkewMillis;
    this.clock = base.clock;
    this.sequence = base.sequence;
    this.createdAtMillis = base.createdAtMillis;
    this.derived = base.derived;
    this.addressTags = base.addressTags;
  }

  /**
   * The same participant with another route table. The sender id, sequence counter, key ring and
   * replay window are shared, so nonces keep increasing and never repeat.
   */
  public RouteCipher withRoutes(RouteTable newRoutes) {
    return new RouteCipher(this, newRoutes);
  }

  /** A unique sender id: {@code base} plus 64 random bits, so a restarted instance never reuses nonces. */
  public static String newSenderId(String base) {
    byte[] r = new byte[8];
    new SecureRandom().nextBytes(r);
    // Cut by UTF-8 bytes, not characters: the id must stay within MAX_SENDER_BYTES.
    String b = base;
    while (b.getBytes(StandardCharsets.UTF_8).length > 100) {
      b = b.substring(0, b.length() - 1);
    }
    return b + "#" + HexFormat.of().formatHex(r);
  }

  /** This participant's sender id. */
  public String senderId() {
    return senderId;
  }

  /** The route table. */
  public RouteTable routes() {
    return routes;
  }

  /** The key ring (add versions here to rotate). */
  public KeyRing keys() {
    return keys;
  }

  /** Whether {@code bytes} start like an envelope (a cheap check for fail-closed filters). */
  public static boolean looksLikeEnvelope(byte[] bytes) {
    return bytes.length > 3 && bytes[0] == MAGIC[0] && bytes[1] == MAGIC[1] && bytes[2] == VERSION;
  }

  /** Whether {@code address} is protected. */
  public boolean isProtected(String address) {
    return routes.isProtected(address);
  }

  /** The binding of a reply to the request (sender, sequence) it answers. */
  public static byte[] replyBinding(String requestSender, long requestSequence) {
    return new FrameWriter(16 + requestSender.length()).string(requestSender).i64(requestSequence).toByteArray();
  }

  /**
   * Seals a message for {@code address} with the current version of its route key.
   *
   * @param binding empty, or for a reply {@link Opened#replyBinding()} of the request
   * @throws IllegalArgumentException if the address is not protected
   * @throws IllegalStateException if the route's key is not (yet) in the key ring
   */
  public Sealed seal(String address, Kind kind, Map<String, String> headers, byte[] body, byte[] binding) {
    String keyName = routes.keyFor(address).orElseThrow(() ->
        new IllegalArgumentException("address is not protected by any route: " + address));
    RouteKey key = keys.current(keyName).orElseThrow(() ->
        new IllegalStateException("no key '" + keyName + "' for protected address " + address + " (not provisioned yet)"));
    long seq = sequence.incrementAndGet();
    byte[] header = new FrameWriter(48 + keyName.length() + senderBytes.length)
        .raw(MAGIC).u8(VERSION).u8(kind.ordinal()).raw(addressTag(address))
        .u8(keyName.length()).raw(keyName.getBytes(StandardCharsets.US_ASCII))
        .i32(key.version())
        .u8(senderBytes.length).raw(senderBytes)
        .i64(seq).i64(clock.getAsLong())
        .toByteArray();
    byte[] encodedHeaders = new FrameWriter(16).headers(headers).toByteArray();
    byte[] out = new byte[header.length + encodedHeaders.length + body.length + TAG_BYTES];
    System.arraycopy(header, 0, out, 0, header.length);
    try {
      SecretKeySpec k = subkey(key, senderId, senderBytes);
      Cipher gcm = cipherFor(k);
      gcm.init(Cipher.ENCRYPT_MODE, k, nonce(seq));
      gcm.updateAAD(aad(header, header.length, address, binding));
      int n = gcm.update(encodedHeaders, 0, encodedHeaders.length, out, header.length);
      gcm.doFinal(body, 0, body.length, out, header.length + n);
      return new Sealed(out, replyBinding(senderId, seq));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("sealing failed: " + e.getClass().getSimpleName(), e);
    }
  }

  /**
   * Opens an envelope received on {@code address}: checks, in order, format, address, key name and
   * version, timestamp, tag, and finally the replay window (only authentic envelopes move it).
   *
   * @param binding empty, or for a reply the binding of the request it must answer
   * @throws EnvelopeRejectedException with the reason; nothing is delivered
   */
  public Opened open(String address, byte[] envelope, byte[] binding) throws EnvelopeRejectedException {
    String expectedKey = routes.keyFor(address).orElseThrow(() ->
        new EnvelopeRejectedException(RejectReason.MALFORMED, "address is not protected"));
    int headerLength;
    Kind kind;
    String keyName;
    int keyVersion;
    String sender;
    long seq;
    long timestamp;
    try {
      FrameReader r = new FrameReader(envelope, BoundaryLimits.withMaxFrameBytes(1 << 30));
      if (!MessageDigest.isEqual(r.raw(2, "magic"), MAGIC)) {
        throw new EnvelopeRejectedException(RejectReason.PLAINTEXT, "not an envelope");
      }
      int version = r.u8("version");
      if (version != VERSION) {
        throw new EnvelopeRejectedException(RejectReason.MALFORMED, "unsupported envelope version " + version);
      }
      int k = r.u8("kind");
      if (k >= Kind.values().length) {
        throw new EnvelopeRejectedException(RejectReason.MALFORMED, "unknown kind " + k);
      }
      kind = Kind.values()[k];
      byte[] tag = r.raw(8, "addressTag");
      keyName = new String(r.raw(r.u8("keyName.length"), "keyName"), StandardCharsets.US_ASCII);
      keyVersion = r.i32("keyVersion");
      byte[] s = r.raw(r.u8("sender.length"), "sender");
      sender = new String(s, StandardCharsets.UTF_8);
      seq = r.i64("sequence");
      timestamp = r.i64("timestamp");
      headerLength = envelope.length - r.remaining();
      if (r.remaining() < TAG_BYTES) {
        throw new EnvelopeRejectedException(RejectReason.MALFORMED, "truncated: no room for the tag");
      }
      if (s.length == 0) {
        throw new EnvelopeRejectedException(RejectReason.MALFORMED, "empty sender id");
      }
      if (!MessageDigest.isEqual(tag, addressTag(address))) {
        throw new EnvelopeRejectedException(RejectReason.WRONG_ADDRESS, "envelope was sealed for another address");
      }
    } catch (BoundaryException e) {
      throw new EnvelopeRejectedException(RejectReason.MALFORMED, e.getMessage());
    }
    if (!keyName.equals(expectedKey)) {
      throw new EnvelopeRejectedException(RejectReason.WRONG_ADDRESS,
          "envelope uses route key '" + keyName + "' but this address is routed to '" + expectedKey + "'");
    }
    long now = clock.getAsLong();
    RouteKey key = keys.acceptable(keyName, keyVersion, now).orElseThrow(() ->
        new EnvelopeRejectedException(RejectReason.UNKNOWN_KEY,
            "route key '" + keyName + "' version " + keyVersion + " is unknown or retired"));
    long skew;
    try {
      skew = Math.abs(Math.subtractExact(now, timestamp));
    } catch (ArithmeticException e) {
      skew = Long.MAX_VALUE; // a timestamp so far off that the difference overflows
    }
    if (skew > maxSkewMillis) {
      throw new EnvelopeRejectedException(RejectReason.STALE,
          "timestamp is " + skew + " ms off, allowed skew " + maxSkewMillis + " ms");
    }
    // A receiver's replay window starts empty: anything sealed before it existed could be a
    // replay it cannot recognise (e.g. after the host restarted an enclave), so it is refused.
    if (timestamp < createdAtMillis) {
      throw new EnvelopeRejectedException(RejectReason.STALE,
          "envelope is " + (createdAtMillis - timestamp) + " ms older than this receiver (possible replay after a restart)");
    }
    byte[] plaintext;
    try {
      SecretKeySpec k = subkey(key, sender, sender.getBytes(StandardCharsets.UTF_8));
      Cipher gcm = cipherFor(k);
      gcm.init(Cipher.DECRYPT_MODE, k, nonce(seq));
      gcm.updateAAD(aad(envelope, headerLength, address, binding));
      plaintext = gcm.doFinal(envelope, headerLength, envelope.length - headerLength);
    } catch (AEADBadTagException e) {
      throw new EnvelopeRejectedException(RejectReason.BAD_TAG, "authentication failed");
    } catch (GeneralSecurityException e) {
      throw new EnvelopeRejectedException(RejectReason.MALFORMED, e.getClass().getSimpleName());
    }
    Map<String, String> headers;
    byte[] body;
    try {
      FrameReader r = new FrameReader(plaintext, BoundaryLimits.withMaxFrameBytes(1 << 30));
      headers = r.headers("headers");
      body = r.raw(r.remaining(), "body");
    } catch (BoundaryException e) {
      // Authentic but malformed: a buggy or hostile key holder. Not delivered.
      // The detail is logged by receivers: say what is wrong, never the confidential header names.
      throw new EnvelopeRejectedException(RejectReason.MALFORMED, "protected headers are malformed");
    }
    if (!window.accept(sender, seq)) {
      throw new EnvelopeRejectedException(RejectReason.REPLAY,
          "sequence " + seq + " from " + sender + " was already delivered or is outside the window");
    }
    return new Opened(kind, sender, seq, headers, body);
  }

  private SecretKeySpec subkey(RouteKey key, String sender, byte[] senderUtf8) throws GeneralSecurityException {
    // Two levels, so the hot path hashes the short sender id once and builds no strings.
    Map<String, SecretKeySpec> perSender = derived.get(key);
    if (perSender == null) {
      if (derived.size() > MAX_CACHED_KEYS) {
        derived.clear();
      }
      perSender = derived.computeIfAbsent(key, k -> new ConcurrentHashMap<>());
    }
    SecretKeySpec k = perSender.get(sender);
    if (k == null) {
      if (perSender.size() > MAX_CACHED_KEYS) {
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
  private static Cipher cipherFor(SecretKeySpec key) {
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

  /**
   * The AAD, {@code header | u32 address length | address | binding}, in one array: GCM hashes one
   * contiguous AAD with its intrinsic, while several small updates take a slower path. The length
   * prefix keeps the address/binding split unambiguous.
   */
  private static byte[] aad(byte[] header, int headerLength, String address, byte[] binding) {
    byte[] a = address.getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[headerLength + 4 + a.length + binding.length];
    System.arraycopy(header, 0, out, 0, headerLength);
    int p = headerLength;
    out[p++] = (byte) (a.length >>> 24);
    out[p++] = (byte) (a.length >>> 16);
    out[p++] = (byte) (a.length >>> 8);
    out[p++] = (byte) a.length;
    System.arraycopy(a, 0, out, p, a.length);
    System.arraycopy(binding, 0, out, p + a.length, binding.length);
    return out;
  }

  private static GCMParameterSpec nonce(long seq) {
    byte[] n = new byte[12];
    for (int i = 0; i < 8; i++) {
      n[11 - i] = (byte) (seq >>> (8 * i));
    }
    return new GCMParameterSpec(TAG_BYTES * 8, n);
  }

  private byte[] addressTag(String address) {
    // Addresses repeat: cache their tags (bounded) instead of hashing on every message.
    byte[] tag = addressTags.get(address);
    if (tag == null) {
      byte[] d = SHA256.get().digest(address.getBytes(StandardCharsets.UTF_8));
      tag = java.util.Arrays.copyOf(d, 8);
      if (addressTags.size() > MAX_CACHED_KEYS) {
        addressTags.clear();
      }
      addressTags.put(address, tag);
    }
    return tag;
  }
}
