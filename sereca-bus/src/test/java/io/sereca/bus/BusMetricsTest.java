package io.sereca.bus;

import static io.sereca.bus.TestBuses.ORDERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.sereca.enclave.bus.KeyRing;
import io.sereca.enclave.bus.RejectReason;
import io.sereca.enclave.bus.ReplayWindow;
import io.sereca.enclave.bus.RouteCipher;
import io.sereca.enclave.bus.RouteKey;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.junit5.VertxExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class BusMetricsTest {

  @Test
  void rejectionsAreScrapeableOverHttpInPrometheusFormat(Vertx vertx) throws Exception {
    long now = System.currentTimeMillis();
    SecureEventBus bus = SecureEventBus.create(vertx, TestBuses.ROUTES, TestBuses.ring(now));
    assertThat(bus.meterRegistry()).isInstanceOf(PrometheusMeterRegistry.class);
    bus.consumer(ORDERS, m -> {}).completion().await();

    // A forger with the right key name and version but the wrong material: bad tag.
    KeyRing forged = new KeyRing(0);
    forged.add(RouteKey.generate("orders-key", 1), now);
    RouteCipher forger = new RouteCipher(RouteCipher.newSenderId("mallory"), TestBuses.ROUTES, forged,
        new ReplayWindow(), 30_000, System::currentTimeMillis);
    vertx.eventBus().send(ORDERS, Buffer.buffer(forger.seal(ORDERS, RouteCipher.Kind.SEND, Map.of(), new byte[3],
        new byte[0]).envelope()));
    await().atMost(Duration.ofSeconds(5))
        .until(() -> TestBuses.rejected(bus.meterRegistry(), RejectReason.BAD_TAG) == 1.0);

    HttpServer server = BusMetrics.serve(vertx, (PrometheusMeterRegistry) bus.meterRegistry(), 0).await();
    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<String> res = http.send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + server.actualPort() + BusMetrics.PATH)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(res.statusCode()).isEqualTo(200);
    assertThat(res.headers().firstValue("content-type")).contains(BusMetrics.CONTENT_TYPE);
    assertThat(res.body())
        .contains("sereca_bus_rejected_total{reason=\"bad_tag\"} 1.0")
        .contains("sereca_bus_rejected_total{reason=\"replay\"} 0.0")
        .contains("sereca_bus_sent_total 0.0")
        .contains("sereca_bus_delivered_total 0.0");

    HttpResponse<String> other = http.send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + server.actualPort() + "/other")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(other.statusCode()).isEqualTo(404);
    server.close().await();
  }
}
