package io.sereca.bus;

import io.micrometer.core.instrument.MeterRegistry;
import io.sereca.bus.internal.SecureEventBusImpl;
import io.sereca.enclave.bus.KeyRing;
import io.sereca.enclave.bus.RouteTable;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;

/**
 * The secure event bus: Vert.x's {@link io.vertx.core.eventbus.EventBus}, with every message on a
 * protected address encrypted and authenticated end to end under the address's route key.
 *
 * <p>A {@link RouteTable} decides which addresses are protected and with which key name; a
 * {@link KeyRing} holds the key versions (add a newer version to rotate). On a protected address the
 * wire body is an envelope ({@link io.sereca.enclave.bus.RouteCipher}, a {@code Buffer}) whose
 * ciphertext holds the body and the {@link DeliveryOptions} headers; the plain Vert.x headers are
 * left empty. Secure verticles seal and open with the same cipher inside their enclaves, so the two
 * interoperate byte for byte.
 *
 * <p>Bodies may be {@code null}, {@link io.vertx.core.buffer.Buffer}, {@link String},
 * {@link io.vertx.core.json.JsonObject}, {@link io.vertx.core.json.JsonArray} or {@code byte[]};
 * the type travels in a protected header, so the receiver gets the same type back. Header names
 * starting with {@code sereca-} are reserved.
 *
 * <p>Receiving: an envelope that is malformed, plaintext, sealed for another address, under an
 * unknown or retired key version, stale, forged or tampered with, or a replay, is dropped: never
 * delivered, counted in {@code sereca.bus.rejected{reason}} and logged at WARN at most once per
 * reason per {@link SecureBusOptions#getRejectLogIntervalMillis() interval}, without payload.
 * A rejected request is not answered (the requester times out); a rejected reply fails the
 * requester's future with {@link io.sereca.enclave.bus.EnvelopeRejectedException}.
 *
 * <p>Replay protection: point-to-point envelopes (send, request, reply) are delivered at most once
 * per bus instance, even if the host copies one to several consumers; a published envelope at most
 * once per consumer. A host copying one envelope to several <em>nodes</em> is not detected
 * (nodes share no state); use request/reply where that matters.
 *
 * <p>Fail closed: {@link #create} installs an outbound and an inbound interceptor on
 * {@code vertx.eventBus()} that drop (and count as {@code plaintext}) every message on a protected
 * address whose body is not an envelope, so code using {@code vertx.eventBus()} directly cannot
 * leak plaintext to a protected address nor receive plaintext on one. A plaintext request dropped
 * this way times out. Addresses no route protects follow the
 * {@link SecureBusOptions#getUnprotectedAddressPolicy() unprotected address policy}.
 */
public interface SecureEventBus {

  /**
   * Creates a secure bus with default options.
   *
   * @see #create(Vertx, SecureBusOptions, RouteTable, KeyRing)
   */
  static SecureEventBus create(Vertx vertx, RouteTable routes, KeyRing keys) {
    return create(vertx, new SecureBusOptions(), routes, keys);
  }

  /**
   * Creates a secure bus on {@code vertx}'s event bus and installs the fail-closed interceptors.
   *
   * @param vertx the Vert.x instance (clustered or not)
   * @param options the options (copied)
   * @param routes which addresses are protected, with which key name
   * @param keys the route keys; add versions to it at any time to provision or rotate
   * @return the bus; {@link #close()} it to remove the interceptors and its consumers
   */
  static SecureEventBus create(Vertx vertx, SecureBusOptions options, RouteTable routes, KeyRing keys) {
    return new SecureEventBusImpl(vertx, new SecureBusOptions(options), routes, keys);
  }

  /** This participant's unique sender id (authenticated in every envelope it seals). */
  String senderId();

  /** The route table. */
  RouteTable routes();

  /** The key ring (add a newer version to rotate). */
  KeyRing keys();

  /** The registry holding {@code sereca.bus.*} meters (see {@link BusMetrics}). */
  MeterRegistry meterRegistry();

  /** Whether {@code address} is protected by a route. */
  boolean isProtected(String address);

  /** Sends point-to-point; see {@link #send(String, Object, DeliveryOptions)}. */
  default Future<Void> send(String address, Object body) {
    return send(address, body, new DeliveryOptions());
  }

  /**
   * Sends {@code body} to one consumer of {@code address}.
   *
   * @param options headers (protected on protected addresses), send timeout, local-only, tracing;
   *     a codec name is refused on protected addresses
   * @return succeeded once handed to the event bus (not a delivery receipt); failed with
   *     {@link IllegalStateException} if the route's key is not provisioned yet, or
   *     {@link IllegalArgumentException} for an unsupported body, bad headers, or an unprotected
   *     address under {@link UnprotectedAddressPolicy#REFUSE}
   */
  Future<Void> send(String address, Object body, DeliveryOptions options);

  /** Publishes to every consumer; see {@link #publish(String, Object, DeliveryOptions)}. */
  default Future<Void> publish(String address, Object body) {
    return publish(address, body, new DeliveryOptions());
  }

  /**
   * Publishes {@code body} to every consumer of {@code address}: sealed once, opened by each.
   *
   * @return as {@link #send(String, Object, DeliveryOptions)}
   */
  Future<Void> publish(String address, Object body, DeliveryOptions options);

  /** Sends a request; see {@link #request(String, Object, DeliveryOptions)}. */
  default <T> Future<SecureMessage<T>> request(String address, Object body) {
    return request(address, body, new DeliveryOptions());
  }

  /**
   * Sends a request and returns its reply. On a protected address the reply is an envelope too,
   * bound to this very request: a reply moved from another request, or tampered with, fails.
   *
   * @return the reply; failed with the sending errors of {@link #send(String, Object, DeliveryOptions)},
   *     a {@link io.vertx.core.eventbus.ReplyException} (timeout, no handlers, or the replier's
   *     {@link SecureMessage#fail}), or an {@link io.sereca.enclave.bus.EnvelopeRejectedException}
   *     if the reply was rejected
   */
  <T> Future<SecureMessage<T>> request(String address, Object body, DeliveryOptions options);

  /**
   * Registers a consumer. On a protected address only authentic, fresh envelopes reach the handler,
   * each at most once.
   *
   * @throws IllegalArgumentException for an unprotected address under
   *     {@link UnprotectedAddressPolicy#REFUSE}
   */
  <T> SecureMessageConsumer<T> consumer(String address, Handler<SecureMessage<T>> handler);

  /**
   * Registers a consumer that only receives messages sent from this Vert.x instance.
   *
   * @see #consumer(String, Handler)
   */
  <T> SecureMessageConsumer<T> localConsumer(String address, Handler<SecureMessage<T>> handler);

  /** Unregisters this bus's consumers and removes its fail-closed interceptors. */
  Future<Void> close();
}
