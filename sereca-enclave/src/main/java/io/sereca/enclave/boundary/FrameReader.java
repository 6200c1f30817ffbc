package io.sereca.enclave.boundary;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads one frame, checking every declared length against what is left and against {@link
 * BoundaryLimits}. Errors name the field being read.
 *
 * <p>Every byte of the frame is read at most once, into values or private copies that are
 * checked after the read: the frame may be memory the host can still write while it is decoded
 * (the {@code sim} backend hands the enclave the host's own array), and a value checked in place
 * could change before it is used. So the enclave decodes host frames without copying them first.
 */
public final class FrameReader {

  private final byte[] buf;
  private final BoundaryLimits limits;
  private int pos;

  /** Reads {@code frame}, which may be shared with the host (see the class comment). */
  public FrameReader(byte[] frame, BoundaryLimits limits) {
    limits.checkFrame(frame.length);
    this.buf = frame;
    this.limits = limits;
  }

  private void need(int n, String field) {
    if (n < 0 || buf.length - pos < n) {
      throw new BoundaryException(
          "frame truncated in field '" + field + "' (needs " + n + " bytes, "
              + (buf.length - pos) + " left)");
    }
  }

  /** Reads an unsigned byte. */
  public int u8(String field) {
    need(1, field);
    return buf[pos++] & 0xFF;
  }

  /** Reads an unsigned 16-bit integer. */
  public int u16(String field) {
    need(2, field);
    int v = ((buf[pos] & 0xFF) << 8) | (buf[pos + 1] & 0xFF);
    pos += 2;
    return v;
  }

  /** Reads a signed 32-bit integer. */
  public int i32(String field) {
    need(4, field);
    int v = 0;
    for (int i = 0; i < 4; i++) {
      v = (v << 8) | (buf[pos++] & 0xFF);
    }
    return v;
  }

  /** Reads a signed 64-bit integer. */
  public long i64(String field) {
    need(8, field);
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = (v << 8) | (buf[pos++] & 0xFF);
    }
    return v;
  }

  /** Reads {@code n} raw bytes. */
  public byte[] raw(int n, String field) {
    need(n, field);
    byte[] out = Arrays.copyOfRange(buf, pos, pos + n);
    pos += n;
    return out;
  }

  /** Reads a u32-length-prefixed byte string of at most {@code max} bytes. */
  public byte[] bytes(String field, int max) {
    return raw(length(field, max), field);
  }

  private int length(String field, int max) {
    int n = i32(field + ".length");
    if (n < 0 || n > max) {
      throw new BoundaryException("field '" + field + "' length " + n + " outside 0.." + max);
    }
    return n;
  }

  /**
   * Reads a u32-length-prefixed byte string of at most {@code max} bytes as a range of the frame,
   * without copying it. Only for frames the reader owns outright (the host's decode of ocalls):
   * a range of a frame the other side can still write is not a checked value.
   */
  public Ocall.Body slice(String field, int max) {
    int n = length(field, max);
    need(n, field);
    Ocall.Body out = new Ocall.Body(buf, pos, n);
    pos += n;
    return out;
  }

  /** Reads a u16-length-prefixed UTF-8 string of at most {@code maxBytes} bytes. */
  public String string(String field, int maxBytes) {
    return string(field, "", maxBytes);
  }

  // The field's name is only built (field + suffix) for an error: readers of many small strings,
  // such as header maps, would otherwise concatenate names for every value read.
  private String string(String field, String suffix, int maxBytes) {
    if (buf.length - pos < 2) {
      need(2, field + suffix + ".length");
    }
    int n = ((buf[pos] & 0xFF) << 8) | (buf[pos + 1] & 0xFF);
    pos += 2;
    if (n > maxBytes) {
      throw new BoundaryException("field '" + field + suffix + "' length " + n + " exceeds " + maxBytes);
    }
    if (buf.length - pos < n) {
      need(n, field + suffix);
    }
    // One read of the bytes into a private copy (Latin-1 keeps every byte), checked afterwards:
    // the frame may be memory the host can still write, so nothing is validated in place and
    // read again.
    String latin1 = new String(buf, pos, n, StandardCharsets.ISO_8859_1);
    pos += n;
    if (isAscii(latin1)) {
      // ASCII is valid UTF-8 and decodes byte for byte: no decoder needed.
      return latin1;
    }
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(java.nio.ByteBuffer.wrap(latin1.getBytes(StandardCharsets.ISO_8859_1)))
          .toString();
    } catch (CharacterCodingException e) {
      throw new BoundaryException("field '" + field + suffix + "' is not valid UTF-8");
    }
  }

  private static boolean isAscii(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) >= 0x80) {
        return false;
      }
    }
    return true;
  }

  /** Reads an event-bus address: non-empty, bounded, no control characters. */
  public String address(String field) {
    String a = string(field, BoundaryLimits.MAX_ADDRESS_BYTES);
    if (a.isEmpty()) {
      throw new BoundaryException("field '" + field + "' is empty");
    }
    for (int i = 0; i < a.length(); i++) {
      if (Character.isISOControl(a.charAt(i))) {
        throw new BoundaryException("field '" + field + "' contains a control character");
      }
    }
    return a;
  }

  /** Reads a header map, bounded in count and sizes; duplicate names are rejected. */
  public Map<String, String> headers(String field) {
    if (buf.length - pos < 2) {
      need(2, field + ".count");
    }
    int count = u16(field);
    if (count > BoundaryLimits.MAX_HEADERS) {
      throw new BoundaryException(
          "field '" + field + "' has " + count + " headers, limit " + BoundaryLimits.MAX_HEADERS);
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (int i = 0; i < count; i++) {
      String name = string(field, ".name", BoundaryLimits.MAX_HEADER_NAME_BYTES);
      String value = string(field, ".value", BoundaryLimits.MAX_TEXT_BYTES);
      if (out.put(name, value) != null) {
        throw new BoundaryException("field '" + field + "' repeats header '" + name + "'");
      }
    }
    return Collections.unmodifiableMap(out);
  }

  /** Bytes not yet read. */
  public int remaining() {
    return buf.length - pos;
  }

  /** The limits in force. */
  public BoundaryLimits limits() {
    return limits;
  }

  /** Throws unless the whole frame was consumed: trailing bytes mean a confused or hostile peer. */
  public void end(String frameName) {
    if (pos != buf.length) {
      throw new BoundaryException(
          (buf.length - pos) + " trailing bytes after " + frameName + " frame");
    }
  }
}
