package io.sereca.cas;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.sereca.bus.DevPki;
import io.sereca.cas.internal.CasHttpApi;
import io.sereca.cas.internal.CasService;
import io.sereca.cas.internal.CasServerSupport;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;

/**
 * The configuration and attestation service, as a verticle: the CAS core in its own enclave, an
 * HTTPS REST API (default 127.0.0.1:8443) and the provisioning protocol on the event bus (default
 * {@code sereca.cas}). Secure verticles given {@code provisioner: "sereca.cas"} and their service
 * name get their keys, env, args and files from it after attestation.
 *
 * <pre>{@code
 * vertx.deployVerticle(new CasServer(new CasOptions().setDataDirectory(dir)));
 * }</pre>
 */
public final class CasServer extends VerticleBase {

  private final CasOptions options;
  private final PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private CasService cas;
  private CasServerSupport support;
  private HttpServer http;

  /** A CAS with {@code options} (the data directory is required). */
  public CasServer(CasOptions options) {
    this.options = new CasOptions(options);
  }

  @Override
  public Future<?> start() {
    return vertx.executeBlocking(() -> {
      cas = CasService.start(vertx, options);
      DevPki pki = DevPki.open(CasService.casDirectory(options.getDataDirectory()).resolve("tls"));
      return pki.issueNode("cas", "localhost", "127.0.0.1");
    }).compose(tls -> {
      support = new CasServerSupport(vertx, cas, options);
      CasHttpApi api = new CasHttpApi(cas, metrics, support::announceRotation);
      HttpServerOptions http = new HttpServerOptions().setHost(options.getHost()).setPort(options.getPort())
          .setSsl(true).setKeyCertOptions(new PemKeyCertOptions()
              .setCertPath(tls.certificate().toString()).setKeyPath(tls.privateKey().toString()));
      return vertx.createHttpServer(http).requestHandler(api.router(vertx)).listen()
          .compose(server -> {
            this.http = server;
            return support.start();
          });
    });
  }

  /** The HTTPS port actually bound (useful with port 0). */
  public int actualPort() {
    return http == null ? -1 : http.actualPort();
  }

  /** What the CAS core vouches for in its evidence: its signing and exchange keys. */
  public JsonNode identity() {
    return cas.identity();
  }

  /** The CAS core enclave's measurement (hex), for operators to pin. */
  public String measurement() {
    return cas.enclave().identity().measurementHex();
  }

  @Override
  public Future<?> stop() {
    Future<?> closed = http == null ? Future.succeededFuture() : http.close();
    return closed.compose(v -> support == null ? Future.succeededFuture() : support.stop())
        .compose(v -> vertx.executeBlocking(() -> {
          if (cas != null) {
            cas.close();
          }
          return null;
        }));
  }
}
