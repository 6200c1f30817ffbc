package io.sereca.bus.internal;

import io.sereca.bus.SecureMessageConsumer;
import io.vertx.core.Future;
import io.vertx.core.eventbus.MessageConsumer;
import java.util.function.Consumer;

/** A registration on the plain bus whose handler opens envelopes. */
final class SecureConsumer<T> implements SecureMessageConsumer<T> {

  private final MessageConsumer<Object> raw;
  private final Consumer<SecureConsumer<T>> onUnregister;

  SecureConsumer(MessageConsumer<Object> raw, Consumer<SecureConsumer<T>> onUnregister) {
    this.raw = raw;
    this.onUnregister = onUnregister;
  }

  @Override
  public String address() {
    return raw.address();
  }

  @Override
  public boolean isRegistered() {
    return raw.isRegistered();
  }

  @Override
  public Future<Void> completion() {
    return raw.completion();
  }

  @Override
  public Future<Void> unregister() {
    onUnregister.accept(this);
    return raw.unregister();
  }

  @Override
  public String toString() {
    return "SecureMessageConsumer{" + address() + "}";
  }
}
