package io.sereca.enclave.boundary;

import io.sereca.enclave.EnclaveIdentity;
import java.util.Map;

/**
 * Calls from the host into the enclave. Each record encodes to one frame whose first byte is its
 * kind; {@link #decode} validates every field against {@link BoundaryLimits}.
 */
public sealed interface Ecall {

  /** Frame kinds. */
  int INIT = 1, DELIVER = 2, REPLY_RESULT = 3, PROVISION_KEY = 4, PROVISION = 5, ECHO = 6,
      SHUTDOWN = 7, ATTEST = 8;

  /** Length of SGX/TDX/SNP report data. */
  int REPORT_DATA_BYTES = 64;

  /** Encodes this call as a frame. */
  byte[] encode();

  /**
   * Starts the app: its class, the identity the platform measured and the platform sealing secret.
   */
  record Init(String appClass, EnclaveIdentity identity, byte[] sealSecret) implements Ecall {
    @Override
    public byte[] encode() {
      return new FrameWriter(128 + appClass.length())
          .u8(INIT)
          .string(appClass)
          .raw(identity.measurement())
          .raw(identity.signer())
          .u16(identity.productId())
          .u16(identity.svn())
          .u8(identity.debug() ? 1 : 0)
          .bytes(sealSecret)
          .toByteArray();
    }
  }

  /** Delivers an event-bus message; {@code replyToken} is 0 when no reply is expected. */
  record Deliver(String address, Map<String, String> headers, byte[] body, long replyToken)
      implements Ecall {
    @Override
    public byte[] encode() {
      return new FrameWriter(1 + FrameWriter.messageSize(address, headers, body) + 8)
          .u8(DELIVER)
          .string(address)
          .headers(headers)
          .bytes(body)
          .i64(replyToken)
          .toByteArray();
    }
  }

  /**
   * The outcome of a request the enclave made: either a reply (headers, body) or a failure (code,
   * message).
   */
  record ReplyResult(
      long requestId, boolean succeeded, Map<String, String> headers, byte[] body, int failureCode,
      String failureMessage) implements Ecall {

    /** A successful reply. */
    public static ReplyResult reply(long requestId, Map<String, String> headers, byte[] body) {
      return new ReplyResult(requestId, true, headers, body, 0, "");
    }

    /** A failed request. */
    public static ReplyResult failure(long requestId, int code, String message) {
      return new ReplyResult(requestId, false, Map.of(), new byte[0], code, message);
    }

    @Override
    public byte[] encode() {
      FrameWriter w = new FrameWriter(succeeded
          ? 1 + 8 + 1 + FrameWriter.headersSize(headers) + FrameWriter.bytesSize(body)
          : 32 + failureMessage.length()).u8(REPLY_RESULT).i64(requestId);
      if (succeeded) {
        w.u8(0).headers(headers).bytes(body);
      } else {
        w.u8(1).i32(failureCode).string(truncate(failureMessage));
      }
      return w.toByteArray();
    }
  }

  /** Asks the enclave for a fresh X25519 key bound to {@code nonce} (provisioning, step 1). */
  record ProvisionKey(byte[] nonce) implements Ecall {
    @Override
    public byte[] encode() {
      return new FrameWriter(8 + nonce.length).u8(PROVISION_KEY).bytes(nonce).toByteArray();
    }
  }

  /** Hands the enclave secrets encrypted to its provisioning key (step 2). */
  record Provision(byte[] message) implements Ecall {
    @Override
    public byte[] encode() {
      return new FrameWriter(8 + message.length).u8(PROVISION).bytes(message).toByteArray();
    }
  }

  /** Round trip through the boundary: the enclave returns {@code payload} unchanged. */
  record Echo(byte[] payload) implements Ecall {
    @Override
    public byte[] encode() {
      return new FrameWriter(8 + payload.length).u8(ECHO).bytes(payload).toByteArray();
    }
  }

