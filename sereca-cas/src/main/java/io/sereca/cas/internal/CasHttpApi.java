package io.sereca.cas.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sereca.cas.AuditEntry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.io.IOException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.function.Consumer;

/**
 * The CAS's REST API (JSON over HTTPS). Every answer is JSON; a refusal has the core's status
 * (400 with the failing manifest field's {@code path}, 403 with the reason, ...) and a
 * {@code reason}. See docs/cas.md for each endpoint.
 */
public final class CasHttpApi {

  /** The largest request body accepted. */
  public static final long MAX_BODY_BYTES = 2L << 20;

  private final CasService cas;
  private final MeterRegistry metrics;
  private final Consumer<JsonNode> rotated;

  /**
   * Creates the API.
   *
   * @param onRotated called after each successful rotation (to announce it on the bus)
   */
  public CasHttpApi(CasService cas, MeterRegistry metrics, Consumer<JsonNode> onRotated) {
    this.cas = cas;
    this.metrics = metrics;
    this.rotated = onRotated;
  }

  /** The router with every endpoint. */
  public Router router(Vertx vertx) {
    Router r = Router.router(vertx);
    r.route().handler(BodyHandler.create().setBodyLimit(MAX_BODY_BYTES));
    r.get("/attestation").handler(this::attestation);
    r.get("/nonce").handler(ctx -> forward(ctx, "cas.nonce", empty()));
    r.post("/attest").handler(ctx -> withBody(ctx, body -> forward(ctx, "cas.attest", body)));
    r.get("/manifest").handler(ctx -> forward(ctx, "cas.manifest.get", empty()));
    r.put("/manifest").handler(ctx -> withBody(ctx, body -> forward(ctx, "cas.manifest.set", body)));
    r.put("/secrets/:name").handler(ctx -> withBody(ctx, body ->
        forward(ctx, "cas.secret.put", body.put("name", ctx.pathParam("name")))));
    r.post("/rotate/:name").handler(ctx -> withBody(ctx, body -> {
      body.put("secret", ctx.pathParam("name")).remove("scheduled");
      forward(ctx, "cas.rotate", body);
    }));
    r.post("/audit").handler(ctx -> withBody(ctx, body -> audit(ctx, body)));
    r.post("/certificates/:ca").handler(ctx -> withBody(ctx, body ->
        forward(ctx, "cas.node.certificate", body.put("ca", ctx.pathParam("ca")))));
    r.post("/recovery/export").handler(ctx -> forward(ctx, "cas.recovery.export", empty()));
    r.post("/recovery/import").handler(ctx -> withBody(ctx, body -> forward(ctx, "cas.recovery.import", body)));
    if (metrics instanceof PrometheusMeterRegistry prometheus) {
      r.get("/metrics").handler(ctx -> ctx.response()
          .putHeader("content-type", "text/plain; version=0.0.4").end(prometheus.scrape()));
    }
    r.route().last().handler(ctx -> fail(ctx, 404, "no such endpoint: " + ctx.request().method() + " " + ctx.request().path()));
    return r;
  }

  private void attestation(RoutingContext ctx) {
    String nonceText = ctx.queryParams().get("nonce");
    byte[] nonce;
    try {
      nonce = nonceText == null ? null : HexFormat.of().parseHex(nonceText);
    } catch (IllegalArgumentException e) {
      nonce = null;
    }
    if (nonce == null || nonce.length < 16 || nonce.length > 64) {
      fail(ctx, 400, "query parameter 'nonce' must be 16 to 64 bytes in hex");
      return;
    }
    cas.attestation(nonce).onComplete(ar -> {
      if (ar.failed()) {
        fail(ctx, 500, "the CAS core cannot attest: " + ar.cause().getMessage());
        return;
      }
      var req = ar.result();
      JsonObject out = new JsonObject()
          .put("evidence", Base64.getEncoder().encodeToString(req.evidence()))
          .put("publicKey", Base64.getEncoder().encodeToString(req.publicKey()))
          .put("claims", Base64.getEncoder().encodeToString(req.claims()))
          .put("backend", cas.enclave().backend())
          .put("simulated", cas.enclave().simulated())
          .put("measurement", cas.enclave().identity().measurementHex());
      respond(ctx, 200, out);
    });
  }

  private void audit(RoutingContext ctx, ObjectNode body) {
    long from = Math.max(1, body.path("from").asLong(1));
    int limit = Math.min(10_000, Math.max(1, body.path("limit").asInt(1000)));
    cas.call("cas.audit.head", body).onComplete(ar -> {
      if (ar.failed()) {
        fail(ctx, 500, ar.cause().getMessage());
        return;
      }
      JsonNode head = ar.result();
      if (head.path("status").asInt() != 200) {
        fail(ctx, head.path("status").asInt(), head.path("reason").asText());
        return;
      }
      cas.auditEntries(from, limit).onComplete(entries -> {
        if (entries.failed()) {
          fail(ctx, 500, entries.cause().getMessage());
          return;
        }
        JsonArray list = new JsonArray();
        for (AuditEntry e : entries.result()) {
          list.add(new JsonObject().put("seq", e.seq()).put("time", e.time()).put("type", e.type())
              .put("subject", e.subject()).put("outcome", e.outcome()).put("detail", e.detail())
              .put("prev", e.prev()).put("hash", e.hash()));
        }
        respond(ctx, 200, new JsonObject().put("head", new JsonObject(head.toString()).copy())
            .put("entries", list));
      });
    });
  }

  private void forward(RoutingContext ctx, String address, ObjectNode body) {
    cas.call(address, body).onComplete(ar -> {
      if (ar.failed()) {
        fail(ctx, 500, ar.cause().getMessage());
        return;
      }
      JsonNode reply = ar.result();
      int status = reply.path("status").asInt(500);
      if (status == 200 && address.equals("cas.rotate")) {
        rotated.accept(reply);
      }
      JsonObject out = new JsonObject(reply.toString());
      out.remove("state");
      out.remove("audit");
      out.remove("stateVersion");
      respond(ctx, status, out);
    });
  }

  private void withBody(RoutingContext ctx, Consumer<ObjectNode> then) {
    JsonNode body;
    try {
      body = CoreChannel.JSON.readTree(ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes());
    } catch (IOException e) {
      fail(ctx, 400, "request body is not valid JSON");
      return;
    }
    if (body == null || !body.isObject()) {
      fail(ctx, 400, "request body must be a JSON object");
      return;
    }
    then.accept((ObjectNode) body);
  }

  private static ObjectNode empty() {
    return CoreChannel.JSON.createObjectNode();
  }

  private void fail(RoutingContext ctx, int status, String reason) {
    respond(ctx, status, new JsonObject().put("status", status).put("reason", reason));
  }

  private void respond(RoutingContext ctx, int status, JsonObject body) {
    metrics.counter("sereca_cas_requests", "path", ctx.currentRoute() == null || ctx.currentRoute().getPath() == null
        ? "other" : ctx.currentRoute().getPath(), "status", Integer.toString(status)).increment();
    if (!ctx.response().ended()) {
      ctx.response().setStatusCode(status).putHeader("content-type", "application/json").end(body.encode());
    }
  }
}
