package io.sereca.attestation.internal;

import io.sereca.attestation.MalformedEvidenceException;
import java.util.Arrays;

/**
 * Reads little-endian fields of hardware evidence (Intel quotes, AMD reports) at explicit
 * offsets, refusing to read past the end. Every read names its field, so that a truncation error
 * says where the evidence broke off. {@code base} is added to offsets in messages, so that a
 * reader over an embedded structure reports offsets in the whole evidence.
 */
public final class LittleEndianReader {

  private final byte[] buffer;
  private final int base;
  private final String what;

  /** Reads {@code buffer}; offsets in messages are {@code base} + the offset in the buffer. */
  public LittleEndianReader(byte[] buffer, int base, String what) {
    this.buffer = buffer;
    this.base = base;
    this.what = what;
  }

  /** Reads a whole top-level buffer. */
  public LittleEndianReader(byte[] buffer, String what) {
    this(buffer, 0, what);
  }

  /** The number of bytes readable. */
  public int length() {
    return buffer.length;
  }

  /** The offset of {@code offset} in the whole evidence, for messages. */
  public int absolute(int offset) {
    return base + offset;
  }

  /** Reads an unsigned byte at {@code offset}. */
  public int u8(String field, int offset) throws MalformedEvidenceException {
    require(field, offset, 1);
    return buffer[offset] & 0xFF;
  }

  /** Reads an unsigned 16-bit integer at {@code offset}. */
  public int u16(String field, int offset) throws MalformedEvidenceException {
    require(field, offset, 2);
    return (buffer[offset] & 0xFF) | (buffer[offset + 1] & 0xFF) << 8;
  }

  /** Reads an unsigned 32-bit integer at {@code offset} (as a long, it may exceed int). */
  public long u32(String field, int offset) throws MalformedEvidenceException {
    require(field, offset, 4);
    return (buffer[offset] & 0xFFL) | (buffer[offset + 1] & 0xFFL) << 8
        | (buffer[offset + 2] & 0xFFL) << 16 | (buffer[offset + 3] & 0xFFL) << 24;
  }

  /** Reads a 64-bit integer at {@code offset} (bit pattern; callers treat it as flags). */
  public long u64(String field, int offset) throws MalformedEvidenceException {
    require(field, offset, 8);
    long value = 0;
    for (int i = 7; i >= 0; i--) {
      value = value << 8 | (buffer[offset + i] & 0xFFL);
    }
    return value;
  }

  /** Copies {@code length} bytes at {@code offset}. */
  public byte[] bytes(String field, int offset, int length) throws MalformedEvidenceException {
    require(field, offset, length);
    return Arrays.copyOfRange(buffer, offset, offset + length);
  }

  /**
   * A length field read from the evidence, checked to fit in what is left after {@code offset}.
   *
   * @throws MalformedEvidenceException if it is larger than the bytes available
   */
  public int declaredLength(String field, int fieldOffset, long declared, int dataOffset)
      throws MalformedEvidenceException {
    long left = (long) buffer.length - dataOffset;
    if (declared < 0 || declared > left) {
      throw new MalformedEvidenceException(what + ": field '" + field + "' at offset "
          + absolute(fieldOffset) + " declares " + declared + " bytes but only " + Math.max(0, left)
          + " follow");
    }
    return (int) declared;
  }

  /** A failure naming {@code field} at {@code offset}. */
  public MalformedEvidenceException invalid(String field, int offset, String problem) {
    return new MalformedEvidenceException(
        what + ": field '" + field + "' at offset " + absolute(offset) + ": " + problem);
  }

  private void require(String field, int offset, int length) throws MalformedEvidenceException {
    if (offset < 0 || length < 0 || offset > buffer.length - length) {
      throw new MalformedEvidenceException(what + " truncated in field '" + field + "' at offset "
          + absolute(offset) + " (needs " + length + " bytes, "
          + Math.max(0, buffer.length - Math.max(0, offset)) + " left)");
    }
  }
}