  /** Stops the app. */
  record Shutdown() implements Ecall {
    @Override
    public byte[] encode() {
      return new byte[] {SHUTDOWN};
    }
  }

  /**
   * Asks an enclave that has its own attestation device (Gramine's /dev/attestation) for a quote
   * over {@code reportData}. The enclave quotes only the report data of its current provisioning
   * key, so the host cannot obtain evidence binding a key of its own choosing.
   */
  record Attest(byte[] reportData) implements Ecall {
    @Override
    public byte[] encode() {
      return new FrameWriter(8 + reportData.length).u8(ATTEST).bytes(reportData).toByteArray();
    }
  }

  /** Maximum provisioning nonce length. */
  int MAX_NONCE_BYTES = 64;
  /** Maximum app class name length. */
  int MAX_CLASS_NAME_BYTES = 512;

  /**
   * Decodes and validates a frame.
   *
   * @throws BoundaryException naming the bad field
   */
  static Ecall decode(byte[] frame, BoundaryLimits limits) {
    FrameReader r = new FrameReader(frame, limits);
    int kind = r.u8("kind");
    int max = limits.maxFrameBytes();
    Ecall call;
    switch (kind) {
      case INIT: {
        String appClass = r.string("appClass", MAX_CLASS_NAME_BYTES);
        byte[] m = r.raw(EnclaveIdentity.DIGEST_LENGTH, "measurement");
        byte[] s = r.raw(EnclaveIdentity.DIGEST_LENGTH, "signer");
        int product = r.u16("productId");
        int svn = r.u16("svn");
        int debug = r.u8("debug");
        if (debug > 1) {
          throw new BoundaryException("field 'debug' must be 0 or 1, was " + debug);
        }
        byte[] seal = r.bytes("sealSecret", 64);
        if (seal.length != 32) {
          throw new BoundaryException("field 'sealSecret' must be 32 bytes, was " + seal.length);
        }
        call = new Init(appClass, EnclaveIdentity.create(m, s, product, svn, debug == 1), seal);
        break;
      }
      case DELIVER:
        call = new Deliver(r.address("address"), r.headers("headers"), r.bytes("body", max),
            r.i64("replyToken"));
        break;
      case REPLY_RESULT: {
        long id = r.i64("requestId");
        int status = r.u8("status");
        if (status == 0) {
          call = ReplyResult.reply(id, r.headers("headers"), r.bytes("body", max));
        } else if (status == 1) {
          call = ReplyResult.failure(id, r.i32("failureCode"),
              r.string("failureMessage", BoundaryLimits.MAX_TEXT_BYTES));
        } else {
          throw new BoundaryException("field 'status' must be 0 or 1, was " + status);
        }
        break;
      }
      case PROVISION_KEY: {
        byte[] nonce = r.bytes("nonce", MAX_NONCE_BYTES);
        if (nonce.length < 16) {
          throw new BoundaryException("field 'nonce' must be at least 16 bytes, was " + nonce.length);
        }
        call = new ProvisionKey(nonce);
        break;
      }
      case PROVISION:
        call = new Provision(r.bytes("message", max));
        break;
      case ECHO:
        call = new Echo(r.bytes("payload", max));
        break;
      case SHUTDOWN:
        call = new Shutdown();
        break;
      case ATTEST: {
        byte[] reportData = r.bytes("reportData", REPORT_DATA_BYTES);
        if (reportData.length != REPORT_DATA_BYTES) {
          throw new BoundaryException("field 'reportData' must be 64 bytes, was " + reportData.length);
        }
        call = new Attest(reportData);
        break;
      }
      default:
        throw new BoundaryException("unknown ecall kind " + kind);
    }
    r.end("ecall");
    return call;
  }

  /** Cuts a diagnostic text to the boundary's text limit. */
  static String truncate(String s) {
    if (s == null) {
      return "";
    }
    // Cut by characters first; 1024 chars encode to at most 4096 UTF-8 bytes.
    return s.length() > 1024 ? s.substring(0, 1024) : s;
  }
}
