package io.sereca.bus.internal;

import io.sereca.enclave.bus.RouteCipher;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Body types carried inside envelopes. The type name travels in the protected header
 * {@value #TYPE_HEADER}, so the receiver rebuilds the type the sender used. Secure verticles use the
 * same names.
 */
public final class BodyCodec {

  /** Protected header naming the body type. */
  public static final String TYPE_HEADER = "sereca-body-type";
  /** Prefix of headers reserved for the secure bus. */
  public static final String RESERVED_PREFIX = "sereca-";

  static final String NULL = "null";
  static final String BUFFER = "buffer";
  static final String BYTES = "bytes";
  static final String STRING = "string";
  static final String JSON_OBJECT = "json-object";
  static final String JSON_ARRAY = "json-array";

  private BodyCodec() {}

  /**
   * A body as a range of an array plus its type name. For a heap Buffer the range is the
   * buffer's own memory (not copied): seal it before the caller can change the buffer again.
   */
  public record Encoded(String type, byte[] array, int offset, int length) {
    Encoded(String type, byte[] bytes) {
      this(type, bytes, 0, bytes.length);
    }

    /** The body bytes, exactly (copied out if the range is not the whole array). */
    public byte[] bytes() {
      return offset == 0 && length == array.length ? array : Arrays.copyOfRange(array, offset, offset + length);
    }
  }

  /**
   * Encodes a body.
   *
   * @throws IllegalArgumentException for a type the secure bus does not carry
   */
  public static Encoded encode(Object body) {
    if (body == null) {
      return new Encoded(NULL, new byte[0]);
    } else if (body instanceof Buffer b) {
      Wire.Slice in = Wire.slice(b);
      return new Encoded(BUFFER, in.array(), in.offset(), in.length());
    } else if (body instanceof byte[] b) {
      return new Encoded(BYTES, b.clone());
    } else if (body instanceof String s) {
      return new Encoded(STRING, s.getBytes(StandardCharsets.UTF_8));
    } else if (body instanceof JsonObject j) {
      return new Encoded(JSON_OBJECT, j.toBuffer().getBytes());
    } else if (body instanceof JsonArray j) {
      return new Encoded(JSON_ARRAY, j.toBuffer().getBytes());
    }
    throw new IllegalArgumentException("the secure bus carries Buffer, String, JsonObject, JsonArray, byte[] or null"
        + " bodies, not " + body.getClass().getName());
  }

  /**
   * Decodes the body of an opened envelope; a {@code buffer} body is wrapped in place, not copied.
   *
   * @throws IllegalArgumentException for an unknown type or bytes that do not parse as it
   */
  public static Object decode(String type, RouteCipher.Opened opened) {
    if (type == null || type.equals(BUFFER)) {
      // The plaintext was just decrypted for this message: nobody else holds it.
      return Wire.wrap(opened.bodyArray(), opened.bodyOffset(), opened.bodyLength());
    }
    if (type.equals(STRING)) {
      return new String(opened.bodyArray(), opened.bodyOffset(), opened.bodyLength(), StandardCharsets.UTF_8);
    }
    return decode(type, opened.body());
  }

  /**
   * Decodes a body.
   *
   * @param type the type name, or null (treated as {@code buffer}, for peers that omit it)
   * @throws IllegalArgumentException for an unknown type or bytes that do not parse as it
   */
  public static Object decode(String type, byte[] bytes) {
    String t = type == null ? BUFFER : type;
    try {
      switch (t) {
        case NULL:
          if (bytes.length != 0) {
            throw new IllegalArgumentException("a null body has " + bytes.length + " bytes");
          }
          return null;
        case BUFFER:
          // The bytes were just opened from an envelope: nobody else holds them.
          return Wire.wrap(bytes);
        case BYTES:
          return bytes;
        case STRING:
          return new String(bytes, StandardCharsets.UTF_8);
        case JSON_OBJECT:
          return new JsonObject(Buffer.buffer(bytes));
        case JSON_ARRAY:
          return new JsonArray(Buffer.buffer(bytes));
        default:
          // The value is protected content: not echoed into logs.
          throw new IllegalArgumentException("unknown body type (" + t.length() + " chars)");
      }
    } catch (DecodeException | ClassCastException e) {
      throw new IllegalArgumentException("body is not valid " + t);
    }
  }
}
