package io.sereca.bus.internal;

import io.sereca.enclave.bus.KeyRing;
import io.sereca.enclave.bus.RejectReason;
import io.sereca.enclave.bus.RouteCipher;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * An independent model of the envelope's public header, as a malicious host sees it, and of the
 * order of the receiver's checks (format, address, key name, key version, timestamp, tag). Tests
 * use it to edit header fields and to predict the exact reject reason of any tampered envelope.
 */
public final class EnvelopeModel {

  private EnvelopeModel() {}

  /** Offsets of the header fields of a well-formed envelope. */
  public record Layout(int keyNameLength, int keyVersion, int senderLength, int sequence, int timestamp,
      int ciphertext) {}

  /** The layout of a well-formed envelope. */
  public static Layout layout(byte[] envelope) {
    int keyName = 13;
    int keyVersion = keyName + (envelope[12] & 0xFF);
    int senderLength = keyVersion + 4;
    int sequence = senderLength + 1 + (envelope[senderLength] & 0xFF);
    return new Layout(12, keyVersion, senderLength, sequence, sequence + 8, sequence + 16);
  }

  /** A copy with the key version field replaced. */
  public static byte[] withKeyVersion(byte[] envelope, int version) {
    byte[] out = envelope.clone();
    ByteBuffer.wrap(out).putInt(layout(envelope).keyVersion(), version);
    return out;
  }

  /** The timestamp field. */
  public static long timestamp(byte[] envelope) {
    return ByteBuffer.wrap(envelope).getLong(layout(envelope).timestamp());
  }

  /** A copy with the timestamp field replaced. */
  public static byte[] withTimestamp(byte[] envelope, long timestamp) {
    byte[] out = envelope.clone();
    ByteBuffer.wrap(out).putLong(layout(envelope).timestamp(), timestamp);
    return out;
  }

  /** The key version field. */
  public static int keyVersion(byte[] envelope) {
    return ByteBuffer.wrap(envelope).getInt(layout(envelope).keyVersion());
  }

  /**
   * The reason a receiver on {@code address} must give for {@code tampered}, an envelope that is
   * not byte-identical to any authentic one.
   *
   * @param keyName the key name the route table gives {@code address}
   */
  public static RejectReason expected(byte[] tampered, String address, String keyName, KeyRing ring, long now,
      long maxSkewMillis) {
    if (!RouteCipher.looksLikeEnvelope(tampered)) {
      return RejectReason.PLAINTEXT;
    }
    ByteBuffer b = ByteBuffer.wrap(tampered);
    b.position(3);
    int kind = b.get() & 0xFF;
    if (kind >= RouteCipher.Kind.values().length || b.remaining() < 8 + 1) {
      return RejectReason.MALFORMED;
    }
    byte[] tag = new byte[8];
    b.get(tag);
    int nameLength = b.get() & 0xFF;
    if (b.remaining() < nameLength + 4 + 1) {
      return RejectReason.MALFORMED;
    }
    byte[] name = new byte[nameLength];
    b.get(name);
    int version = b.getInt();
    int senderLength = b.get() & 0xFF;
    if (b.remaining() < senderLength + 16) {
      return RejectReason.MALFORMED;
    }
    b.position(b.position() + senderLength);
    b.getLong();
    long timestamp = b.getLong();
    if (b.remaining() < 16 || senderLength == 0) {
      return RejectReason.MALFORMED;
    }
    if (!Arrays.equals(tag, addressTag(address))) {
      return RejectReason.WRONG_ADDRESS;
    }
    if (!Arrays.equals(name, keyName.getBytes(StandardCharsets.US_ASCII))) {
      return RejectReason.WRONG_ADDRESS;
    }
    if (ring.acceptable(keyName, version, now).isEmpty()) {
      return RejectReason.UNKNOWN_KEY;
    }
    // The difference is taken without overflow: a timestamp near Long.MIN_VALUE is stale too.
    if (java.math.BigInteger.valueOf(now).subtract(java.math.BigInteger.valueOf(timestamp)).abs()
        .compareTo(java.math.BigInteger.valueOf(maxSkewMillis)) > 0) {
      return RejectReason.STALE;
    }
    // Receivers in these tests are created at `now`: anything sealed before them is stale too.
    if (timestamp < now) {
      return RejectReason.STALE;
    }
    return RejectReason.BAD_TAG;
  }

  static byte[] addressTag(String address) {
    try {
      return Arrays.copyOf(MessageDigest.getInstance("SHA-256").digest(address.getBytes(StandardCharsets.UTF_8)), 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
