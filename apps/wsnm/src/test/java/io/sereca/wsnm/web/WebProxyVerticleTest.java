package io.sereca.wsnm.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sereca.wsnm.cloud.WsnmService;
import io.sereca.wsnm.cloud.WsnmTestBed;
import io.sereca.wsnm.enclave.web.UserDirectory;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The web proxy host over real HTTP and the bridge's raw WebSocket: pages and WebJars, security
 * headers, metrics, login relay, and a bridge that refuses every address but the dashboard's.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebProxyVerticleTest {

  WsnmTestBed bed;
  WebProxyVerticle proxy;
  WebClient web;
  int port;

  @BeforeAll
  void start() throws Exception {
    Path dir = Files.createTempDirectory(Path.of("target"), "web-proxy");
    bed = new WsnmTestBed(dir).file(UserDirectory.PATH,
        new Users().setIterations(2000).add("otto", "operator", "otto-pw").toJson());
    new StandInServices(bed.bus()).start(true);
    bed.deploy(WsnmService.WEB, "sim");
    proxy = new WebProxyVerticle();
    bed.vertx.deployVerticle(proxy, new DeploymentOptions().setConfig(new WebProxyOptions().setPort(0).toJson()))
        .await();
    port = proxy.actualPort();
    web = WebClient.create(bed.vertx);
  }

  @AfterAll
  void stop() throws Exception {
    bed.close();
  }

  HttpResponse<Buffer> get(String path) throws Exception {
    return web.get(port, "127.0.0.1", path).send().await();
  }

  @Test
  void servesTheDashboardAndItsLibrariesFromTheJarWithStrictHeaders() throws Exception {
    HttpResponse<Buffer> page = get("/wsnm/");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.bodyAsString()).contains("SIMULATED").contains("lib/uplot/uPlot.iife.min.js");
    assertThat(page.getHeader("Content-Security-Policy")).contains("script-src 'self'");
    assertThat(page.getHeader("X-Frame-Options")).isEqualTo("DENY");
    assertThat(get("/wsnm/lib/uplot/uPlot.iife.min.js").statusCode()).isEqualTo(200);
    assertThat(get("/wsnm/lib/uplot/uPlot.min.css").statusCode()).isEqualTo(200);
    assertThat(get("/wsnm/lib/sockjs/sockjs.min.js").bodyAsString()).contains("SockJS");
    assertThat(get("/wsnm/js/wsnm-crypto.js").statusCode()).isEqualTo(200);
    assertThat(get("/wsnm/api/catalog").bodyAsJsonObject().getJsonArray("dams")).hasSize(7);
    assertThat(get("/wsnm/lib/../../../pom.xml").statusCode()).isNotEqualTo(200);
  }

  @Test
  void relaysHelloAndRefusedLoginsAndCountsThemInMetrics() throws Exception {
    JsonObject hello = get("/wsnm/api/hello").bodyAsJsonObject();
    assertThat(hello.getString("gatewayKey")).isNotBlank();
    HttpResponse<Buffer> bad = web.post(port, "127.0.0.1", "/wsnm/api/login").sendBuffer(Buffer.buffer("{oops")).await();
    assertThat(bad.statusCode()).isEqualTo(400);
    HttpResponse<Buffer> stale = web.post(port, "127.0.0.1", "/wsnm/api/login")
        .sendJsonObject(new JsonObject().put("v", 1).put("clientKey", "AA==").put("challenge", "bm9wZQ==")
            .put("iv", "AA==").put("ct", "AA==")).await();
    assertThat(stale.statusCode()).isEqualTo(400);
    assertThat(stale.bodyAsJsonObject().getString("error")).contains("challenge");
    String metrics = get("/metrics").bodyAsString();
    assertThat(metrics).contains("wsnm_web_hello_total").contains("wsnm_web_login_total");
  }

  @Test
  void theBridgeRefusesEveryAddressButTheDashboards() throws Exception {
    WebSocketClient client = bed.vertx.createWebSocketClient();
    WebSocket ws = client.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port)
        .setURI("/wsnm/eventbus/websocket")).await();
    java.util.concurrent.BlockingQueue<JsonObject> in = new java.util.concurrent.LinkedBlockingQueue<>();
    // Data frames whether text or binary (the raw transport writes what the bridge hands it).
    ws.handler(buf -> in.add(new JsonObject(buf)));
    ws.writeTextMessage(new JsonObject().put("type", "send").put("address", "wsnm.cache.query")
        .put("body", new JsonObject().put("op", "latest")).put("replyAddress", "r1").encode()).await();
    assertThat(in.poll(10, TimeUnit.SECONDS).getString("body")).isEqualTo("access_denied");
    ws.writeTextMessage(new JsonObject().put("type", "register").put("address", "wsnm.alarms.events").encode()).await();
    assertThat(in.poll(10, TimeUnit.SECONDS).getString("body")).isEqualTo("access_denied");
    ws.writeTextMessage(new JsonObject().put("type", "register").put("address", "wsnm.web.push.AAAAAAAAAAAAAAAAAAAAAA")
        .encode()).await();
    assertThat(in.poll(10, TimeUnit.SECONDS).getString("body")).as("push address of no live session").isEqualTo("rejected");
    ws.writeTextMessage(new JsonObject().put("type", "publish").put("address", "wsnm.web.rpc")
        .put("body", new JsonObject()).encode()).await();
    assertThat(in.poll(10, TimeUnit.SECONDS).getString("body")).as("publish").isEqualTo("rejected");
    ws.writeTextMessage(new JsonObject().put("type", "send").put("address", "wsnm.web.rpc")
        .put("body", new JsonObject().put("s", "AAAAAAAAAAAAAAAAAAAAAA").put("q", 1).put("c", "AAAA"))
        .put("replyAddress", "r2").encode()).await();
    JsonObject err = in.poll(20, TimeUnit.SECONDS);
    assertThat(err.getString("type")).as(err.encode()).isEqualTo("err");
    assertThat(err.getInteger("failureCode")).as(err.encode()).isEqualTo(401);
    assertThat(err.getString("message")).contains("unknown session");
    ws.close().await();
  }

  @Test
  void optionsRefuseUnknownKeysAndNonLoopbackHosts() {
    assertThatThrownBy(() -> new WebProxyOptions(new JsonObject().put("prot", 1))).hasMessageContaining("prot");
    assertThatThrownBy(() -> new WebProxyOptions().setHost("8.8.8.8")).hasMessageContaining("loopback");
    assertThat(new WebProxyOptions(new WebProxyOptions().setPort(0).toJson()).getPort()).isZero();
  }
}
