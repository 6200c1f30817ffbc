package io.sereca.keeper.internal;

import org.apache.jute.Record;

/**
 * A frame to send, not serialised yet: jute records followed by raw bytes (the length prefix is
 * added when it is written). Rewriters return these instead of bytes so that serialisation
 * happens once, on the connection's event loop, straight into the socket's buffer
 * ({@link FrameOut}), even when the crypto core completed on another thread.
 */
record OutFrame(Record[] records, byte[] tail) {

  private static final Record[] NO_RECORDS = new Record[0];
  private static final byte[] NO_BYTES = new byte[0];

  /** A frame of records. */
  static OutFrame of(Record... records) {
    return new OutFrame(records, NO_BYTES);
  }

  /** A frame around raw bytes (a frame's payload as it was received). */
  static OutFrame raw(byte[] payload) {
    return new OutFrame(NO_RECORDS, payload);
  }
}
