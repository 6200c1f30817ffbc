package io.sereca.bus;

import io.vertx.core.Future;

/**
 * A consumer registered on a {@link SecureEventBus}.
 *
 * @param <T> the body type
 */
public interface SecureMessageConsumer<T> {

  /** The address consumed. */
  String address();

  /** Whether the consumer is still registered. */
  boolean isRegistered();

  /** Completes when the registration has reached the cluster (immediately when not clustered). */
  Future<Void> completion();

  /** Unregisters the consumer. */
  Future<Void> unregister();
}
