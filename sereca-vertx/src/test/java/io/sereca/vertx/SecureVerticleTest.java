package io.sereca.vertx;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sereca.attestation.AttestationPolicy;
import io.sereca.attestation.SimulationAuthority;
import io.sereca.bus.SecureEventBus;
import io.sereca.bus.SecureMessage;
import io.sereca.enclave.bus.KeyRing;
import io.sereca.enclave.bus.ReplayWindow;
import io.sereca.enclave.bus.RouteCipher;
import io.sereca.enclave.bus.RouteKey;
import io.sereca.enclave.bus.RouteTable;
import io.sereca.host.EnclaveBundle;
import io.sereca.host.EnclaveHost;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A secure verticle on one (non-clustered) Vert.x: attestation, provisioning, ciphertext-only relay. */
class SecureVerticleTest {

  @TempDir Path dir;
  Vertx vertx;
  Path bundle;
  RouteKey key = RouteKey.generate("vault-key", 1);
  RouteTable routes = RouteTable.parse("vault.* = vault-key");
  RouteCipher regular;
  SimpleMeterRegistry metrics = new SimpleMeterRegistry();

  @BeforeEach
  void setUp() throws Exception {
    vertx = Vertx.vertx();
    bundle = VaultBundles.write(dir);
    SimulationAuthority.open(EnclaveHost.simulationDirectory(dir.resolve("data")));
    KeyRing ring = new KeyRing(60_000);
    ring.add(key, System.currentTimeMillis());
    regular = new RouteCipher(RouteCipher.newSenderId("regular"), routes, ring, new ReplayWindow(),
        RouteCipher.DEFAULT_MAX_SKEW_MILLIS, System::currentTimeMillis);
  }

  @AfterEach
  void tearDown() throws Exception {
    vertx.close().await(30, TimeUnit.SECONDS);
  }

  private AttestationPolicy policy(boolean allowSimulation) throws Exception {
    return new AttestationPolicy()
        .setAllowSimulation(allowSimulation)
        .setSimulationRoot(EnclaveHost.simulationDirectory(dir.resolve("data")).resolve(SimulationAuthority.ROOT_CERTIFICATE_FILE))
        .addAllowedMeasurement(EnclaveBundle.load(bundle).identity().measurementHex());
  }

