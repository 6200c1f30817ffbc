package io.sereca.bus.internal;

import io.sereca.enclave.bus.RouteCipher;
import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;

/** What travels on the plain event bus for a protected address: an envelope as a Buffer. */
final class Wire {

  private Wire() {}

  /** The body as bytes if it is binary (Buffer or byte[]), else null. */
  static byte[] bytes(Object body) {
    if (body instanceof Buffer b) {
      return b.getBytes();
    }
    if (body instanceof byte[] b) {
      return b;
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

  /** Whether a wire body starts like an envelope, without copying it. */
  static boolean looksLikeEnvelope(Object body) {
    if (body instanceof Buffer b) {
      return RouteCipher.looksLikeEnvelope(b.getBytes(0, Math.min(4, b.length())));
    }
    if (body instanceof byte[] b) {
      return RouteCipher.looksLikeEnvelope(b);
    }
    return false;
  }
}
