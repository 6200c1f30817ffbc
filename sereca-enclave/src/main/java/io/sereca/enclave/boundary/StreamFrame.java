package io.sereca.enclave.boundary;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;

/**
 * A boundary frame on a byte stream (the process backend's pipe): {@code length(u32) |
 * channel(u8) | callId(i64) | payload}, where length counts channel, call id and payload.
 *
 * @param channel {@link #ECALL}, {@link #RESULT} or {@link #OCALL}
 * @param callId the ecall this frame belongs to (ocalls carry the id of the ecall that emitted them)
 * @param payload the ecall, result or ocall frame
 */
public record StreamFrame(int channel, long callId, byte[] payload) {

  /** Host to enclave: an ecall. */
  public static final int ECALL = 1;
  /** Enclave to host: the result of an ecall. */
  public static final int RESULT = 2;
  /** Enclave to host: an ocall. */
  public static final int OCALL = 3;

  private static final int HEADER = 1 + 8;

  /** Writes this frame (the caller flushes). */
  public void writeTo(DataOutputStream out) throws IOException {
    out.writeInt(HEADER + payload.length);
    out.writeByte(channel);
    out.writeLong(callId);
    out.write(payload);
  }

  /**
   * Reads one frame, validating its length before allocating anything.
   *
   * @return the frame, or null on a clean end of stream between frames
   * @throws BoundaryException if the length or channel is invalid
   * @throws EOFException if the stream ends inside a frame
   */
  public static StreamFrame readFrom(DataInputStream in, BoundaryLimits limits) throws IOException {
    int first = in.read();
    if (first < 0) {
      return null;
    }
    int length = (first << 24) | (in.readUnsignedByte() << 16) | (in.readUnsignedByte() << 8)
        | in.readUnsignedByte();
    if (length < HEADER) {
      throw new BoundaryException("stream frame length " + length + " below the header size");
    }
    limits.checkFrame((long) length - HEADER);
    int channel = in.readUnsignedByte();
    if (channel < ECALL || channel > OCALL) {
      throw new BoundaryException("stream frame has unknown channel " + channel);
    }
    long callId = in.readLong();
    byte[] payload = new byte[length - HEADER];
    in.readFully(payload);
    return new StreamFrame(channel, callId, payload);
  }
}
