package io.sereca.enclave.boundary;

/**
 * The enclave's answer to one ecall: {@code status(1) | payload}. Status 0 carries the result
 * bytes, status 1 a failure message naming the problem (never secret data).
 */
public final class EcallResult {

  private final boolean ok;
  private final byte[] payload;
  private final String error;

  private EcallResult(boolean ok, byte[] payload, String error) {
    this.ok = ok;
    this.payload = payload;
    this.error = error;
  }

  /** A successful result. */
  public static EcallResult ok(byte[] payload) {
    return new EcallResult(true, payload, null);
  }

  /** A failure. */
  public static EcallResult error(String message) {
    return new EcallResult(false, new byte[0], message == null ? "unknown error" : message);
  }

  /** Whether the ecall succeeded. */
  public boolean isOk() {
    return ok;
  }

  /** The result bytes (empty on failure). */
  public byte[] payload() {
    return payload;
  }

  /** The failure message, or null. */
  public String error() {
    return error;
  }

  /** Encodes as a frame. */
  public byte[] encode() {
    return ok
        ? new FrameWriter(1 + FrameWriter.bytesSize(payload)).u8(0).bytes(payload).toByteArray()
        : new FrameWriter(8 + error.length()).u8(1).string(Ecall.truncate(error)).toByteArray();
  }

  /** Decodes a result frame (the host side runs this on what the enclave returned). */
  public static EcallResult decode(byte[] frame, BoundaryLimits limits) {
    FrameReader r = new FrameReader(frame, limits);
    int status = r.u8("status");
    EcallResult result;
    if (status == 0) {
      result = ok(r.bytes("payload", limits.maxFrameBytes()));
    } else if (status == 1) {
      result = error(r.string("error", BoundaryLimits.MAX_TEXT_BYTES));
    } else {
      throw new BoundaryException("field 'status' must be 0 or 1, was " + status);
    }
    r.end("ecall result");
    return result;
  }
}
