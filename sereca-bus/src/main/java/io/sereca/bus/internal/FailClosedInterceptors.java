package io.sereca.bus.internal;

import io.sereca.enclave.bus.RejectReason;
import io.sereca.enclave.bus.RouteTable;
import io.vertx.core.Handler;
import io.vertx.core.eventbus.DeliveryContext;
import io.vertx.core.eventbus.EventBus;

/**
 * The fail-closed guard on the plain event bus: an outbound interceptor stops plaintext from
 * leaving for a protected address, and an inbound one stops plaintext from reaching any consumer of
 * a protected address (including plain {@code vertx.eventBus()} consumers). A message is let through
 * only if its body starts like an envelope; whether the envelope is authentic is for the receiving
 * {@link EnvelopeReceiver} to decide.
 */
final class FailClosedInterceptors {

  private final EventBus eventBus;
  private final RouteTable routes;
  private final BusMeters meters;
  // Outbound, the context's body is what was sent. Inbound it is only the already-decoded body,
  // which for a message from another node is null until message().body() decodes it.
  private final Handler<DeliveryContext<Object>> outbound = ctx -> check(ctx, ctx.body(), "sent");
  private final Handler<DeliveryContext<Object>> inbound = ctx -> check(ctx, ctx.message().body(), "received");

  FailClosedInterceptors(EventBus eventBus, RouteTable routes, BusMeters meters) {
    this.eventBus = eventBus;
    this.routes = routes;
    this.meters = meters;
  }

  void install() {
    eventBus.addOutboundInterceptor(outbound);
    eventBus.addInboundInterceptor(inbound);
  }

  void remove() {
    eventBus.removeOutboundInterceptor(outbound);
    eventBus.removeInboundInterceptor(inbound);
  }

  private void check(DeliveryContext<Object> ctx, Object body, String direction) {
    String address = ctx.message().address();
    if (address != null && routes.isProtected(address) && !Wire.looksLikeEnvelope(body)) {
      // Dropped: not passing the context on ends its delivery here.
      meters.rejected(RejectReason.PLAINTEXT, address,
          "plaintext " + direction + " on a protected address was refused (fail closed)");
      return;
    }
    ctx.next();
  }
}
