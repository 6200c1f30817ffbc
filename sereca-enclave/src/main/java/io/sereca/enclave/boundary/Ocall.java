package io.sereca.enclave.boundary;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

/**
 * Calls from the enclave out to the host: the Vert.x Vault event-bus operations, plus request,
 * reply and log. Ocalls never return a value to the enclave; results come back as ecalls (for
 * example {@link Ecall.ReplyResult}), so the enclave never waits on the host.
 *
 * <p>The message-carrying calls ({@link Send}, {@link Publish}, {@link Request}, {@link Reply})
 * hold their body as a {@link Body}: what the enclave builds is a whole array, what the host
 * decodes is a range of the frame, so a large body leaves the boundary without another copy.
 */
public sealed interface Ocall {

  /** Frame kinds. */
  int REGISTER = 1, UNREGISTER = 2, SEND = 3, PUBLISH = 4, REQUEST = 5, REPLY = 6, FAIL = 7,
      LOG = 8, REJECTED = 9;

  /** Encodes this call as a frame. */
  byte[] encode();

  /**
   * A message body: {@code length} bytes of {@code array} from {@code offset}. Decoded ocalls
   * share the frame's array (the host owns each frame it receives outright), so reading the body
   * in place, e.g. by wrapping it in a buffer, costs no copy; {@link #toArray()} gives an array of
   * its own.
   */
  record Body(byte[] array, int offset, int length) {
    /** Checks the range. */
    public Body {
      Objects.requireNonNull(array, "array");
      Objects.checkFromIndexSize(offset, length, array.length);
    }

    /** All of {@code bytes}. */
    public static Body of(byte[] bytes) {
      return new Body(bytes, 0, bytes.length);
    }

    /** The bytes: the array itself when the body spans all of it, else a copy of the range. */
    public byte[] toArray() {
      return offset == 0 && length == array.length ? array : Arrays.copyOfRange(array, offset, offset + length);
    }
  }

  /** Consume an address on the event bus on the enclave's behalf. */
  record Register(String address) implements Ocall {
    @Override
    public byte[] encode() {
      return new FrameWriter(8 + address.length()).u8(REGISTER).string(address).toByteArray();
    }
  }

  /** Stop consuming an address. */
  record Unregister(String address) implements Ocall {
    @Override
    public byte[] encode() {
      return new FrameWriter(8 + address.length()).u8(UNREGISTER).string(address).toByteArray();
    }
  }

  /** Point-to-point send. */
  record Send(String address, Map<String, String> headers, Body payload) implements Ocall {
    /** A call carrying all of {@code body}. */
    public Send(String address, Map<String, String> headers, byte[] body) {
      this(address, headers, Body.of(body));
    }

    /** The body (see {@link Body#toArray()}). */
    public byte[] body() {
      return payload.toArray();
    }

    @Override
    public byte[] encode() {
      return new FrameWriter(1 + FrameWriter.messageSize(address, headers, payload.length()))
          .u8(SEND).string(address).headers(headers).bytes(payload).toByteArray();
    }
  }

  /** Publish to all consumers. */
  record Publish(String address, Map<String, String> headers, Body payload) implements Ocall {
    /** A call carrying all of {@code body}. */
    public Publish(String address, Map<String, String> headers, byte[] body) {
      this(address, headers, Body.of(body));
    }

    /** The body (see {@link Body#toArray()}). */
    public byte[] body() {
      return payload.toArray();
    }

    @Override
    public byte[] encode() {
      return new FrameWriter(1 + FrameWriter.messageSize(address, headers, payload.length()))
          .u8(PUBLISH).string(address).headers(headers).bytes(payload).toByteArray();
    }
  }

  /** Request; the host answers later with {@link Ecall.ReplyResult} for {@code requestId}. */
  record Request(
      long requestId, String address, Map<String, String> headers, Body payload, long timeoutMillis)
      implements Ocall {
    /** A request carrying all of {@code body}. */
    public Request(long requestId, String address, Map<String, String> headers, byte[] body, long timeoutMillis) {
      this(requestId, address, headers, Body.of(body), timeoutMillis);
    }

    /** The body (see {@link Body#toArray()}). */
    public byte[] body() {
      return payload.toArray();
    }

    @Override
    public byte[] encode() {
      return new FrameWriter(1 + 8 + FrameWriter.messageSize(address, headers, payload.length()) + 8)
          .u8(REQUEST).i64(requestId).string(address).headers(headers).bytes(payload)
          .i64(timeoutMillis).toByteArray();
    }
  }

