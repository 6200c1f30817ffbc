package io.sereca.keeper.internal;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.parsetools.RecordParser;
import java.util.function.Consumer;

/**
 * Splits a ZooKeeper byte stream into frames: a 4-byte big-endian length, then that many bytes.
 * A length that is not positive or above the limit (jute.maxbuffer) is reported once and the
 * stream is ignored from then on: the connection is closed by the caller.
 */
final class FrameParser implements Handler<Buffer> {

  private final RecordParser parser;
  private final int maxFrameBytes;
  private final Consumer<byte[]> onFrame;
  private final Consumer<String> onError;
  private boolean inBody;
  private boolean failed;

  FrameParser(int maxFrameBytes, Consumer<byte[]> onFrame, Consumer<String> onError) {
    this.maxFrameBytes = maxFrameBytes;
    this.onFrame = onFrame;
    this.onError = onError;
    this.parser = RecordParser.newFixed(4, this::record);
  }

  private void record(Buffer buffer) {
    if (failed) {
      return;
    }
    if (!inBody) {
      int len = buffer.getInt(0);
      if (len <= 0 || len > maxFrameBytes) {
        failed = true;
        onError.accept("frame length " + len + " outside 1.." + maxFrameBytes + " (jute.maxbuffer)");
        return;
      }
      inBody = true;
      parser.fixedSizeMode(len);
    } else {
      inBody = false;
      parser.fixedSizeMode(4);
      onFrame.accept(buffer.getBytes());
    }
  }

  @Override
  public void handle(Buffer data) {
    if (!failed) {
      parser.handle(data);
    }
  }

  /** Whether a partial frame is pending (the stream ended mid-frame if it closes now). */
  boolean midFrame() {
    return inBody;
  }
}
