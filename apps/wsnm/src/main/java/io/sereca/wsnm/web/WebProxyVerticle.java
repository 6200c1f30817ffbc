package io.sereca.wsnm.web;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.sereca.wsnm.web.internal.DamCatalog;
import io.sereca.wsnm.web.internal.GatewayRelay;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.bridge.PermittedOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.StaticHandler;
import io.vertx.ext.web.handler.sockjs.BridgeEvent;
import io.vertx.ext.web.handler.sockjs.SockJSBridgeOptions;
import io.vertx.ext.web.handler.sockjs.SockJSHandler;

/**
 * The WSNM dashboard's web proxy: an untrusted host that serves the static dashboard
 * ({@code /wsnm/}), the browser libraries from their WebJars ({@code /wsnm/lib/uplot/},
 * {@code /wsnm/lib/sockjs/}), the login endpoints ({@code /wsnm/api/hello|login|logout}), a
 * Prometheus {@code /metrics} endpoint, and a SockJS event-bus bridge ({@code /wsnm/eventbus})
 * that lets a browser send to {@value GatewayRelay#RPC_ADDRESS} and register its session's push
 * address {@code wsnm.web.push.<session>}, and nothing else.
 *
 * <p>Every payload it relays is encrypted between the browser and the web gateway enclave
 * ({@link io.sereca.wsnm.enclave.WebGatewayApp}), which must be deployed on the same bus (as a
 * {@code SecureVerticle} of {@code WsnmService.WEB}).
 *
 * <pre>{@code
 * vertx.deployVerticle(new WebProxyVerticle(), new DeploymentOptions().setConfig(
 *     new WebProxyOptions().setPort(8080).toJson()));
 * }</pre>
 */
public class WebProxyVerticle extends VerticleBase {

  /** The uPlot WebJar's files. */
  static final String UPLOT_ROOT = "META-INF/resources/webjars/uplot/1.6.30/dist";
  /** The sockjs-client WebJar's files. */
  static final String SOCKJS_ROOT = "META-INF/resources/webjars/sockjs-client/1.6.1/dist";
  /** The dashboard's own files. */
  static final String WEBROOT = "webroot/wsnm";
  /** Content-Security-Policy of every response: same-origin scripts, styles and connections only. */
  public static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
      + " connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

  /** Push registration plus requests in flight that one browser socket may hold. */
  public static final int MAX_HANDLERS_PER_SOCKET = 64;

  private final PrometheusMeterRegistry metrics;
  private WebProxyOptions options;
  private GatewayRelay relay;
  private HttpServer server;

