package io.sereca.keeper.internal;

import java.io.DataInput;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.apache.jute.BinaryInputArchive;
import org.apache.jute.Record;

/** Reading ZooKeeper's jute records, with errors that name the frame's problem ({@link FrameOut} writes them). */
final class Jute {

  private Jute() {}

  /** A reader over one frame's bytes (without its length prefix). */
  static final class Reader {
    private final FrameInput bytes;
    private final BinaryInputArchive archive;

    Reader(byte[] frame) {
      this.bytes = new FrameInput(frame);
      this.archive = new BinaryInputArchive(bytes);
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
      return bytes.pos;
    }

    boolean atEnd() {
      return bytes.remaining() == 0;
    }

    /** The bytes not read yet (and consumes them). */
    byte[] rest() {
      byte[] rest = Arrays.copyOfRange(bytes.frame, bytes.pos, bytes.frame.length);
      bytes.pos = bytes.frame.length;
      return rest;
    }

    /** Requires that the whole frame was read. */
    void end() {
      if (bytes.remaining() != 0) {
        throw new FrameException(bytes.remaining() + " unexpected trailing bytes at offset " + offset());
      }
    }
  }

  /**
   * Big-endian reads straight from the frame's array. Jute's own route ({@code getArchive} over a
   * {@code ByteArrayInputStream}) goes through a DataInputStream whose every int is four
   * synchronized single-byte reads: about a tenth of the keeper's own CPU per request in a profile.
   * A read past the end is an {@link EOFException}, as from a stream.
   */
  static final class FrameInput implements DataInput {
    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private final byte[] frame;
    private int pos;

    FrameInput(byte[] frame) {
      this.frame = frame;
    }

    int remaining() {
      return frame.length - pos;
    }

    private int take(int n) throws EOFException {
      if (n > frame.length - pos) {
        pos = frame.length;
        throw new EOFException("frame ends " + n + " bytes too early for a field");
      }
      int at = pos;
      pos += n;
      return at;
    }

    @Override
    public void readFully(byte[] b) throws IOException {
      readFully(b, 0, b.length);
    }

    @Override
    public void readFully(byte[] b, int off, int len) throws IOException {
      System.arraycopy(frame, take(len), b, off, len);
    }

    @Override
    public int skipBytes(int n) {
      int skipped = Math.max(0, Math.min(n, remaining()));
      pos += skipped;
      return skipped;
    }

    @Override
    public boolean readBoolean() throws IOException {
      return frame[take(1)] != 0;
    }

    @Override
    public byte readByte() throws IOException {
      return frame[take(1)];
    }

    @Override
    public int readUnsignedByte() throws IOException {
      return frame[take(1)] & 0xFF;
    }

    @Override
    public short readShort() throws IOException {
      return (short) SHORT.get(frame, take(2));
    }

    @Override
    public int readUnsignedShort() throws IOException {
      return readShort() & 0xFFFF;
    }

    @Override
    public char readChar() throws IOException {
      return (char) readShort();
    }

    @Override
    public int readInt() throws IOException {
      return (int) INT.get(frame, take(4));
    }

    @Override
    public long readLong() throws IOException {
      return (long) LONG.get(frame, take(8));
    }

    @Override
    public float readFloat() throws IOException {
      return Float.intBitsToFloat(readInt());
    }

    @Override
    public double readDouble() throws IOException {
      return Double.longBitsToDouble(readLong());
    }

    @Override
    public String readLine() {
      // DataInput's contract: bytes as Latin-1 chars up to \n, \r or \r\n; null at the end.
      if (remaining() == 0) {
        return null;
      }
      StringBuilder line = new StringBuilder();
      while (pos < frame.length) {
        char c = (char) (frame[pos++] & 0xFF);
        if (c == '\n') {
          break;
        }
        if (c == '\r') {
          if (pos < frame.length && frame[pos] == '\n') {
            pos++;
          }
          break;
        }
        line.append(c);
      }
      return line.toString();
    }

    @Override
    public String readUTF() throws IOException {
      return DataInputStream.readUTF(this);
    }
  }
}
