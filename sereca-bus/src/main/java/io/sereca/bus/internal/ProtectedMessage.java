package io.sereca.bus.internal;

import io.sereca.bus.SecureMessage;
import io.sereca.bus.internal.EnvelopeReceiver.Received;
import io.sereca.enclave.bus.RouteCipher.Kind;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import java.util.Map;

/** An opened envelope; replies are sealed and bound to it. */
final class ProtectedMessage<T> implements SecureMessage<T> {

  private final SecureEventBusImpl bus;
  private final Message<Object> raw;
  private final Received received;

  ProtectedMessage(SecureEventBusImpl bus, Message<Object> raw, Received received) {
    this.bus = bus;
    this.raw = raw;
    this.received = received;
  }

  @Override
  public String address() {
    return raw.address();
  }

  @Override
  public MultiMap headers() {
    return received.headers();
  }

  @Override
  @SuppressWarnings("unchecked")
  public T body() {
    return (T) received.body();
  }

  @Override
  public boolean isProtected() {
    return true;
  }

  @Override
  public String sender() {
    return received.opened().sender();
  }

  @Override
  public boolean isSend() {
    return received.opened().kind() != Kind.PUBLISH;
  }

  @Override
  public boolean expectsReply() {
    return received.opened().kind() == Kind.REQUEST && raw.replyAddress() != null;
  }

  @Override
  public Future<Void> reply(Object body, DeliveryOptions options) {
    if (!expectsReply()) {
      return Future.failedFuture(new IllegalStateException("no reply expected for this message on " + address()));
    }
    return send(body, options, Map.of());
  }

  @Override
  public Future<Void> fail(int code, String message) {
    if (!expectsReply()) {
      return Future.failedFuture(new IllegalStateException("no reply expected for this message on " + address()));
    }
    return send(message == null ? "" : message, new DeliveryOptions(),
        Map.of(SecureEventBusImpl.FAILURE_CODE_HEADER, Integer.toString(code)));
  }

  private Future<Void> send(Object body, DeliveryOptions options, Map<String, String> reserved) {
    try {
      Buffer envelope = bus.seal(address(), Kind.REPLY, body, options, reserved, received.opened().replyBinding());
      raw.reply(envelope, SecureEventBusImpl.wireOptions(options));
      return Future.succeededFuture();
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  @Override
  public String toString() {
    Kind kind = received.opened().kind();
    return "SecureMessage{" + address() + ", " + kind + " from " + sender() + "}";
  }
}
