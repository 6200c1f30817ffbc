package io.sereca.keeper.internal;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import java.util.function.Consumer;

/**
 * Splits a ZooKeeper byte stream into frames: a 4-byte big-endian length, then that many bytes.
 * A length that is not positive or above the limit (jute.maxbuffer) is reported once and the
 * stream is ignored from then on: the connection is closed by the caller.
 *
 * <p>Each frame is copied once, straight out of the socket's buffer; only the bytes of a frame
 * that is still incomplete at the end of a read are kept (copied) until the rest arrives. (Vert.x's
 * {@code RecordParser} copied every frame twice and its length prefix once.)
 */
final class FrameParser implements Handler<Buffer> {

  private final int maxFrameBytes;
  private final Consumer<byte[]> onFrame;
  private final Consumer<String> onError;
  /** Bytes of an incomplete frame (length prefix included), or null. */
  private Buffer pending;
  private boolean failed;

  FrameParser(int maxFrameBytes, Consumer<byte[]> onFrame, Consumer<String> onError) {
    this.maxFrameBytes = maxFrameBytes;
    this.onFrame = onFrame;
    this.onError = onError;
  }

  @Override
  public void handle(Buffer chunk) {
    if (failed) {
      return;
    }
    Buffer data = chunk;
    if (pending != null) {
      data = pending.appendBuffer(chunk);
      pending = null;
    }
    int n = data.length();
    int pos = 0;
    while (n - pos >= 4) {
      int len = data.getInt(pos);
      if (len <= 0 || len > maxFrameBytes) {
        failed = true;
        onError.accept("frame length " + len + " outside 1.." + maxFrameBytes + " (jute.maxbuffer)");
        return;
      }
      if (n - pos - 4 < len) {
        break;
      }
      byte[] frame = data.getBytes(pos + 4, pos + 4 + len);
      pos += 4 + len;
      onFrame.accept(frame);
      if (failed) {
        return;
      }
    }
    if (pos < n) {
      // Keep only the incomplete tail; when it was already the pending buffer, it stays as it is.
      pending = pos == 0 && data != chunk ? data : Buffer.buffer(Math.max(64, n - pos)).appendBuffer(data, pos, n - pos);
    }
  }

  /** Whether a partial frame is pending (the stream ended mid-frame if it closes now). */
  boolean midFrame() {
    return pending != null && pending.length() > 0;
  }
}
