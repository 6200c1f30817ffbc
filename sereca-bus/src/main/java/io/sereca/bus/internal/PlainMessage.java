package io.sereca.bus.internal;

import io.sereca.bus.SecureMessage;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;

/** A message on an unprotected address, passed through unchanged. */
final class PlainMessage<T> implements SecureMessage<T> {

  private final Message<T> raw;

  PlainMessage(Message<T> raw) {
    this.raw = raw;
  }

  @Override
  public String address() {
    return raw.address();
  }

  @Override
  public MultiMap headers() {
    return raw.headers();
  }

  @Override
  public T body() {
    return raw.body();
  }

  @Override
  public boolean isProtected() {
    return false;
  }

  @Override
  public String sender() {
    return null;
  }

  @Override
  public boolean isSend() {
    return raw.isSend();
  }

  @Override
  public boolean expectsReply() {
    return raw.replyAddress() != null;
  }

  @Override
  public Future<Void> reply(Object body, DeliveryOptions options) {
    if (!expectsReply()) {
      return Future.failedFuture(new IllegalStateException("no reply expected for this message on " + address()));
    }
    raw.reply(body, options);
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> fail(int code, String message) {
    if (!expectsReply()) {
      return Future.failedFuture(new IllegalStateException("no reply expected for this message on " + address()));
    }
    raw.fail(code, message);
    return Future.succeededFuture();
  }

  @Override
  public String toString() {
    return "PlainMessage{" + address() + "}";
  }
}
