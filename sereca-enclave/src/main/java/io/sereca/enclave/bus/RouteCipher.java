package io.sereca.enclave.bus;

import static io.sereca.enclave.bus.EnvelopeBytes.asciiEquals;
import static io.sereca.enclave.bus.EnvelopeBytes.getInt;
import static io.sereca.enclave.bus.EnvelopeBytes.getLong;
import static io.sereca.enclave.bus.EnvelopeBytes.putInt;
import static io.sereca.enclave.bus.EnvelopeBytes.putLong;

import io.sereca.enclave.boundary.BoundaryException;
import io.sereca.enclave.boundary.BoundaryLimits;
import io.sereca.enclave.boundary.FrameReader;
import io.sereca.enclave.boundary.FrameWriter;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
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
  private static final byte VERSION = 1;
  private static final int TAG_BYTES = 16;
  private static final int MAX_SENDER_BYTES = 128;
  /** Header bytes besides the key name and the sender id. */
  private static final int FIXED_HEADER_BYTES = 2 + 1 + 1 + 8 + 1 + 4 + 1 + 8 + 8;
  private static final int MAX_ENVELOPE_BYTES = 1 << 30;
  private static final byte[] NO_BINDING = new byte[0];

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

  private static final Kind[] KINDS = Kind.values();

  /**
   * An opened envelope: kind, sender, sequence, protected headers and body. The body stays in the
   * decrypted plaintext (after the headers); {@link #body()} copies it out on first use,
   * {@link #bodyArray()} with {@link #bodyOffset()} and {@link #bodyLength()} read it in place.
   */
  public static final class Opened {
    private final Kind kind;
    private final String sender;
    private final long sequence;
    private final Map<String, String> headers;
    private final byte[] plaintext;
    private final int bodyOffset;
    private byte[] body;

    Opened(Kind kind, String sender, long sequence, Map<String, String> headers, byte[] plaintext, int bodyOffset) {
      this.kind = kind;
      this.sender = sender;
      this.sequence = sequence;
      this.headers = headers;
      this.plaintext = plaintext;
      this.bodyOffset = bodyOffset;
    }

    /** The message kind. */
    public Kind kind() {
      return kind;
    }

    /** The sender instance's id. */
    public String sender() {
      return sender;
    }

    /** The sender's sequence number. */
    public long sequence() {
      return sequence;
    }

    /** The protected headers (unmodifiable). */
    public Map<String, String> headers() {
      return headers;
    }

    /** The plaintext body (the same array on every call; made for this message only). */
    public byte[] body() {
      byte[] b = body;
      if (b == null) {
        b = bodyOffset == 0 ? plaintext : Arrays.copyOfRange(plaintext, bodyOffset, plaintext.length);
        body = b;
      }
      return b;
    }

    /** The array holding the body at {@link #bodyOffset()}; made for this message only. */
    public byte[] bodyArray() {
      return plaintext;
    }

    /** Where the body starts in {@link #bodyArray()}. */
    public int bodyOffset() {
      return bodyOffset;
    }

    /** The body's length in bytes. */
    public int bodyLength() {
      return plaintext.length - bodyOffset;
    }

    /** The binding a reply to this request must carry. */
    public byte[] replyBinding() {
      return RouteCipher.replyBinding(sender, sequence);
    }

    @Override
    public String toString() {
      return "Opened{" + kind + " from " + sender + " #" + sequence + ", " + bodyLength() + " bytes}";
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
  private final EnvelopeCaches caches;

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
    this.caches = new EnvelopeCaches();
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
    this.caches = base.caches;
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
    return looksLikeEnvelope(bytes, 0, bytes.length);
  }

  /** Whether {@code bytes[offset, offset + length)} starts like an envelope. */
  public static boolean looksLikeEnvelope(byte[] bytes, int offset, int length) {
    return length > 3 && bytes[offset] == MAGIC[0] && bytes[offset + 1] == MAGIC[1] && bytes[offset + 2] == VERSION;
  }

  /** Whether {@code address} is protected. */
  public boolean isProtected(String address) {
    return routes.isProtected(address);
  }

  /** The binding of a reply to the request (sender, sequence) it answers. */
  public static byte[] replyBinding(String requestSender, long requestSequence) {
    // u16 length | UTF-8 sender | i64 sequence, written straight into an array of the exact size.
    byte[] id = requestSender.getBytes(StandardCharsets.UTF_8);
    if (id.length > 0xFFFF) {
      throw new BoundaryException("string of " + id.length + " bytes too long to encode");
    }
    byte[] out = new byte[2 + id.length + 8];
    out[0] = (byte) (id.length >>> 8);
    out[1] = (byte) id.length;
    System.arraycopy(id, 0, out, 2, id.length);
    putLong(out, 2 + id.length, requestSequence);
    return out;
  }

  /**
   * Seals a message for {@code address} with the current version of its route key.
   *
   * @param binding empty, or for a reply {@link Opened#replyBinding()} of the request
   * @throws IllegalArgumentException if the address is not protected
   * @throws IllegalStateException if the route's key is not (yet) in the key ring
   */
  public Sealed seal(String address, Kind kind, Map<String, String> headers, byte[] body, byte[] binding) {
    return seal(address, kind, headers, body, 0, body.length, binding);
  }

  /**
   * Seals a message whose body is {@code body[offset, offset + length)}, read once and not kept
   * (so a caller can seal straight from a buffer's backing array without copying the body out).
   * Otherwise as {@link #seal(String, Kind, Map, byte[], byte[])}; the reply binding of
   * {@link Sealed} is only made for a {@link Kind#REQUEST} (empty for the other kinds).
   */
  public Sealed seal(String address, Kind kind, Map<String, String> headers, byte[] body, int offset, int length,
      byte[] binding) {
    Objects.checkFromIndexSize(offset, length, body.length);
    String keyName = routes.keyFor(address).orElseThrow(() ->
        new IllegalArgumentException("address is not protected by any route: " + address));
    RouteKey key = keys.current(keyName).orElseThrow(() ->
        new IllegalStateException("no key '" + keyName + "' for protected address " + address + " (not provisioned yet)"));
    EnvelopeCaches.Address a = caches.address(address);
    long seq = sequence.incrementAndGet();
    int kn = keyName.length();
    int headerLength = FIXED_HEADER_BYTES + kn + senderBytes.length;
    // The header is written once, into the AAD (header | address | binding), and copied into the
    // envelope from there: no intermediate frame, one contiguous AAD for GHASH.
    byte[] aad = new byte[headerLength + a.aadSuffix.length + binding.length];
    aad[0] = MAGIC[0];
    aad[1] = MAGIC[1];
    aad[2] = VERSION;
    aad[3] = (byte) kind.ordinal();
    System.arraycopy(a.tag, 0, aad, 4, 8);
    aad[12] = (byte) kn;
    int p = 13;
    for (int i = 0; i < kn; i++) {
      aad[p++] = (byte) keyName.charAt(i); // route key names are ASCII ([A-Za-z0-9._-])
    }
    p = putInt(aad, p, key.version());
    aad[p++] = (byte) senderBytes.length;
    System.arraycopy(senderBytes, 0, aad, p, senderBytes.length);
    p = putLong(aad, p + senderBytes.length, seq);
    putLong(aad, p, clock.getAsLong());
    System.arraycopy(a.aadSuffix, 0, aad, headerLength, a.aadSuffix.length);
    System.arraycopy(binding, 0, aad, headerLength + a.aadSuffix.length, binding.length);
    byte[] encodedHeaders = new FrameWriter(16).headers(headers).toByteArray();
    byte[] out = new byte[headerLength + encodedHeaders.length + length + TAG_BYTES];
    System.arraycopy(aad, 0, out, 0, headerLength);
    try {
      SecretKeySpec k = caches.ownKey(key, senderId, senderBytes);
      Cipher gcm = EnvelopeCaches.cipherFor(k);
      gcm.init(Cipher.ENCRYPT_MODE, k, nonce(seq));
      gcm.updateAAD(aad);
      int n = gcm.update(encodedHeaders, 0, encodedHeaders.length, out, headerLength);
      gcm.doFinal(body, offset, length, out, headerLength + n);
      return new Sealed(out, kind == Kind.REQUEST ? replyBinding(senderId, seq) : NO_BINDING);
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
    return open(address, envelope, 0, envelope.length, binding);
  }

  /**
   * Opens the envelope {@code envelope[offset, offset + length)}, as
   * {@link #open(String, byte[], byte[])}. The header is copied before it is parsed, so what is
   * checked is what is authenticated; the caller must still not change the bytes while this runs
   * (pass a copy if another party can write them).
   */
  public Opened open(String address, byte[] envelope, int offset, int length, byte[] binding)
      throws EnvelopeRejectedException {
    Objects.checkFromIndexSize(offset, length, envelope.length);
    String expectedKey = routes.keyFor(address).orElseThrow(() ->
        new EnvelopeRejectedException(RejectReason.MALFORMED, "address is not protected"));
    if (length > MAX_ENVELOPE_BYTES) {
      throw new EnvelopeRejectedException(RejectReason.MALFORMED, "envelope of " + length + " bytes exceeds the limit");
    }
    need(length, 2, "magic");
    if (envelope[offset] != MAGIC[0] || envelope[offset + 1] != MAGIC[1]) {
      throw new EnvelopeRejectedException(RejectReason.PLAINTEXT, "not an envelope");
    }
    need(length, 3, "version");
    int version = envelope[offset + 2] & 0xFF;
    if (version != VERSION) {
      throw new EnvelopeRejectedException(RejectReason.MALFORMED, "unsupported envelope version " + version);
    }
    need(length, 4, "kind");
    int k = envelope[offset + 3] & 0xFF;
    if (k >= KINDS.length) {
      throw new EnvelopeRejectedException(RejectReason.MALFORMED, "unknown kind " + k);
    }
    Kind kind = KINDS[k];
    need(length, 13, "keyName.length");
    int kn = envelope[offset + 12] & 0xFF;
    need(length, 13 + kn + 4 + 1, "sender.length");
    int sn = envelope[offset + 13 + kn + 4] & 0xFF;
    int headerLength = FIXED_HEADER_BYTES + kn + sn;
    need(length, headerLength, "timestamp");
    if (length - headerLength < TAG_BYTES) {
      throw new EnvelopeRejectedException(RejectReason.MALFORMED, "truncated: no room for the tag");
    }
    if (sn == 0) {
      throw new EnvelopeRejectedException(RejectReason.MALFORMED, "empty sender id");
    }
    EnvelopeCaches.Address a = caches.address(address);
    // From here on the header is read from this copy, which is also what GCM authenticates.
    byte[] aad = new byte[headerLength + a.aadSuffix.length + binding.length];
    System.arraycopy(envelope, offset, aad, 0, headerLength);
    System.arraycopy(a.aadSuffix, 0, aad, headerLength, a.aadSuffix.length);
    System.arraycopy(binding, 0, aad, headerLength + a.aadSuffix.length, binding.length);
    if (!MessageDigest.isEqual(Arrays.copyOfRange(aad, 4, 12), a.tag)) {
      throw new EnvelopeRejectedException(RejectReason.WRONG_ADDRESS, "envelope was sealed for another address");
    }
    if (!asciiEquals(aad, 13, kn, expectedKey)) {
      String keyName = new String(aad, 13, kn, StandardCharsets.US_ASCII);
      throw new EnvelopeRejectedException(RejectReason.WRONG_ADDRESS,
          "envelope uses route key '" + keyName + "' but this address is routed to '" + expectedKey + "'");
    }
    int p = 13 + kn;
    int keyVersion = getInt(aad, p);
    p += 5 + sn;
    long seq = getLong(aad, p);
    long timestamp = getLong(aad, p + 8);
    long now = clock.getAsLong();
    RouteKey key = keys.acceptable(expectedKey, keyVersion, now).orElseThrow(() ->
        new EnvelopeRejectedException(RejectReason.UNKNOWN_KEY,
            "route key '" + expectedKey + "' version " + keyVersion + " is unknown or retired"));
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
    EnvelopeCaches.Sender sender;
    byte[] plaintext = new byte[length - headerLength - TAG_BYTES];
    try {
      sender = caches.sender(aad, 13 + kn + 5, sn, key);
      Cipher gcm = EnvelopeCaches.cipherFor(sender.subkey);
      gcm.init(Cipher.DECRYPT_MODE, sender.subkey, nonce(seq));
      gcm.updateAAD(aad);
      gcm.doFinal(envelope, offset + headerLength, length - headerLength, plaintext, 0);
    } catch (AEADBadTagException e) {
      throw new EnvelopeRejectedException(RejectReason.BAD_TAG, "authentication failed");
    } catch (GeneralSecurityException e) {
      throw new EnvelopeRejectedException(RejectReason.MALFORMED, e.getClass().getSimpleName());
    }
    Map<String, String> headers;
    int bodyOffset;
    try {
      FrameReader r = new FrameReader(plaintext, BoundaryLimits.withMaxFrameBytes(MAX_ENVELOPE_BYTES));
      headers = r.headers("headers");
      bodyOffset = plaintext.length - r.remaining();
    } catch (BoundaryException e) {
      // Authentic but malformed: a buggy or hostile key holder. Not delivered.
      // The detail is logged by receivers: say what is wrong, never the confidential header names.
      throw new EnvelopeRejectedException(RejectReason.MALFORMED, "protected headers are malformed");
    }
    if (!window.accept(sender.id, seq)) {
      throw new EnvelopeRejectedException(RejectReason.REPLAY,
          "sequence " + seq + " from " + sender.id + " was already delivered or is outside the window");
    }
    return new Opened(kind, sender.id, seq, headers, plaintext, bodyOffset);
  }

  private static void need(int length, int n, String field) throws EnvelopeRejectedException {
    if (length < n) {
      throw new EnvelopeRejectedException(RejectReason.MALFORMED,
          "frame truncated in field '" + field + "' (" + length + " bytes)");
    }
  }

  private static GCMParameterSpec nonce(long seq) {
    byte[] n = new byte[12];
    for (int i = 0; i < 8; i++) {
      n[11 - i] = (byte) (seq >>> (8 * i));
    }
    return new GCMParameterSpec(TAG_BYTES * 8, n);
  }
}
