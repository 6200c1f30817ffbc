package io.sereca.keeper.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import org.apache.jute.BinaryInputArchive;
import org.apache.jute.Record;

/** Reading ZooKeeper's jute records, with errors that name the frame's problem ({@link FrameOut} writes them). */
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
}
