package io.sereca.bus;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.util.Objects;

/**
 * The secure bus's meters, and a minimal Prometheus endpoint for them.
 *
 * <p>Counters (Prometheus names in brackets):
 * <ul>
 *   <li>{@value #SENT} ({@code sereca_bus_sent_total}): envelopes sealed and handed to the event
 *       bus (sends, publishes, requests, replies);</li>
 *   <li>{@value #DELIVERED} ({@code sereca_bus_delivered_total}): envelopes opened and delivered to
 *       a consumer or a requester;</li>
 *   <li>{@value #REJECTED}{@code {reason}} ({@code sereca_bus_rejected_total{reason="bad_tag"}}):
 *       messages dropped on a protected address, per
 *       {@link io.sereca.enclave.bus.RejectReason#tag() reason}. Every reason is registered at 0 when
 *       the bus is created, so dashboards see the series before the first attack.</li>
 * </ul>
 * Traffic on unprotected addresses is not counted. No meter carries the address: addresses are
 * unbounded in number.
 */
public final class BusMetrics {

  /** Counter of envelopes sealed and sent. */
  public static final String SENT = "sereca.bus.sent";
  /** Counter of envelopes opened and delivered. */
  public static final String DELIVERED = "sereca.bus.delivered";
  /** Counter of dropped messages on protected addresses, tagged with {@link #REASON}. */
  public static final String REJECTED = "sereca.bus.rejected";
  /** The tag carrying the reject reason, e.g. {@code bad_tag}. */
  public static final String REASON = "reason";
  /** Path of the scrape endpoint. */
  public static final String PATH = "/metrics";
  /** Content type of the Prometheus text exposition format. */
  public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private BusMetrics() {}

  /**
   * Serves {@code registry} at {@code GET /metrics} in the Prometheus text format on
   * {@code 127.0.0.1:port}; other paths answer 404.
   *
   * @param port the port, or 0 for any free one (see {@link HttpServer#actualPort()})
   * @return the listening server
   */
  public static Future<HttpServer> serve(Vertx vertx, PrometheusMeterRegistry registry, int port) {
    return serve(vertx, registry, new HttpServerOptions().setHost("127.0.0.1").setPort(port));
  }

  /**
   * Serves {@code registry} at {@code GET /metrics} with the given server options (host, port, TLS).
   *
   * @return the listening server
   */
  public static Future<HttpServer> serve(Vertx vertx, PrometheusMeterRegistry registry, HttpServerOptions options) {
    Objects.requireNonNull(registry, "registry");
    return vertx.createHttpServer(options)
        .requestHandler(req -> {
          if (!PATH.equals(req.path())) {
            req.response().setStatusCode(404).end("not found: " + req.path() + "\n");
          } else if (req.method() != HttpMethod.GET && req.method() != HttpMethod.HEAD) {
            req.response().setStatusCode(405).putHeader("allow", "GET, HEAD").end();
          } else {
            req.response().putHeader("content-type", CONTENT_TYPE).end(registry.scrape());
          }
        })
        .listen();
  }
}
