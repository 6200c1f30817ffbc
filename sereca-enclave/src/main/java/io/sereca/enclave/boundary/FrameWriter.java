package io.sereca.enclave.boundary;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

/** Builds one frame: big-endian integers, length-prefixed byte strings. */
public final class FrameWriter {

  private byte[] buf;
  private int pos;

  /** A writer with an initial capacity hint. */
  public FrameWriter(int capacityHint) {
    buf = new byte[Math.max(16, capacityHint)];
  }

  private void ensure(int n) {
    if (pos + n > buf.length) {
      long wanted = Math.max((long) buf.length * 2, (long) pos + n);
      if (wanted > Integer.MAX_VALUE - 8) {
        throw new BoundaryException("frame too large to encode");
      }
      buf = Arrays.copyOf(buf, (int) wanted);
    }
  }

  /** Writes one unsigned byte. */
  public FrameWriter u8(int v) {
    ensure(1);
    buf[pos++] = (byte) v;
    return this;
  }

  /** Writes an unsigned 16-bit integer. */
  public FrameWriter u16(int v) {
    ensure(2);
    buf[pos++] = (byte) (v >>> 8);
    buf[pos++] = (byte) v;
    return this;
  }

  /** Writes a signed 32-bit integer. */
  public FrameWriter i32(int v) {
    ensure(4);
    for (int s = 24; s >= 0; s -= 8) {
      buf[pos++] = (byte) (v >>> s);
    }
    return this;
  }

  /** Writes a signed 64-bit integer. */
  public FrameWriter i64(long v) {
    ensure(8);
    for (int s = 56; s >= 0; s -= 8) {
      buf[pos++] = (byte) (v >>> s);
    }
    return this;
  }

  /** Writes fixed-length raw bytes (the reader must know the length). */
  public FrameWriter raw(byte[] b) {
    return raw(b, 0, b.length);
  }

  private FrameWriter raw(byte[] b, int offset, int length) {
    ensure(length);
    System.arraycopy(b, offset, buf, pos, length);
    pos += length;
    return this;
  }

  /** Writes a u32 length then the bytes. */
  public FrameWriter bytes(byte[] b) {
    i32(b.length);
    return raw(b);
  }

  /** Writes a u32 length then the bytes of {@code body}'s range. */
  public FrameWriter bytes(Ocall.Body body) {
    i32(body.length());
    return raw(body.array(), body.offset(), body.length());
  }

  /** Writes a u16 length then the UTF-8 bytes of {@code s}. */
  public FrameWriter string(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    if (b.length > 0xFFFF) {
      throw new BoundaryException("string of " + b.length + " bytes too long to encode");
    }
    u16(b.length);
    return raw(b);
  }

  /** Writes a u16 count then name/value string pairs. */
  public FrameWriter headers(Map<String, String> headers) {
    if (headers.size() > BoundaryLimits.MAX_HEADERS) {
      throw new BoundaryException(
          headers.size() + " headers exceed the limit of " + BoundaryLimits.MAX_HEADERS);
    }
    u16(headers.size());
    for (Map.Entry<String, String> e : headers.entrySet()) {
      string(e.getKey());
      string(e.getValue());
    }
    return this;
  }

  /**
   * The frame written so far, sized exactly: the writer's own array when the capacity given was
   * exact (see {@link #stringSize}, {@link #headersSize}, {@link #bytesSize}), else a copy. Large
   * bodies cross the boundary in these frames, so an exact capacity saves a copy of the body.
   * The writer must not be used after this call.
   */
  public byte[] toByteArray() {
    return pos == buf.length ? buf : Arrays.copyOf(buf, pos);
  }

  /** Encoded size of {@link #string}: the u16 length and the UTF-8 bytes. */
  public static int stringSize(String s) {
    return 2 + utf8Length(s);
  }

  /** Encoded size of {@link #bytes}: the u32 length and the bytes. */
  public static int bytesSize(byte[] b) {
    return bytesSize(b.length);
  }

  /** Encoded size of {@link #bytes} for {@code length} bytes. */
  public static int bytesSize(int length) {
    return 4 + length;
  }

  /** Encoded size of {@link #headers}: the u16 count and each name and value. */
  public static int headersSize(Map<String, String> headers) {
    int n = 2;
    for (Map.Entry<String, String> e : headers.entrySet()) {
      n += stringSize(e.getKey()) + stringSize(e.getValue());
    }
    return n;
  }

  /** Encoded size of an address, its headers and a body: {@link #string}, {@link #headers}, {@link #bytes}. */
  public static int messageSize(String address, Map<String, String> headers, byte[] body) {
    return messageSize(address, headers, body.length);
  }

  /** {@link #messageSize(String, Map, byte[])} for a body of {@code bodyLength} bytes. */
  public static int messageSize(String address, Map<String, String> headers, int bodyLength) {
    return stringSize(address) + headersSize(headers) + bytesSize(bodyLength);
  }

  // The length String.getBytes(UTF_8) produces, without encoding: a lone surrogate becomes '?'.
  private static int utf8Length(String s) {
    int n = s.length();
    int bytes = n;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c >= 0x80) {
        if (c < 0x800) {
          bytes += 1;
        } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
          bytes += 2; // two chars, four bytes
          i++;
        } else if (!Character.isSurrogate(c)) {
          bytes += 2;
        }
      }
    }
    return bytes;
  }
}
