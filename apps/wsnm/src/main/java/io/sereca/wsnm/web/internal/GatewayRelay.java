package io.sereca.wsnm.web.internal;

import io.micrometer.core.instrument.MeterRegistry;
import io.sereca.wsnm.enclave.WebGatewayApp;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The host's half of the gateway protocol: it moves frames between the SockJS bridge (or HTTP) and
 * the gateway enclave, and never holds a key. What it learns: session ids (it must, to route
 * pushes), frame sizes and timing, and whether a login succeeded.
 */
public final class GatewayRelay {

  /** The bridge's one inbound address. */
  public static final String RPC_ADDRESS = "wsnm.web.rpc";
  /** Prefix of the per-session push addresses the bridge lets a browser register. */
  public static final String PUSH_PREFIX = "wsnm.web.push.";
  /** A session id: 16 random bytes, base64url without padding. */
  public static final Pattern SESSION_ID = Pattern.compile("[A-Za-z0-9_-]{22}");

  private final Vertx vertx;
  private final MeterRegistry metrics;
  private final long timeoutMillis;
  private final int maxFrameChars;
  private final Set<String> sessions = ConcurrentHashMap.newKeySet();
  private final List<MessageConsumer<?>> consumers = new ArrayList<>();
  private long timer = -1;

  /** A relay on {@code vertx}'s bus. */
  public GatewayRelay(Vertx vertx, MeterRegistry metrics, long timeoutMillis, int maxFrameChars) {
    this.vertx = vertx;
    this.metrics = metrics;
    this.timeoutMillis = timeoutMillis;
    this.maxFrameChars = maxFrameChars;
    metrics.gauge("wsnm.web.sessions", sessions, Set::size);
  }

  /** Registers the bridge's RPC consumer and the gateway's out address; starts the expiry tick. */
  public Future<Void> start(long tickMillis) {
    MessageConsumer<Object> rpc = vertx.eventBus().consumer(RPC_ADDRESS, this::rpcFromBridge);
    MessageConsumer<Object> out = vertx.eventBus().consumer(WebGatewayApp.OUT, this::fromGateway);
    consumers.add(rpc);
    consumers.add(out);
    timer = vertx.setPeriodic(tickMillis, id -> vertx.eventBus()
        .request(WebGatewayApp.TICK, Buffer.buffer(), new DeliveryOptions().setSendTimeout(timeoutMillis))
        .onFailure(err -> metrics.counter("wsnm.web.tick.failed").increment()));
    return Future.all(rpc.completion(), out.completion()).mapEmpty();
  }

  /** Stops. */
  public Future<Void> stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
    List<Future<Void>> all = new ArrayList<>();
    consumers.forEach(c -> all.add(c.unregister()));
    return Future.all(all).mapEmpty();
  }

  /** Whether the gateway told us {@code id} is a live session. */
  public boolean live(String id) {
    return sessions.contains(id);
  }

  /** The gateway's key and a login challenge. */
  public Future<JsonObject> hello() {
    return request(WebGatewayApp.HELLO, Buffer.buffer(), "hello");
  }

  /** Relays a login; remembers the session id of a successful one. */
  public Future<JsonObject> login(JsonObject body) {
    return request(WebGatewayApp.LOGIN, body.toBuffer(), "login").onSuccess(r -> {
      String sid = r.getString("session");
      if (sid != null && SESSION_ID.matcher(sid).matches()) {
        sessions.add(sid);
      }
    });
  }

  /** Relays one encrypted frame (a request, or a logout). */
  public Future<JsonObject> frame(JsonObject frame) {
    String problem = checkFrame(frame);
    if (problem != null) {
      metrics.counter("wsnm.web.rpc", "outcome", "refused").increment();
      return Future.failedFuture(new ReplyException(io.vertx.core.eventbus.ReplyFailure.RECIPIENT_FAILURE, 400, problem));
    }
    return request(WebGatewayApp.RPC, frame.toBuffer(), "rpc");
  }

  /** Why a frame is refused before it reaches the gateway, or null. */
  public String checkFrame(JsonObject frame) {
    if (frame == null) {
      return "frame must be a JSON object {s, q, c}";
    }
    Object s = frame.getValue("s");
    Object q = frame.getValue("q");
    Object c = frame.getValue("c");
    if (!(s instanceof String) || !(q instanceof Number) || !(c instanceof String) || frame.size() != 3) {
      return "frame must be exactly {s: session, q: sequence, c: base64 ciphertext}";
    }
    if (((String) c).length() > maxFrameChars) {
      return "frame larger than " + maxFrameChars + " characters";
    }
    return null;
  }

  private void rpcFromBridge(Message<Object> m) {
    if (!(m.body() instanceof JsonObject)) {
      m.fail(400, "frame must be a JSON object {s, q, c}");
      return;
    }
    frame((JsonObject) m.body()).onComplete(ar -> {
      if (ar.succeeded()) {
        m.reply(ar.result());
      } else {
        Throwable t = ar.cause();
        int code = t instanceof ReplyException ? ((ReplyException) t).failureCode() : 500;
        m.fail(code, String.valueOf(t.getMessage()));
      }
    });
  }

  private void fromGateway(Message<Object> m) {
    JsonObject body;
    try {
      body = m.body() instanceof Buffer ? new JsonObject((Buffer) m.body()) : null;
    } catch (DecodeException e) {
      body = null;
    }
    if (body == null) {
      metrics.counter("wsnm.web.out.malformed").increment();
      return;
    }
    String to = body.getString("to");
    String closed = body.getString("closed");
    if (to != null && body.getValue("frame") instanceof JsonObject) {
      if (sessions.contains(to)) {
        vertx.eventBus().publish(PUSH_PREFIX + to, body.getJsonObject("frame"));
        metrics.counter("wsnm.web.push").increment();
      }
    } else if (closed != null) {
      sessions.remove(closed);
      metrics.counter("wsnm.web.sessions.closed", "reason", String.valueOf(body.getString("reason"))).increment();
    }
  }

  private Future<JsonObject> request(String address, Buffer body, String what) {
    return vertx.eventBus().<Object>request(address, body, new DeliveryOptions().setSendTimeout(timeoutMillis))
        .map(reply -> {
          Object b = reply.body();
          JsonObject json = b instanceof Buffer ? new JsonObject((Buffer) b)
              : b instanceof JsonObject ? (JsonObject) b : new JsonObject(String.valueOf(b));
          metrics.counter("wsnm.web." + what, "outcome", "ok").increment();
          return json;
        })
        .onFailure(err -> metrics.counter("wsnm.web." + what, "outcome", "failed").increment());
  }
}
