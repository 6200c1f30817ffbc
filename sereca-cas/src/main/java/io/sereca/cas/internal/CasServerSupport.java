package io.sereca.cas.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.sereca.cas.CasOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import java.util.ArrayList;
import java.util.List;

/** The CAS's event-bus endpoint and its rotation schedule. */
public final class CasServerSupport {

  private static final System.Logger LOG = System.getLogger(CasServerSupport.class.getName());

  private final Vertx vertx;
  private final CasService cas;
  private final CasOptions options;
  private final CasBusEndpoint bus;
  private final List<MessageConsumer<?>> consumers = new ArrayList<>();
  private long timer = -1;

  /** Creates the support for a started service. */
  public CasServerSupport(Vertx vertx, CasService cas, CasOptions options) {
    this.vertx = vertx;
    this.cas = cas;
    this.options = options;
    this.bus = new CasBusEndpoint(vertx, cas, options.getBusAddress());
  }

  /** Registers the bus endpoint and starts the rotation schedule. */
  public Future<Void> start() {
    timer = vertx.setPeriodic(options.getRotationCheck().toMillis(), id -> rotateDue());
    return bus.start().map(list -> {
      consumers.addAll(list);
      return null;
    });
  }

  /** Announces a rotation on the bus. */
  public void announceRotation(JsonNode reply) {
    bus.announceRotation(reply);
  }

  private void rotateDue() {
    cas.call("cas.due", CoreChannel.JSON.createObjectNode()).onSuccess(reply -> {
      for (JsonNode name : reply.path("due")) {
        cas.call("cas.rotate", CoreChannel.JSON.createObjectNode().put("secret", name.asText()).put("scheduled", true))
            .onSuccess(r -> {
              if (r.path("status").asInt() == 200) {
                announceRotation(r);
              } else {
                LOG.log(System.Logger.Level.WARNING, "scheduled rotation of {0} refused: {1}", name.asText(),
                    r.path("reason").asText());
              }
            });
      }
    }).onFailure(e -> LOG.log(System.Logger.Level.WARNING, "checking scheduled rotations failed: " + e.getMessage()));
  }

  /** Stops the schedule and the bus endpoint. */
  public Future<Void> stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
    return Future.all(consumers.stream().map(MessageConsumer::unregister).toList()).mapEmpty();
  }
}
