package io.sereca.enclave;

import java.util.Map;

/** A message delivered into the enclave, or a reply received by it. */
public interface EnclaveMessage {

  /** The address the message was sent to. */
  String address();

  /** Message headers (unmodifiable). */
  Map<String, String> headers();

  /** The body (a copy owned by the caller). */
  byte[] body();

  /** The body decoded as UTF-8. */
  default String bodyAsString() {
    return new String(body(), java.nio.charset.StandardCharsets.UTF_8);
  }

  /** Whether the sender expects a reply. */
  boolean isRequest();

  /** Replies to a request; may be called later, from another handler or callback. */
  default void reply(byte[] body) {
    reply(Map.of(), body);
  }

  /** Replies with headers. */
  void reply(Map<String, String> headers, byte[] body);

  /** Fails a request; the requester receives a {@link ReplyException} with this code and text. */
  void fail(int code, String message);
}
