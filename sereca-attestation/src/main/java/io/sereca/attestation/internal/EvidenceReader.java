package io.sereca.attestation.internal;

import io.sereca.attestation.MalformedEvidenceException;
import java.util.Arrays;

/**
 * Reads big-endian fields from evidence bytes, refusing to read past the end. Every read names
 * its field so that truncation errors say exactly where the evidence broke off.
 */
public final class EvidenceReader {

  private final byte[] buffer;
  private int position;

  /** Reads {@code buffer} from offset 0; the buffer is not copied, so do not change it meanwhile. */
  public EvidenceReader(byte[] buffer) {
    this.buffer = buffer;
  }

  /** The offset of the next byte to read. */
  public int offset() {
    return position;
  }

  /** How many bytes are left. */
  public int remaining() {
    return buffer.length - position;
  }

  /** Reads an unsigned byte. */
  public int u8(String field) throws MalformedEvidenceException {
    require(field, 1);
    return buffer[position++] & 0xFF;
  }

  /** Reads a big-endian unsigned 16-bit integer. */
  public int u16(String field) throws MalformedEvidenceException {
    require(field, 2);
    int value = ((buffer[position] & 0xFF) << 8) | (buffer[position + 1] & 0xFF);
    position += 2;
    return value;
  }

  /** Reads a big-endian signed 64-bit integer. */
  public long i64(String field) throws MalformedEvidenceException {
    require(field, 8);
    long value = 0;
    for (int i = 0; i < 8; i++) {
      value = (value << 8) | (buffer[position + i] & 0xFF);
    }
    position += 8;
    return value;
  }

  /** Reads {@code length} bytes into a new array; {@code length} must already be bounded. */
  public byte[] bytes(String field, int length) throws MalformedEvidenceException {
    require(field, length);
    byte[] value = Arrays.copyOfRange(buffer, position, position + length);
    position += length;
    return value;
  }

  private void require(String field, int length) throws MalformedEvidenceException {
    // Compare against what is left rather than computing position + length, which cannot overflow
    // here but keeps the check obviously correct.
    if (length < 0 || length > buffer.length - position) {
      throw new MalformedEvidenceException(
          "evidence truncated in field '" + field + "' at offset " + position
              + " (needs " + length + " bytes, " + (buffer.length - position) + " left)");
    }
  }
}