  /** A proxy with its own Prometheus registry. */
  public WebProxyVerticle() {
    this(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
  }

  /** A proxy reporting to {@code metrics} (served on {@code /metrics}). */
  public WebProxyVerticle(PrometheusMeterRegistry metrics) {
    this.metrics = metrics;
  }

  @Override
  public Future<?> start() {
    try {
      options = new WebProxyOptions(config());
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
    relay = new GatewayRelay(vertx, metrics, options.getRequestTimeoutMillis(), options.getMaxRequestBytes());
    Router router = Router.router(vertx);
    router.route().handler(this::headers);
    router.get("/").handler(ctx -> ctx.redirect("/wsnm/"));
    // Vert.x matches "/wsnm" and "/wsnm/" alike: redirect only the bare one.
    router.get("/wsnm").handler(ctx -> {
      if (ctx.request().path().equals("/wsnm")) {
        ctx.redirect("/wsnm/");
      } else {
        ctx.next();
      }
    });
    router.get("/favicon.ico").handler(ctx -> ctx.response().setStatusCode(204).end());
    router.get("/metrics").handler(ctx -> ctx.response()
        .putHeader("content-type", "text/plain; version=0.0.4; charset=utf-8").end(metrics.scrape()));
    router.get("/wsnm/api/catalog").handler(ctx -> json(ctx, 200, DamCatalog.json()));
    router.get("/wsnm/api/hello").handler(ctx -> relay.hello().onComplete(ar -> answer(ctx, ar)));
    router.post("/wsnm/api/*").handler(BodyHandler.create().setBodyLimit(options.getMaxRequestBytes()));
    router.post("/wsnm/api/login").handler(ctx -> {
      JsonObject body = body(ctx);
      if (body != null) {
        relay.login(body).onComplete(ar -> answer(ctx, ar));
      }
    });
    router.post("/wsnm/api/logout").handler(ctx -> {
      JsonObject body = body(ctx);
      if (body != null) {
        relay.frame(body).onComplete(ar -> answer(ctx, ar));
      }
    });
    SockJSBridgeOptions bridge = new SockJSBridgeOptions()
        .addInboundPermitted(new PermittedOptions().setAddress(GatewayRelay.RPC_ADDRESS))
        .addOutboundPermitted(new PermittedOptions().setAddressRegex("wsnm\\.web\\.push\\.[A-Za-z0-9_-]{22}"))
        // Vert.x 5 counts pending replies as handlers: room for the push address and concurrent requests.
        .setMaxHandlersPerSocket(MAX_HANDLERS_PER_SOCKET)
        .setReplyTimeout(options.getRequestTimeoutMillis());
    router.route("/wsnm/eventbus/*").subRouter(SockJSHandler.create(vertx).bridge(bridge, this::bridgeEvent));
    router.get("/wsnm/lib/uplot/*").handler(StaticHandler.create(UPLOT_ROOT));
    router.get("/wsnm/lib/sockjs/*").handler(StaticHandler.create(SOCKJS_ROOT));
    router.get("/wsnm/*").handler(StaticHandler.create(WEBROOT).setCachingEnabled(false));
    HttpServerOptions http = new HttpServerOptions().setHost(options.getHost()).setPort(options.getPort())
        .setMaxWebSocketFrameSize(1 << 20).setMaxWebSocketMessageSize(16 << 20);
    return relay.start(options.getTickIntervalMillis())
        .compose(v -> vertx.createHttpServer(http).requestHandler(router).listen())
        .onSuccess(s -> server = s);
  }

  /** The port the server listens on (after start), for port 0. */
  public int actualPort() {
    return server == null ? -1 : server.actualPort();
  }

  /** The metrics registry. */
  public PrometheusMeterRegistry metrics() {
    return metrics;
  }

  @Override
  public Future<?> stop() {
    Future<Void> closed = server == null ? Future.succeededFuture() : server.close();
    return closed.compose(v -> relay == null ? Future.succeededFuture() : relay.stop());
  }

  private void bridgeEvent(BridgeEvent event) {
    JsonObject raw = event.getRawMessage();
    String address = raw == null ? null : raw.getString("address");
    boolean ok = true;
    switch (event.type()) {
      case REGISTER:
        // The bridge's own permissions answer "access_denied" for any other address; a push
        // address must also be a live session's (ciphertext either way, but nobody else's pattern).
        if (address != null && address.startsWith(GatewayRelay.PUSH_PREFIX)
            && !relay.live(address.substring(GatewayRelay.PUSH_PREFIX.length()))) {
          ok = false; // the bridge answers {"type":"err","body":"rejected"}
        }
        break;
      case SEND:
        if (GatewayRelay.RPC_ADDRESS.equals(address)) {
          String problem = raw.getValue("body") instanceof JsonObject ? relay.checkFrame(raw.getJsonObject("body"))
              : "frame must be a JSON object {s, q, c}";
          if (problem != null) {
            ok = false;
            // Addressed to the reply, so the page's pending request fails at once (the bridge's own
            // "rejected" names no request).
            event.socket().write(new JsonObject().put("type", "err").put("address", raw.getString("replyAddress"))
                .put("failureCode", 400).put("failureType", "RECIPIENT_FAILURE").put("message", problem).encode());
          }
        }
        break;
      case PUBLISH:
        ok = false;
        break;
      default:
        break;
    }
    if (!ok) {
      metrics.counter("wsnm.web.bridge.refused", "type", event.type().name().toLowerCase()).increment();
    }
    event.complete(ok);
  }

  private void headers(RoutingContext ctx) {
    ctx.response().putHeader("Content-Security-Policy", CSP)
        .putHeader("X-Content-Type-Options", "nosniff")
        .putHeader("Referrer-Policy", "no-referrer")
        .putHeader("X-Frame-Options", "DENY");
    if (ctx.request().path().startsWith("/wsnm/api/")) {
      ctx.response().putHeader("Cache-Control", "no-store");
    }
    ctx.next();
  }

  private static JsonObject body(RoutingContext ctx) {
    try {
      JsonObject body = ctx.body().asJsonObject();
      if (body != null) {
        return body;
      }
    } catch (DecodeException | ClassCastException e) {
      // answered below
    }
    json(ctx, 400, new JsonObject().put("error", "request body must be a JSON object"));
    return null;
  }

  private static void answer(RoutingContext ctx, io.vertx.core.AsyncResult<JsonObject> ar) {
    if (ar.succeeded()) {
      json(ctx, 200, ar.result());
      return;
    }
    Throwable t = ar.cause();
    int status = 502;
    if (t instanceof ReplyException) {
      ReplyException r = (ReplyException) t;
      if (r.failureType() == ReplyFailure.TIMEOUT) {
        status = 504;
      } else if (r.failureType() == ReplyFailure.NO_HANDLERS) {
        status = 503;
      } else if (r.failureCode() >= 400 && r.failureCode() < 600) {
        status = r.failureCode();
      }
    }
    json(ctx, status, new JsonObject().put("error", String.valueOf(t.getMessage())));
  }

  private static void json(RoutingContext ctx, int status, JsonObject body) {
    ctx.response().setStatusCode(status).putHeader("content-type", "application/json").end(body.encode());
  }
}
