package io.sereca.cli.internal;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;

/**
 * What an enclave answered to a request: a reply (headers and body) or a failure (code and
 * message), as it sent them in its {@code Reply} or {@code Fail} ocall. Immutable.
 */
public final class EnclaveReply {

  private final boolean succeeded;
  private final Map<String, String> headers;
  private final byte[] body;
  private final int failureCode;
  private final String failureMessage;

  private EnclaveReply(boolean succeeded, Map<String, String> headers, byte[] body, int failureCode,
      String failureMessage) {
    this.succeeded = succeeded;
    this.headers = Map.copyOf(headers);
    this.body = body.clone();
    this.failureCode = failureCode;
    this.failureMessage = failureMessage;
  }

  /** A reply. */
  public static EnclaveReply success(Map<String, String> headers, byte[] body) {
    return new EnclaveReply(true, headers, body, 0, "");
  }

  /** A failure. */
  public static EnclaveReply failure(int code, String message) {
    return new EnclaveReply(false, Map.of(), new byte[0], code, message == null ? "" : message);
  }

  /** Whether the enclave replied rather than failed the request. */
  public boolean succeeded() {
    return succeeded;
  }

  /** The reply's headers (empty for a failure). */
  public Map<String, String> headers() {
    return headers;
  }

  /** The reply's body (copy; empty for a failure). */
  public byte[] body() {
    return body.clone();
  }

  /** The body decoded as UTF-8 (malformed bytes replaced). */
  public String text() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /** The failure code (0 for a reply). */
  public int failureCode() {
    return failureCode;
  }

  /** The failure message (empty for a reply). */
  public String failureMessage() {
    return failureMessage;
  }

  /**
   * One line for a terminal: the body as text when it is printable UTF-8, else as
   * {@code base64:...}; headers in braces; or {@code FAILED <code>: <message>}.
   */
  public String describe() {
    if (!succeeded) {
      return "FAILED " + failureCode + ": " + failureMessage;
    }
    String shown = printable(body);
    if (shown == null) {
      shown = "base64:" + Base64.getEncoder().encodeToString(body) + " (" + body.length + " bytes)";
    }
    return headers.isEmpty() ? shown : shown + "  " + new TreeMap<>(headers);
  }

  /** The text of {@code bytes} if it is valid UTF-8 without control characters, else null. */
  static String printable(byte[] bytes) {
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      return null;
    }
    return text.chars().anyMatch(Character::isISOControl) ? null : text;
  }

  @Override
  public String toString() {
    return "EnclaveReply{" + describe() + "}";
  }
}
