package io.sereca.bus;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.eventbus.DeliveryOptions;

/**
 * A message received on a {@link SecureEventBus}: the opened counterpart of
 * {@link io.vertx.core.eventbus.Message}.
 *
 * @param <T> the body type
 */
public interface SecureMessage<T> {

  /** The address the message was received on. */
  String address();

  /**
   * The headers the sender set. On a protected address they travelled inside the ciphertext, so
   * they are confidential and authentic; reserved {@code sereca-} headers are not shown.
   */
  MultiMap headers();

  /** The body, of the type the sender sent (Buffer, String, JsonObject, JsonArray, byte[] or null). */
  T body();

  /** Whether the message came through a protected route (an opened envelope). */
  boolean isProtected();

  /** The authenticated sender id, or null on an unprotected address. */
  String sender();

  /** Whether it was sent point-to-point (send or request) rather than published. */
  boolean isSend();

  /** Whether the sender waits for a reply. */
  boolean expectsReply();

  /** Replies; see {@link #reply(Object, DeliveryOptions)}. */
  default Future<Void> reply(Object body) {
    return reply(body, new DeliveryOptions());
  }

  /**
   * Replies to a request. On a protected address the reply is sealed under the same route key and
   * bound to this request.
   *
   * @return failed with {@link IllegalStateException} if no reply is expected or the key is gone
   */
  Future<Void> reply(Object body, DeliveryOptions options);

  /**
   * Fails the request: the requester's future fails with a
   * {@link io.vertx.core.eventbus.ReplyException} of type {@code RECIPIENT_FAILURE} carrying
   * {@code code} and {@code message}. On a protected address the failure travels as a sealed reply,
   * so its message is as confidential as a body.
   */
  Future<Void> fail(int code, String message);
}
