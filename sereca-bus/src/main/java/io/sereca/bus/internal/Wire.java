package io.sereca.bus.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.sereca.enclave.bus.RouteCipher;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;

/** What travels on the plain event bus for a protected address: an envelope as a Buffer. */
final class Wire {

  private Wire() {}

  /** A range of an array. */
  record Slice(byte[] array, int offset, int length) {}

  /**
   * A binary body (Buffer or byte[]) as a range of an array, else null. A Buffer backed by a heap
   * array (what the event bus decodes a message into, and what {@code Buffer.buffer(...)} makes)
   * is read in place; any other Buffer is copied.
   */
  static Slice slice(Object body) {
    if (body instanceof Buffer b) {
      if (b instanceof BufferInternal bi) {
        ByteBuf buf = bi.getByteBuf();
        if (buf.hasArray()) {
          return new Slice(buf.array(), buf.arrayOffset() + buf.readerIndex(), buf.readableBytes());
        }
      }
      byte[] bytes = b.getBytes();
      return new Slice(bytes, 0, bytes.length);
    }
    if (body instanceof byte[] b) {
      return new Slice(b, 0, b.length);
    }
    return null;
  }

  /**
   * A Buffer over {@code bytes}, without copying them: for arrays made for the occasion (an
   * envelope just sealed, a body just opened) that nobody else holds.
   */
  static Buffer wrap(byte[] bytes) {
    return BufferInternal.buffer(Unpooled.wrappedBuffer(bytes));
  }

  /** A Buffer over {@code bytes[offset, offset + length)}, without copying (as {@link #wrap(byte[])}). */
  static Buffer wrap(byte[] bytes, int offset, int length) {
    return BufferInternal.buffer(Unpooled.wrappedBuffer(bytes, offset, length));
  }

  /** Whether a wire body starts like an envelope, without copying it. */
  static boolean looksLikeEnvelope(Object body) {
    if (body instanceof Buffer b) {
      return b.length() > 3 && RouteCipher.looksLikeEnvelope(b.getBytes(0, 4));
    }
    if (body instanceof byte[] b) {
      return RouteCipher.looksLikeEnvelope(b);
    }
    return false;
  }

  /** Whether a slice starts like an envelope. */
  static boolean looksLikeEnvelope(Slice s) {
    return RouteCipher.looksLikeEnvelope(s.array(), s.offset(), s.length());
  }
}
