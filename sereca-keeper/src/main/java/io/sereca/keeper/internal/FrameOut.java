package io.sereca.keeper.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.jute.BinaryOutputArchive;
import org.apache.jute.Record;

/**
 * Serialises {@link OutFrame}s into buffers of the socket's own (pooled, direct) allocator: one
 * copy per frame, where building a byte array and handing it to the socket cost four (the
 * stream's growth, {@code toByteArray}, Vert.x's {@code Buffer.buffer(byte[])} and Netty's
 * heap-to-direct copy before the write). One instance per socket, used on its event loop only;
 * the jute archive (and its string buffer) is reused for every frame.
 */
final class FrameOut implements DataOutput {

  private final ByteBufAllocator alloc;
  private final BinaryOutputArchive archive = new BinaryOutputArchive(this);
  private ByteBuf buf;

  FrameOut(ByteBufAllocator alloc) {
    this.alloc = alloc;
  }

  /** The frame, length prefix first, in a new buffer the caller writes (and so releases). */
  ByteBuf write(OutFrame frame) {
    ByteBuf out = alloc.directBuffer(4 + frame.tail().length + 96 * frame.records().length + 32);
    try {
      append(out, frame);
      return out;
    } catch (RuntimeException e) {
      out.release();
      throw e;
    }
  }

  /**
   * Adds the frame to the frames collected for one write: a new buffer when {@code collected} is
   * null, else {@code collected} itself with the frame appended.
   */
  ByteBuf collect(ByteBuf collected, OutFrame frame) {
    if (collected == null) {
      return write(frame);
    }
    append(collected, frame);
    return collected;
  }

  /**
   * Appends the frame, length prefix first, to {@code out} (frames for the same socket in one
   * buffer: one write for them all). On failure {@code out} is left as it was.
   */
  void append(ByteBuf out, OutFrame frame) {
    int start = out.writerIndex();
    buf = out;
    try {
      out.writeInt(0);
      for (Record r : frame.records()) {
        r.serialize(archive, "");
      }
      out.writeBytes(frame.tail());
      out.setInt(start, out.writerIndex() - start - 4);
    } catch (IOException | RuntimeException e) {
      out.writerIndex(start);
      throw new IllegalStateException("serialising a frame failed: " + e.getClass().getSimpleName(), e);
    } finally {
      buf = null;
    }
  }

  @Override
  public void write(int b) {
    buf.writeByte(b);
  }

  @Override
  public void write(byte[] b) {
    buf.writeBytes(b);
  }

  @Override
  public void write(byte[] b, int off, int len) {
    buf.writeBytes(b, off, len);
  }

  @Override
  public void writeBoolean(boolean v) {
    buf.writeBoolean(v);
  }

  @Override
  public void writeByte(int v) {
    buf.writeByte(v);
  }

  @Override
  public void writeShort(int v) {
    buf.writeShort(v);
  }

  @Override
  public void writeChar(int v) {
    buf.writeChar(v);
  }

  @Override
  public void writeInt(int v) {
    buf.writeInt(v);
  }

  @Override
  public void writeLong(long v) {
    buf.writeLong(v);
  }

  @Override
  public void writeFloat(float v) {
    buf.writeFloat(v);
  }

  @Override
  public void writeDouble(double v) {
    buf.writeDouble(v);
  }

  @Override
  public void writeBytes(String s) {
    buf.writeCharSequence(s, StandardCharsets.ISO_8859_1);
  }

  @Override
  public void writeChars(String s) {
    for (int i = 0; i < s.length(); i++) {
      buf.writeChar(s.charAt(i));
    }
  }

  @Override
  public void writeUTF(String s) {
    // Jute itself writes strings as a length and UTF-8 bytes; this is DataOutput's modified
    // UTF-8, for completeness, through the JDK's own encoder.
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(s.length() + 2);
    try {
      new java.io.DataOutputStream(bytes).writeUTF(s);
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException("string too long for modified UTF-8: " + e.getMessage(), e);
    }
    write(bytes.toByteArray());
  }
}
