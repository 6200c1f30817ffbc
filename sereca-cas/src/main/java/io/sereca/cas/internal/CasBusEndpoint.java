package io.sereca.cas.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.sereca.vertx.internal.Provisioning;
import java.util.Base64;
import java.util.List;
import java.util.function.Consumer;

/**
 * The CAS on the event bus, speaking the secure verticles' provisioning protocol:
 * {@code <address>.nonce} (reply: the nonce's bytes), {@code <address>.attest} (JSON with
 * service, backend, nonce, evidence, publicKey, claims, lease; reply: the encrypted delivery with
 * the lease in a header, or a failure with the CAS's status and reason) and
 * {@code <address>.release} (a lease). Rotations are announced on {@code <address>.rotated}.
 */
final class CasBusEndpoint {

  private final Vertx vertx;
  private final CasService cas;
  private final String address;

  CasBusEndpoint(Vertx vertx, CasService cas, String address) {
    this.vertx = vertx;
    this.cas = cas;
    this.address = address;
  }

  Future<List<MessageConsumer<?>>> start() {
    MessageConsumer<Object> nonce = vertx.eventBus().consumer(address + ".nonce", this::nonce);
    MessageConsumer<Object> attest = vertx.eventBus().consumer(address + ".attest", this::attest);
    MessageConsumer<Object> release = vertx.eventBus().consumer(address + ".release", this::release);
    return Future.all(nonce.completion(), attest.completion(), release.completion())
        .map(v -> List.of(nonce, attest, release));
  }

  /** Announces a rotation so secure verticles provision again. */
  void announceRotation(JsonNode reply) {
    vertx.eventBus().publish(address + ".rotated", new JsonObject()
        .put("secret", reply.path("secret").asText())
        .put("version", reply.path("version").asInt())
        .put("activeFrom", reply.path("activeFrom").asLong()));
  }

  private void nonce(Message<Object> m) {
    call(m, "cas.nonce", CoreChannel.JSON.createObjectNode(), reply ->
        m.reply(Buffer.buffer(Base64.getDecoder().decode(reply.path("nonce").asText()))));
  }

  private void attest(Message<Object> m) {
    ObjectNode req = body(m);
    if (req == null) {
      return;
    }
    call(m, "cas.attest", req, reply -> m.reply(
        Buffer.buffer(Base64.getDecoder().decode(reply.path("secrets").asText())),
        new DeliveryOptions().addHeader(Provisioning.LEASE_HEADER, reply.path("lease").asText())));
  }

  private void release(Message<Object> m) {
    ObjectNode req = body(m);
    if (req != null) {
      call(m, "cas.release", req, reply -> m.reply(null));
    }
  }

  private ObjectNode body(Message<Object> m) {
    try {
      Object b = m.body();
      String text = b instanceof JsonObject j ? j.encode() : b instanceof Buffer buf ? buf.toString() : String.valueOf(b);
      JsonNode n = CoreChannel.JSON.readTree(text);
      if (n instanceof ObjectNode o) {
        return o;
      }
    } catch (java.io.IOException | RuntimeException e) {
      // Falls through to the refusal below.
    }
    m.fail(400, "request must be a JSON object");
    return null;
  }

  private void call(Message<Object> m, String op, ObjectNode req, Consumer<JsonNode> ok) {
    cas.call(op, req).onComplete(ar -> {
      if (ar.failed()) {
        m.fail(500, ar.cause().getMessage());
      } else if (ar.result().path("status").asInt() != 200) {
        m.fail(ar.result().path("status").asInt(), ar.result().path("reason").asText());
      } else {
        ok.accept(ar.result());
      }
    });
  }
}