  private String deploy(String backend, AttestationPolicy policy) throws Exception {
    vertx.deployVerticle(new DevProvisioner(DevProvisioner.DEFAULT_ADDRESS, routes, List.of(key), policy))
        .await(30, TimeUnit.SECONDS);
    SecureVerticleOptions options = new SecureVerticleOptions().setBundle(bundle.toString())
        .setBackend(backend).setDataDirectory(dir.resolve("data").toString())
        .setProvisioner(DevProvisioner.DEFAULT_ADDRESS);
    return vertx.deployVerticle(new SecureVerticle(metrics), new DeploymentOptions().setConfig(options.toJson()))
        .await(60, TimeUnit.SECONDS);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @ParameterizedTest
  @ValueSource(strings = {"sim", "process"})
  void protectedRequestsAreOpenedAndAnsweredInsideTheEnclave(String backend) throws Exception {
    deploy(backend, policy(true));
    RouteCipher.Sealed req = regular.seal("vault.echo", RouteCipher.Kind.REQUEST, Map.of(), utf8("hello"), new byte[0]);
    Message<Buffer> reply = vertx.eventBus().<Buffer>request("vault.echo", Buffer.buffer(req.envelope()))
        .await(10, TimeUnit.SECONDS);
    RouteCipher.Opened opened = regular.open("vault.echo", reply.body().getBytes(), req.replyBinding());
    assertThat(new String(opened.body(), StandardCharsets.UTF_8)).isEqualTo("enclave saw: hello");
    assertThat(opened.headers()).containsEntry("seen-by", "enclave");
    assertThat(opened.kind()).isEqualTo(RouteCipher.Kind.REPLY);
    // Unprotected addresses stay plain.
    Message<Buffer> plain = vertx.eventBus().<Buffer>request("plain.echo", Buffer.buffer("as is")).await(10, TimeUnit.SECONDS);
    assertThat(plain.body().toString()).isEqualTo("as is");
  }

  @ParameterizedTest
  @ValueSource(strings = {"sim", "process"})
  void whatTheEnclavePublishesOnAProtectedAddressIsCiphertextOnTheBus(String backend) throws Exception {
    deploy(backend, policy(true));
    List<byte[]> seen = new CopyOnWriteArrayList<>();
    vertx.eventBus().<Buffer>consumer("vault.out", m -> seen.add(m.body().getBytes())).completion().await(10, TimeUnit.SECONDS);
    byte[] in = regular.seal("vault.in", RouteCipher.Kind.SEND, Map.of(), utf8("canary-7f3a"), new byte[0]).envelope();
    vertx.eventBus().send("vault.in", Buffer.buffer(in));
    long deadline = System.currentTimeMillis() + 10_000;
    while (seen.isEmpty() && System.currentTimeMillis() < deadline) {
      Thread.sleep(10);
    }
    assertThat(seen).hasSize(1);
    assertThat(new String(seen.get(0), StandardCharsets.ISO_8859_1)).doesNotContainIgnoringCase("canary-7f3a");
    assertThat(RouteCipher.looksLikeEnvelope(seen.get(0))).isTrue();
    RouteCipher.Opened opened = regular.open("vault.out", seen.get(0), new byte[0]);
    assertThat(new String(opened.body(), StandardCharsets.UTF_8)).isEqualTo("CANARY-7F3A");
    assertThat(opened.kind()).isEqualTo(RouteCipher.Kind.PUBLISH);
  }

  @ParameterizedTest
  @ValueSource(strings = {"sim", "process"})
  void whatTheEnclaveEmitsLeavesInTheOrderItWasEmitted(String backend) throws Exception {
    // On sim the relay handles ocalls right after the ecall that emitted them, on process as
    // context tasks: either way a burst comes out in order, none lost or doubled.
    deploy(backend, policy(true));
    List<String> seen = new CopyOnWriteArrayList<>();
    vertx.eventBus().<Buffer>consumer("vault.out", m -> seen.add(new String(
        uncheckedOpen("vault.out", m.body().getBytes()), StandardCharsets.UTF_8)))
        .completion().await(10, TimeUnit.SECONDS);
    int n = 300;
    List<String> expected = new java.util.ArrayList<>();
    for (int i = 0; i < n; i++) {
      String text = String.format("m-%03d", i);
      expected.add(text.toUpperCase(java.util.Locale.ROOT));
      vertx.eventBus().send("vault.in", Buffer.buffer(
          regular.seal("vault.in", RouteCipher.Kind.SEND, Map.of(), utf8(text), new byte[0]).envelope()));
    }
    long deadline = System.currentTimeMillis() + 20_000;
    while (seen.size() < n && System.currentTimeMillis() < deadline) {
      Thread.sleep(10);
    }
    Thread.sleep(100); // anything doubled would arrive now
    assertThat(seen).containsExactlyElementsOf(expected);
  }

  private byte[] uncheckedOpen(String address, byte[] envelope) {
    try {
      return regular.open(address, envelope, new byte[0]).body();
    } catch (Exception e) {
      return ("unopenable: " + e).getBytes(StandardCharsets.UTF_8);
    }
  }

  @Test
  void tamperedAndPlaintextMessagesAreDroppedInsideTheEnclaveAndCounted() throws Exception {
    deploy("sim", policy(true));
    byte[] good = regular.seal("vault.echo", RouteCipher.Kind.REQUEST, Map.of(), utf8("x"), new byte[0]).envelope();
    byte[] tampered = good.clone();
    tampered[tampered.length - 3] ^= 1;
    DeliveryOptions quick = new DeliveryOptions().setSendTimeout(500);
    Throwable t1 = vertx.eventBus().request("vault.echo", Buffer.buffer(tampered), quick)
        .map(m -> (Throwable) null).otherwise(e -> e).await(10, TimeUnit.SECONDS);
    assertThat(t1).isInstanceOf(ReplyException.class).hasMessageContaining("Timed out");
    Throwable t2 = vertx.eventBus().request("vault.echo", Buffer.buffer("plain text"), quick)
        .map(m -> (Throwable) null).otherwise(e -> e).await(10, TimeUnit.SECONDS);
    assertThat(t2).isInstanceOf(ReplyException.class);
    // Replay of an envelope already delivered.
    vertx.eventBus().request("vault.echo", Buffer.buffer(good), quick).await(10, TimeUnit.SECONDS);
    Throwable t3 = vertx.eventBus().request("vault.echo", Buffer.buffer(good), quick)
        .map(m -> (Throwable) null).otherwise(e -> e).await(10, TimeUnit.SECONDS);
    assertThat(t3).isInstanceOf(ReplyException.class);
    assertThat(metrics.counter("sereca.bus.rejected", "reason", "bad_tag").count()).isEqualTo(1.0);
    assertThat(metrics.counter("sereca.bus.rejected", "reason", "plaintext").count()).isEqualTo(1.0);
    assertThat(metrics.counter("sereca.bus.rejected", "reason", "replay").count()).isEqualTo(1.0);
  }

  @Test
  void theEnclaveRequestsOtherVerticlesThroughProtectedRoutes() throws Exception {
    deploy("sim", policy(true));
    vertx.eventBus().<Buffer>consumer("vault.peer", m -> {
      try {
        RouteCipher.Opened req = regular.open("vault.peer", m.body().getBytes(), new byte[0]);
        m.reply(Buffer.buffer(regular.seal("vault.peer", RouteCipher.Kind.REPLY, Map.of(),
            ("pong to " + new String(req.body(), StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8),
            req.replyBinding()).envelope()));
      } catch (Exception e) {
        m.fail(400, e.getMessage());
      }
    }).completion().await(10, TimeUnit.SECONDS);
    RouteCipher.Sealed ask = regular.seal("vault.ask", RouteCipher.Kind.REQUEST, Map.of(), utf8("ping"), new byte[0]);
    Message<Buffer> reply = vertx.eventBus().<Buffer>request("vault.ask", Buffer.buffer(ask.envelope()))
        .await(10, TimeUnit.SECONDS);
    assertThat(new String(regular.open("vault.ask", reply.body().getBytes(), ask.replyBinding()).body(),
        StandardCharsets.UTF_8)).isEqualTo("peer said: pong to ping");
  }

  @Test
  void aRegularVerticleOnTheSecureEventBusTalksToTheEnclave() throws Exception {
    deploy("sim", policy(true));
    KeyRing ring = new KeyRing(60_000);
    ring.add(key, System.currentTimeMillis());
    SecureEventBus bus = SecureEventBus.create(vertx, routes, ring);
    SecureMessage<Buffer> reply = bus.<Buffer>request("vault.echo", "from a regular verticle")
        .await(10, TimeUnit.SECONDS);
    assertThat(reply.body().toString()).isEqualTo("enclave saw: from a regular verticle");
    assertThat(reply.headers().get("seen-by")).isEqualTo("enclave");
    assertThat(reply.isProtected()).isTrue();
    bus.close().await(10, TimeUnit.SECONDS);
  }

  @Test
  void aFailedProtectedRequestIsASealedReplyNotPlaintext() throws Exception {
    deploy("sim", policy(true));
    KeyRing ring = new KeyRing(60_000);
    ring.add(key, System.currentTimeMillis());
    SecureEventBus bus = SecureEventBus.create(vertx, routes, ring);
    List<byte[]> onTheWire = new CopyOnWriteArrayList<>();
    vertx.eventBus().addInboundInterceptor(ctx -> {
      if (ctx.message().body() instanceof Buffer) {
        onTheWire.add(((Buffer) ctx.message().body()).getBytes());
      }
      ctx.next();
    });
    // vault.ask asks vault.peer, which nobody consumes: the enclave fails the request with 502.
    Throwable failure = bus.<Buffer>request("vault.ask", "anyone?", new DeliveryOptions().setSendTimeout(5_000))
        .map(m -> (Throwable) null).otherwise(e -> e).await(10, TimeUnit.SECONDS);
    assertThat(failure).isInstanceOf(ReplyException.class);
    assertThat(((ReplyException) failure).failureCode()).isEqualTo(502);
    assertThat(onTheWire).isNotEmpty().allSatisfy(b -> assertThat(RouteCipher.looksLikeEnvelope(b)).isTrue());
    bus.close().await(10, TimeUnit.SECONDS);
  }

  @Test
  void aProvisionerWhosePolicyRefusesSimulationFailsTheDeployment() throws Exception {
    Throwable failure = null;
    try {
      deploy("sim", policy(false));
    } catch (Exception e) {
      failure = e;
    }
    assertThat(failure).isNotNull();
    assertThat(failure.getMessage()).contains("provisioning").containsIgnoringCase("simulat");
  }

  @Test
  void beforeItsRoutesAreProvisionedAnEnclaveThatRequiresThemDeliversNothing() throws Exception {
    // No provisioner: the enclave (routes.required=true) never learns which addresses are
    // protected, so a host forging plaintext for it gets nothing delivered.
    SecureVerticleOptions options = new SecureVerticleOptions().setBundle(bundle.toString())
        .setDataDirectory(dir.resolve("data").toString());
    vertx.deployVerticle(new SecureVerticle(metrics), new DeploymentOptions().setConfig(options.toJson()))
        .await(60, TimeUnit.SECONDS);
    DeliveryOptions quick = new DeliveryOptions().setSendTimeout(500);
    for (String address : List.of("vault.echo", "plain.echo")) {
      Throwable t = vertx.eventBus().request(address, Buffer.buffer("forged by the host"), quick)
          .map(m -> (Throwable) null).otherwise(e -> e).await(10, TimeUnit.SECONDS);
      assertThat(t).as(address).isInstanceOf(ReplyException.class).hasMessageContaining("Timed out");
    }
    assertThat(metrics.counter("sereca.bus.rejected", "reason", "not_provisioned").count()).isEqualTo(2.0);
  }

  @Test
  void aConfigWithAnUnknownKeyIsRefused() {
    Throwable failure = vertx.deployVerticle(new SecureVerticle(metrics),
        new DeploymentOptions().setConfig(new io.vertx.core.json.JsonObject().put("bundel", "x.jar")))
        .map(id -> (Throwable) null).otherwise(e -> e).await();
    assertThat(failure).hasMessageContaining("unknown key 'bundel'");
  }

  @Test
  void theBoundarySpinTravelsInTheConfigAndIsBounded() {
    SecureVerticleOptions o = new SecureVerticleOptions().setBundle("b.jar").setBoundarySpinMicros(0L);
    assertThat(new SecureVerticleOptions(o.toJson()).getBoundarySpinMicros()).isZero();
    assertThat(new SecureVerticleOptions(new SecureVerticleOptions().toJson()).getBoundarySpinMicros())
        .as("unset stays unset (the launch default applies)").isNull();
    org.assertj.core.api.Assertions.assertThatThrownBy(() ->
        new SecureVerticleOptions(new io.vertx.core.json.JsonObject().put("boundarySpinMicros", 5000)))
        .hasMessageContaining("boundarySpinMicros must be 0..1000, got 5000");
  }
}
