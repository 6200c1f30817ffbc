package io.sereca.bus.internal;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.sereca.bus.SecureBusOptions;
import io.sereca.bus.SecureEventBus;
import io.sereca.bus.SecureMessage;
import io.sereca.bus.SecureMessageConsumer;
import io.sereca.bus.UnprotectedAddressPolicy;
import io.sereca.bus.internal.EnvelopeReceiver.Received;
import io.sereca.enclave.boundary.BoundaryException;
import io.sereca.enclave.bus.EnvelopeRejectedException;
import io.sereca.enclave.bus.KeyRing;
import io.sereca.enclave.bus.ReplayWindow;
import io.sereca.enclave.bus.RouteCipher;
import io.sereca.enclave.bus.RouteCipher.Kind;
import io.sereca.enclave.bus.RouteCipher.Sealed;
import io.sereca.enclave.bus.RouteTable;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/** The {@link SecureEventBus} on top of a Vert.x {@link EventBus}. */
public final class SecureEventBusImpl implements SecureEventBus {

  /** Protected header of a failure reply: the failure code (the body is the message). */
  static final String FAILURE_CODE_HEADER = RouteCipher.FAILURE_CODE_HEADER;
  private static final byte[] NO_BINDING = new byte[0];
  // The event bus only reads delivery options, and senders mostly use the same ones: the wire
  // options last made are reused while they match (never changed after they are published here).
  private static volatile DeliveryOptions lastWireOptions = new DeliveryOptions();

  private final EventBus eventBus;
  private final SecureBusOptions options;
  private final RouteTable routes;
  private final KeyRing keys;
  private final LongSupplier clock;
  private final MeterRegistry registry;
  private final BusMeters meters;
  private final RouteCipher cipher;
  private final EnvelopeReceiver replies;
  private final FailClosedInterceptors guard;
  private final Set<SecureConsumer<?>> consumers = ConcurrentHashMap.newKeySet();

  /** Creates the bus and installs the fail-closed interceptors (use {@link SecureEventBus#create}). */
  public SecureEventBusImpl(Vertx vertx, SecureBusOptions options, RouteTable routes, KeyRing keys) {
    this.eventBus = Objects.requireNonNull(vertx, "vertx").eventBus();
    this.options = Objects.requireNonNull(options, "options");
    this.routes = Objects.requireNonNull(routes, "routes");
    this.keys = Objects.requireNonNull(keys, "keys");
    this.clock = options.getClock() != null ? options.getClock() : System::currentTimeMillis;
    this.registry = options.getMeterRegistry() != null ? options.getMeterRegistry()
        : new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    this.meters = new BusMeters(registry, options.getRejectLogIntervalMillis());
    this.cipher = newCipher(options.getSenderName());
    this.replies = new EnvelopeReceiver(cipher, cipher, meters);
    this.guard = new FailClosedInterceptors(eventBus, routes, meters);
    guard.install();
  }

  private RouteCipher newCipher(String name) {
    return new RouteCipher(RouteCipher.newSenderId(name), routes, keys,
        new ReplayWindow(options.getReplayWindowSize(), options.getMaxTrackedSenders()),
        options.getMaxSkewMillis(), clock);
  }

  @Override
  public String senderId() {
    return cipher.senderId();
  }

  @Override
  public RouteTable routes() {
    return routes;
  }

  @Override
  public KeyRing keys() {
    return keys;
  }

  @Override
  public MeterRegistry meterRegistry() {
    return registry;
  }

  @Override
  public boolean isProtected(String address) {
    return routes.isProtected(address);
  }

  BusMeters meters() {
    return meters;
  }

  @Override
  public Future<Void> send(String address, Object body, DeliveryOptions options) {
    return dispatch(address, body, options, Kind.SEND);
  }

  @Override
  public Future<Void> publish(String address, Object body, DeliveryOptions options) {
    return dispatch(address, body, options, Kind.PUBLISH);
  }