  /** Reply to the delivered request identified by {@code replyToken}. */
  record Reply(long replyToken, Map<String, String> headers, Body payload) implements Ocall {
    /** A reply carrying all of {@code body}. */
    public Reply(long replyToken, Map<String, String> headers, byte[] body) {
      this(replyToken, headers, Body.of(body));
    }

    /** The body (see {@link Body#toArray()}). */
    public byte[] body() {
      return payload.toArray();
    }

    @Override
    public byte[] encode() {
      return new FrameWriter(1 + 8 + FrameWriter.headersSize(headers) + FrameWriter.bytesSize(payload.length()))
          .u8(REPLY).i64(replyToken).headers(headers).bytes(payload).toByteArray();
    }
  }

  /** Fail the delivered request identified by {@code replyToken}. */
  record Fail(long replyToken, int code, String message) implements Ocall {
    @Override
    public byte[] encode() {
      return new FrameWriter(24 + message.length())
          .u8(FAIL).i64(replyToken).i32(code).string(Ecall.truncate(message)).toByteArray();
    }
  }

  /** A log line; level 0 info, 1 warn, 2 error. */
  record Log(int level, String message) implements Ocall {
    @Override
    public byte[] encode() {
      return new FrameWriter(8 + message.length())
          .u8(LOG).u8(level).string(Ecall.truncate(message)).toByteArray();
    }
  }

  /**
   * The enclave dropped a message on a protected address; {@code reason} is the ordinal of {@link
   * io.sereca.enclave.bus.RejectReason}. The host counts it; nothing about the payload leaves.
   */
  record Rejected(String address, int reason) implements Ocall {
    @Override
    public byte[] encode() {
      return new FrameWriter(8 + address.length()).u8(REJECTED).string(address).u8(reason).toByteArray();
    }

    /** The reason as an enum. */
    public io.sereca.enclave.bus.RejectReason rejectReason() {
      return io.sereca.enclave.bus.RejectReason.values()[reason];
    }
  }

  /**
   * Decodes and validates a frame. The host runs this on everything an enclave emits: a
   * misbehaving enclave must not crash its host either. Bodies are ranges of {@code frame}
   * ({@link Body}): the caller must own the frame and not change it while the call is in use.
   *
   * @throws BoundaryException naming the bad field
   */
  static Ocall decode(byte[] frame, BoundaryLimits limits) {
    FrameReader r = new FrameReader(frame, limits);
    int kind = r.u8("kind");
    int max = limits.maxFrameBytes();
    Ocall call;
    switch (kind) {
      case REGISTER:
        call = new Register(r.address("address"));
        break;
      case UNREGISTER:
        call = new Unregister(r.address("address"));
        break;
      case SEND:
        call = new Send(r.address("address"), r.headers("headers"), r.slice("body", max));
        break;
      case PUBLISH:
        call = new Publish(r.address("address"), r.headers("headers"), r.slice("body", max));
        break;
      case REQUEST: {
        long id = r.i64("requestId");
        String address = r.address("address");
        Map<String, String> headers = r.headers("headers");
        Body body = r.slice("body", max);
        long timeout = r.i64("timeoutMillis");
        if (timeout <= 0) {
          throw new BoundaryException("field 'timeoutMillis' must be positive, was " + timeout);
        }
        call = new Request(id, address, headers, body, timeout);
        break;
      }
      case REPLY:
        call = new Reply(r.i64("replyToken"), r.headers("headers"), r.slice("body", max));
        break;
      case FAIL:
        call = new Fail(r.i64("replyToken"), r.i32("code"),
            r.string("message", BoundaryLimits.MAX_TEXT_BYTES));
        break;
      case LOG: {
        int level = r.u8("level");
        if (level > 2) {
          throw new BoundaryException("field 'level' must be 0..2, was " + level);
        }
        call = new Log(level, r.string("message", BoundaryLimits.MAX_TEXT_BYTES));
        break;
      }
      case REJECTED: {
        String address = r.address("address");
        int reason = r.u8("reason");
        if (reason >= io.sereca.enclave.bus.RejectReason.values().length) {
          throw new BoundaryException("field 'reason' out of range: " + reason);
        }
        call = new Rejected(address, reason);
        break;
      }
      default:
        throw new BoundaryException("unknown ocall kind " + kind);
    }
    r.end("ocall");
    return call;
  }
}
