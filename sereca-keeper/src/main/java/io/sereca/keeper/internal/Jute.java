package io.sereca.keeper.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.apache.jute.BinaryInputArchive;
import org.apache.jute.BinaryOutputArchive;
import org.apache.jute.Record;

/** Reading and writing ZooKeeper's jute records, with errors that name the frame's problem. */
final class Jute {

  private Jute() {}

  /** A reader over one frame's bytes (without its length prefix). */
  static final class Reader {
    private final ByteArrayInputStream bytes;
    private final BinaryInputArchive archive;
    private final int length;

    Reader(byte[] frame) {
      this.length = frame.length;
      this.bytes = new ByteArrayInputStream(frame);
      this.archive = BinaryInputArchive.getArchive(bytes);
    }

    /** Reads {@code record}; a truncated or malformed record is a {@link FrameException}. */
    <T extends Record> T read(T record) {
      int at = offset();
      try {
        record.deserialize(archive, "");
        return record;
      } catch (IOException | RuntimeException e) {
        throw new FrameException("malformed " + record.getClass().getSimpleName() + " at offset " + at
            + ": " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage()));
      }
    }

    /** The archive, for records read field by field. */
    BinaryInputArchive archive() {
      return archive;
    }

    int offset() {
      return length - bytes.available();
    }

    boolean atEnd() {
      return bytes.available() == 0;
    }

    /** The bytes not read yet (and consumes them). */
    byte[] rest() {
      return bytes.readAllBytes();
    }

    /** Requires that the whole frame was read. */
    void end() {
      if (bytes.available() != 0) {
        throw new FrameException(bytes.available() + " unexpected trailing bytes at offset " + offset());
      }
    }
  }

  /** A frame: 4-byte length, then the records. */
  static byte[] frame(Record... records) {
    return frame(records, new byte[0]);
  }

  /** A frame: 4-byte length, the records, then raw bytes. */
  static byte[] frame(Record[] records, byte[] tail) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
    bytes.write(0);
    bytes.write(0);
    bytes.write(0);
    bytes.write(0);
    BinaryOutputArchive archive = BinaryOutputArchive.getArchive(bytes);
    try {
      for (Record r : records) {
        r.serialize(archive, "");
      }
    } catch (IOException e) {
      throw new IllegalStateException("writing to memory failed", e);
    }
    bytes.writeBytes(tail);
    byte[] out = bytes.toByteArray();
    int len = out.length - 4;
    out[0] = (byte) (len >>> 24);
    out[1] = (byte) (len >>> 16);
    out[2] = (byte) (len >>> 8);
    out[3] = (byte) len;
    return out;
  }

  /** A frame around raw bytes. */
  static byte[] frame(byte[] payload) {
    byte[] out = new byte[payload.length + 4];
    int len = payload.length;
    out[0] = (byte) (len >>> 24);
    out[1] = (byte) (len >>> 16);
    out[2] = (byte) (len >>> 8);
    out[3] = (byte) len;
    System.arraycopy(payload, 0, out, 4, len);
    return out;
  }
}