  private Future<Void> dispatch(String address, Object body, DeliveryOptions options, Kind kind) {
    try {
      if (!isProtected(address)) {
        refuseIfPolicySaysSo(address);
        if (kind == Kind.PUBLISH) {
          eventBus.publish(address, body, options);
        } else {
          eventBus.send(address, body, options);
        }
        return Future.succeededFuture();
      }
      Buffer envelope = seal(address, kind, body, options, Map.of(), NO_BINDING);
      if (kind == Kind.PUBLISH) {
        eventBus.publish(address, envelope, wireOptions(options));
      } else {
        eventBus.send(address, envelope, wireOptions(options));
      }
      return Future.succeededFuture();
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  @Override
  public <T> Future<SecureMessage<T>> request(String address, Object body, DeliveryOptions options) {
    Sealed sealed;
    try {
      if (!isProtected(address)) {
        refuseIfPolicySaysSo(address);
        return eventBus.<T>request(address, body, options).map(PlainMessage::new);
      }
      sealed = sealRaw(address, Kind.REQUEST, body, options, Map.of(), NO_BINDING);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    return eventBus.<Object>request(address, Wire.wrap(sealed.envelope()), wireOptions(options))
        .compose(reply -> {
          Received r;
          try {
            r = replies.receiveReply(address, reply.body(), sealed.replyBinding());
          } catch (EnvelopeRejectedException e) {
            return Future.failedFuture(e);
          }
          meters.delivered();
          if (r.failureCode() != null) {
            // Peers that omit the body type (an enclave's sealed failure) send the text as bytes.
            Object text = r.body();
            return Future.failedFuture(new ReplyException(ReplyFailure.RECIPIENT_FAILURE, r.failureCode(),
                text instanceof Buffer ? ((Buffer) text).toString(java.nio.charset.StandardCharsets.UTF_8)
                    : String.valueOf(text)));
          }
          return Future.succeededFuture(new ProtectedMessage<>(this, reply, r));
        });
  }

  @Override
  public <T> SecureMessageConsumer<T> consumer(String address, Handler<SecureMessage<T>> handler) {
    return register(address, handler, false);
  }

  @Override
  public <T> SecureMessageConsumer<T> localConsumer(String address, Handler<SecureMessage<T>> handler) {
    return register(address, handler, true);
  }

  @SuppressWarnings("unchecked")
  private <T> SecureMessageConsumer<T> register(String address, Handler<SecureMessage<T>> handler, boolean local) {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(handler, "handler");
    boolean protectedAddress = isProtected(address);
    Handler<Message<Object>> raw;
    if (protectedAddress) {
      // Published envelopes get a window per consumer; point-to-point ones share the bus's.
      EnvelopeReceiver receiver = new EnvelopeReceiver(cipher, newCipher(options.getSenderName() + "-rx"), meters);
      raw = msg -> {
        Received r = receiver.receive(address, msg.body());
        if (r != null) {
          meters.delivered();
          handler.handle(new ProtectedMessage<>(this, msg, r));
        }
      };
    } else {
      refuseIfPolicySaysSo(address);
      raw = msg -> handler.handle(new PlainMessage<>((Message<T>) (Message<?>) msg));
    }
    MessageConsumer<Object> mc = local ? eventBus.localConsumer(address, raw) : eventBus.consumer(address, raw);
    SecureConsumer<T> consumer = new SecureConsumer<>(mc, consumers::remove);
    consumers.add(consumer);
    return consumer;
  }

  @Override
  public Future<Void> close() {
    guard.remove();
    List<Future<Void>> all = new ArrayList<>();
    for (SecureConsumer<?> c : List.copyOf(consumers)) {
      all.add(c.unregister());
    }
    return Future.join(all).mapEmpty();
  }

  private void refuseIfPolicySaysSo(String address) {
    if (options.getUnprotectedAddressPolicy() == UnprotectedAddressPolicy.REFUSE) {
      throw new IllegalArgumentException("address " + address + " is not protected by any route, and this secure bus"
          + " refuses unprotected addresses (unprotectedAddressPolicy REFUSE)");
    }
  }

  /**
   * Seals a message for the wire.
   *
   * @param reserved reserved headers set by the bus itself (e.g. a failure code)
   * @throws IllegalArgumentException for a bad body, headers or options
   * @throws IllegalStateException if the route's key is not provisioned yet
   */
  Buffer seal(String address, Kind kind, Object body, DeliveryOptions options, Map<String, String> reserved,
      byte[] binding) {
    return Wire.wrap(sealRaw(address, kind, body, options, reserved, binding).envelope());
  }

  private Sealed sealRaw(String address, Kind kind, Object body, DeliveryOptions options, Map<String, String> reserved,
      byte[] binding) {
    if (options.getCodecName() != null) {
      throw new IllegalArgumentException("codec '" + options.getCodecName() + "' cannot be used on protected address "
          + address + ": the secure bus carries Buffer, String, JsonObject, JsonArray, byte[] or null bodies");
    }
    BodyCodec.Encoded encoded = BodyCodec.encode(body);
    MultiMap given = options.getHeaders();
    Map<String, String> headers;
    if ((given == null || given.isEmpty()) && reserved.isEmpty()) {
      headers = Map.of(BodyCodec.TYPE_HEADER, encoded.type());
    } else {
      headers = headers(address, given, reserved, encoded.type());
    }
    try {
      Sealed sealed = cipher.seal(address, kind, headers, encoded.array(), encoded.offset(), encoded.length(), binding);
      meters.sent();
      return sealed;
    } catch (BoundaryException e) {
      throw new IllegalArgumentException("cannot seal for " + address + ": " + e.getMessage(), e);
    }
  }

  private static Map<String, String> headers(String address, MultiMap given, Map<String, String> reserved,
      String type) {
    Map<String, String> headers = new LinkedHashMap<>();
    if (given != null) {
      for (String name : given.names()) {
        if (name.regionMatches(true, 0, BodyCodec.RESERVED_PREFIX, 0, BodyCodec.RESERVED_PREFIX.length())) {
          throw new IllegalArgumentException("header '" + name + "' is reserved: names starting with '"
              + BodyCodec.RESERVED_PREFIX + "' belong to the secure bus");
        }
        List<String> values = given.getAll(name);
        if (values.size() != 1) {
          throw new IllegalArgumentException("header '" + name + "' has " + values.size()
              + " values; protected headers carry exactly one");
        }
        headers.put(name, values.get(0));
      }
    }
    headers.putAll(reserved);
    headers.put(BodyCodec.TYPE_HEADER, type);
    return headers;
  }

  /** The plain delivery options of an envelope: no headers (they are inside), no codec. */
  static DeliveryOptions wireOptions(DeliveryOptions options) {
    io.vertx.core.tracing.TracingPolicy tracing = options.getTracingPolicy() != null ? options.getTracingPolicy()
        : DeliveryOptions.DEFAULT_TRACING_POLICY;
    DeliveryOptions last = lastWireOptions;
    if (last.getSendTimeout() == options.getSendTimeout() && last.isLocalOnly() == options.isLocalOnly()
        && last.getTracingPolicy() == tracing) {
      return last;
    }
    DeliveryOptions wire = new DeliveryOptions()
        .setSendTimeout(options.getSendTimeout())
        .setLocalOnly(options.isLocalOnly())
        .setTracingPolicy(tracing);
    lastWireOptions = wire;
    return wire;
  }

  @Override
  public String toString() {
    return "SecureEventBus{" + senderId() + "}";
  }
}
