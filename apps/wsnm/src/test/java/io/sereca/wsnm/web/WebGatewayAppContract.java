package io.sereca.wsnm.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.sereca.wsnm.cloud.WsnmService;
import io.sereca.wsnm.cloud.WsnmTestBed;
import io.sereca.wsnm.enclave.WebGatewayApp;
import io.sereca.wsnm.enclave.web.UserDirectory;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The web gateway enclave's behaviour, on a backend chosen by the subclass: logins, roles,
 * frames that are tampered with, replayed or foreign, expiry, malformed input, pushes. The other
 * services are {@link StandInServices} on the secure bus.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class WebGatewayAppContract {

  static final int IDLE_SECONDS = 3;
  WsnmTestBed bed;
  StandInServices services;
  GatewayClient client;
  final List<JsonObject> out = new CopyOnWriteArrayList<>();

  abstract String backend();

  @BeforeAll
  void start() throws Exception {
    Path dir = Files.createTempDirectory(Path.of("target"), "web-gateway-" + backend());
    byte[] users = new Users().setIterations(2000).setSessionIdleSeconds(IDLE_SECONDS)
        .add("vera", "viewer", "vera-pw").add("otto", "operator", "otto-pw").add("erin", "engineer", "erin-pw")
        .toJson();
    bed = new WsnmTestBed(dir).file(UserDirectory.PATH, users);
    services = new StandInServices(bed.bus()).start(false);
    bed.vertx.eventBus().<Buffer>consumer(WebGatewayApp.OUT, m -> out.add(new JsonObject(m.body())))
        .completion().await();
    bed.deploy(WsnmService.WEB, backend());
    client = new GatewayClient(bed.vertx);
  }

  @AfterAll
  void stop() throws Exception {
    bed.close();
  }

  static ReplyException refusal(Runnable r) {
    try {
      r.run();
    } catch (ReplyException e) {
      return e;
    }
    throw new AssertionError("expected the gateway to refuse");
  }

  @Test
  void rightPasswordGivesASessionWithTheUsersRole() throws Exception {
    GatewayClient.Session s = client.login("otto", "otto-pw");
    assertThat(s.id).matches("[A-Za-z0-9_-]{22}");
    assertThat(s.welcome.getBoolean("ok")).isTrue();
    assertThat(s.welcome.getJsonObject("body").getString("role")).isEqualTo("operator");
    assertThat(s.call(new JsonObject().put("op", "whoami")).getJsonObject("body").getString("user")).isEqualTo("otto");
  }

  @Test
  void wrongPasswordAndUnknownUserAreRefusedWithTheSameAnswer() {
    ReplyException wrong = refusal(() -> sneaky(() -> client.login("vera", "not-her-password")));
    ReplyException unknown = refusal(() -> sneaky(() -> client.login("nobody", "vera-pw")));
    assertThat(wrong.failureCode()).isEqualTo(403);
    assertThat(unknown.failureCode()).isEqualTo(403);
    assertThat(wrong.getMessage()).isEqualTo(unknown.getMessage()).contains("login refused");
  }

  @Test
  void aLoginChallengeServesOnce() throws Exception {
    GatewayClient.Login login = client.new Login("vera", "vera-pw");
    login.send();
    ReplyException again = refusal(() -> sneaky(login::send));
    assertThat(again.failureCode()).isEqualTo(400);
    assertThat(again.getMessage()).contains("challenge");
  }

  @Test
  void aViewerReadsButCannotAcknowledge() throws Exception {
    GatewayClient.Session s = client.login("vera", "vera-pw");
    JsonObject latest = s.call(new JsonObject().put("op", "latest"));
    assertThat(latest.getBoolean("ok")).isTrue();
    assertThat(latest.getJsonObject("body").getJsonArray("dams")).hasSize(7);
    int before = services.commands.size();
    JsonObject ack = s.call(new JsonObject().put("op", "ack").put("id", "A1").put("comment", "seen"));
    assertThat(ack.getBoolean("ok")).isFalse();
    assertThat(ack.getInteger("code")).isEqualTo(403);
    assertThat(ack.getString("error")).contains("viewer").contains("acknowledge");
    assertThat(services.commands).hasSize(before);
  }

  @Test
  void anOperatorAcknowledgesAsItselfAndMustComment() throws Exception {
    services.alarms.put("A2", StandInServices.alarm("A2", "CONZA", "RESERVOIR_LEVEL", "high", "ACTIVE_UNACK"));
    GatewayClient.Session s = client.login("otto", "otto-pw");
    JsonObject noComment = s.call(new JsonObject().put("op", "ack").put("id", "A2").put("comment", "  "));
    assertThat(noComment.getInteger("code")).isEqualTo(400);
    assertThat(noComment.getString("error")).contains("comment is required");
    JsonObject ack = s.call(new JsonObject().put("op", "ack").put("id", "A2").put("comment", "checked on site")
        .put("user", "mallory"));
    assertThat(ack.getBoolean("ok")).as(ack.encode()).isTrue();
    JsonObject sent = services.commands.get(services.commands.size() - 1);
    assertThat(sent.getString("op")).isEqualTo("ack");
    assertThat(sent.getString("user")).isEqualTo("otto");
    assertThat(sent.getString("comment")).isEqualTo("checked on site");
    JsonObject shelve = s.call(new JsonObject().put("op", "shelve").put("id", "A2").put("comment", "x"));
    assertThat(shelve.getInteger("code")).isEqualTo(403);
  }

  @Test
  void anEngineerShelves() throws Exception {
    services.alarms.put("A3", StandInServices.alarm("A3", "SAETTA", "PIEZOMETER_2", "medium", "ACTIVE_UNACK"));
    GatewayClient.Session s = client.login("erin", "erin-pw");
    JsonObject shelve = s.call(new JsonObject().put("op", "shelve").put("id", "A3").put("comment", "sensor swap")
        .put("minutes", 30));
    assertThat(shelve.getBoolean("ok")).as(shelve.encode()).isTrue();
    JsonObject sent = services.commands.get(services.commands.size() - 1);
    assertThat(sent.getString("op")).isEqualTo("shelve");
    assertThat(sent.getInteger("minutes")).isEqualTo(30);
    assertThat(sent.getString("user")).isEqualTo("erin");
  }

  @Test
  void tamperedReplayedAndForeignFramesAreRejectedAndTheSessionLivesOn() throws Exception {
    GatewayClient.Session a = client.login("vera", "vera-pw");
    GatewayClient.Session b = client.login("vera", "vera-pw");
    JsonObject frame = a.seal(new JsonObject().put("op", "ping"));
    byte[] c = Base64.getDecoder().decode(frame.getString("c"));
    c[3] ^= 1;
    JsonObject tampered = frame.copy().put("c", GatewayClient.b64(c));
    assertThat(refusal(() -> a.rpc(tampered)).failureCode()).isEqualTo(400);
    JsonObject foreign = frame.copy().put("s", b.id);
    assertThat(refusal(() -> a.rpc(foreign)).getMessage()).contains("does not authenticate");
    assertThat(a.open(a.rpc(frame)).getBoolean("ok")).isTrue();
    ReplyException replay = refusal(() -> a.rpc(frame));
    assertThat(replay.failureCode()).isEqualTo(409);
    assertThat(replay.getMessage()).contains("replay");
    JsonObject renumbered = frame.copy().put("q", 99);
    assertThat(refusal(() -> a.rpc(renumbered)).failureCode()).isEqualTo(400);
    assertThat(a.call(new JsonObject().put("op", "ping")).getBoolean("ok")).isTrue();
    assertThat(b.call(new JsonObject().put("op", "ping")).getBoolean("ok")).isTrue();
  }

  @Test
  void anUnknownSessionIsRefused() {
    JsonObject frame = new JsonObject().put("s", "AAAAAAAAAAAAAAAAAAAAAA").put("q", 1).put("c", "AAAAAAAAAAAAAAAAAAAAAA==");
    ReplyException e = refusal(() -> client.request(WebGatewayApp.RPC, frame.toBuffer()));
    assertThat(e.failureCode()).isEqualTo(401);
    assertThat(e.getMessage()).contains("unknown session");
  }

  @Test
  void anIdleSessionExpires() throws Exception {
    GatewayClient.Session s = client.login("vera", "vera-pw");
    Thread.sleep((IDLE_SECONDS + 1) * 1000L);
    ReplyException e = refusal(() -> sneaky(() -> s.call(new JsonObject().put("op", "ping"))));
    assertThat(e.failureCode()).isEqualTo(401);
    assertThat(e.getMessage()).contains("expired");
    await().atMost(Duration.ofSeconds(10)).until(() -> out.stream().anyMatch(o -> s.id.equals(o.getString("closed"))));
  }

  @Test
  void logoutEndsTheSession() throws Exception {
    GatewayClient.Session s = client.login("otto", "otto-pw");
    assertThat(s.call(new JsonObject().put("op", "logout")).getJsonObject("body").getBoolean("loggedOut")).isTrue();
    assertThat(refusal(() -> sneaky(() -> s.call(new JsonObject().put("op", "ping")))).failureCode()).isEqualTo(401);
    await().atMost(Duration.ofSeconds(10)).until(() -> out.stream()
        .anyMatch(o -> s.id.equals(o.getString("closed")) && "logout".equals(o.getString("reason"))));
  }

  @Test
  void malformedInputGetsAClearErrorAndTheGatewayLivesOn() throws Exception {
    ReplyException notJson = refusal(() -> client.request(WebGatewayApp.LOGIN, Buffer.buffer("{not json")));
    assertThat(notJson.failureCode()).isEqualTo(400);
    assertThat(notJson.getMessage()).startsWith("login:");
    JsonObject hello = client.hello();
    JsonObject offCurve = new JsonObject().put("v", 1).put("clientKey", GatewayClient.b64(offCurvePoint()))
        .put("challenge", hello.getString("challenge")).put("iv", "AAAAAAAAAAAAAAAA").put("ct", "AAAA");
    assertThat(refusal(() -> client.request(WebGatewayApp.LOGIN, offCurve.toBuffer())).getMessage())
        .contains("not a valid P-256 public key");
    ReplyException noCipher = refusal(() -> client.request(WebGatewayApp.RPC,
        new JsonObject().put("s", "x").put("q", 1).toBuffer()));
    assertThat(noCipher.getMessage()).contains("missing field 'c'");
    GatewayClient.Session s = client.login("vera", "vera-pw");
    JsonObject unknownOp = s.call(new JsonObject().put("op", "drop-tables"));
    assertThat(unknownOp.getInteger("code")).isEqualTo(404);
    JsonObject badDam = s.call(new JsonObject().put("op", "latest").put("dam", "conza; drop"));
    assertThat(badDam.getString("error")).contains("dam");
    JsonObject noStorage = s.call(new JsonObject().put("op", "trend").put("dam", "CONZA")
        .put("channel", "RESERVOIR_LEVEL").put("from", 0).put("to", 1000).put("buckets", 10));
    assertThat(noStorage.getInteger("code")).isEqualTo(502);
    assertThat(noStorage.getString("error")).contains("storage archiver");
    assertThat(client.hello().getString("gatewayKey")).isEqualTo(hello.getString("gatewayKey"));
  }

  @Test
  void alarmEventsArePushedEncryptedToEverySession() throws Exception {
    GatewayClient.Session s = client.login("vera", "vera-pw");
    services.raise(StandInServices.alarm("A9", "GENZANO", "SEEPAGE_FLOW", "critical", "ACTIVE_UNACK"));
    await().atMost(Duration.ofSeconds(20)).until(() -> out.stream().anyMatch(o -> s.id.equals(o.getString("to"))));
    JsonObject push = out.stream().filter(o -> s.id.equals(o.getString("to"))).findFirst().orElseThrow();
    assertThat(push.getJsonObject("frame").getString("c")).doesNotContain("GENZANO");
    JsonObject opened = s.open(push.getJsonObject("frame"));
    assertThat(opened.getString("push")).isEqualTo("alarm");
    assertThat(opened.getJsonObject("body").getString("id")).isEqualTo("A9");
  }

  @Test
  void theUserFileRefusesUnknownKeysAndWeakSettings() {
    assertThatThrownBy(() -> UserDirectory.parse("{\"version\":1,\"users\":[],\"admin\":true}".getBytes()))
        .hasMessageContaining("unknown key 'admin'");
    assertThatThrownBy(() -> new Users().setIterations(10)).hasMessageContaining("iterations");
    assertThatThrownBy(() -> new Users().setIterations(2000).add("a", "root", "pw")).hasMessageContaining("unknown role");
  }

  /** A 65-byte uncompressed point that is not on P-256. */
  static byte[] offCurvePoint() {
    byte[] p = new byte[65];
    p[0] = 4;
    p[32] = 1;
    p[64] = 1;
    return p;
  }

  interface Body {
    void run() throws Exception;
  }

  static void sneaky(Body b) {
    try {
      b.run();
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new RuntimeException(e);
    }
  }
}
