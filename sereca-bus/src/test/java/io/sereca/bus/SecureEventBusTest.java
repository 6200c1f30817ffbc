package io.sereca.bus;

import static io.sereca.bus.TestBuses.ORDERS;
import static io.sereca.bus.TestBuses.PAYMENTS;
import static io.sereca.bus.TestBuses.PLAIN;
import static io.sereca.bus.TestBuses.VAULT;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sereca.enclave.bus.RouteCipher;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryContext;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class SecureEventBusTest {

  private static final String CANARY = "CANARY-7f3a";

  private Vertx vertx;
  private SimpleMeterRegistry registry;
  private SecureEventBus alice;
  private SecureEventBus bob;
  /** Everything any code in this JVM puts on the plain bus, as the host would see it. */
  private final Queue<Object> wire = new ConcurrentLinkedQueue<>();
  private final Handler<DeliveryContext<Object>> sniffer = ctx -> {
    wire.add(ctx.body());
    ctx.next();
  };

  @BeforeEach
  void setUp(Vertx vertx) {
    this.vertx = vertx;
    registry = new SimpleMeterRegistry();
    long now = System.currentTimeMillis();
    alice = SecureEventBus.create(vertx, new SecureBusOptions().setSenderName("alice").setMeterRegistry(registry),
        TestBuses.ROUTES, TestBuses.ring(now));
    bob = SecureEventBus.create(vertx, new SecureBusOptions().setSenderName("bob").setMeterRegistry(registry),
        TestBuses.ROUTES, TestBuses.ring(now));
    vertx.eventBus().addOutboundInterceptor(sniffer);
  }

  @AfterEach
  void tearDown() {
    vertx.eventBus().removeOutboundInterceptor(sniffer);
  }

  @Test
  void sendDeliversEveryBodyTypeAsTheSameType() {
    Queue<SecureMessage<Object>> got = new ConcurrentLinkedQueue<>();
    bob.consumer(ORDERS, got::add).completion().await();
    List<Object> bodies = Arrays.asList(Buffer.buffer("buf " + CANARY), "text " + CANARY,
        new JsonObject().put("k", CANARY), new JsonArray().add(CANARY), ("bytes " + CANARY).getBytes(), null);
    for (Object b : bodies) {
      alice.send(ORDERS, b).await();
    }
    await().atMost(Duration.ofSeconds(5)).until(() -> got.size() == bodies.size());
    List<Object> received = new ArrayList<>();
    for (SecureMessage<Object> m : got) {
      assertThat(m.isProtected()).isTrue();
      assertThat(m.isSend()).isTrue();
      assertThat(m.expectsReply()).isFalse();
      assertThat(m.sender()).isEqualTo(alice.senderId());
      received.add(m.body() instanceof byte[] b ? new String(b) : m.body());
    }
    assertThat(received).containsExactlyInAnyOrder(Buffer.buffer("buf " + CANARY), "text " + CANARY,
        new JsonObject().put("k", CANARY), new JsonArray().add(CANARY), "bytes " + CANARY, null);
    assertOnlyEnvelopesOnTheWire();
    assertThat(TestBuses.sent(registry)).isEqualTo(6.0);
    assertThat(TestBuses.delivered(registry)).isEqualTo(6.0);
    assertThat(TestBuses.rejectedTotal(registry)).isZero();
  }

  @Test
  void publishReachesEveryConsumerExactlyOnce() {
    Queue<String> got = new ConcurrentLinkedQueue<>();
    bob.<String>consumer(ORDERS, m -> got.add("bob1:" + m.body())).completion().await();
    bob.<String>consumer(ORDERS, m -> got.add("bob2:" + m.body())).completion().await();
    alice.<String>consumer(ORDERS, m -> got.add("alice:" + m.body() + ":" + m.isSend())).completion().await();
    alice.publish(ORDERS, "hello").await();
    await().atMost(Duration.ofSeconds(5)).until(() -> got.size() == 3);
    assertThat(got).containsExactlyInAnyOrder("bob1:hello", "bob2:hello", "alice:hello:false");
    assertThat(TestBuses.rejectedTotal(registry)).isZero();
  }

  @Test
  void requestAndReplyAreBothEnvelopesAndTheReplyIsAuthenticated() {
    bob.<JsonObject>consumer(PAYMENTS, m -> {
      assertThat(m.expectsReply()).isTrue();
      m.reply(new JsonObject().put("paid", m.body().getInteger("amount")).put("note", CANARY),
          new DeliveryOptions().addHeader("x-receipt", CANARY));
    }).completion().await();
    SecureMessage<JsonObject> reply = alice.<JsonObject>request(PAYMENTS, new JsonObject().put("amount", 42)).await();
    assertThat(reply.body()).isEqualTo(new JsonObject().put("paid", 42).put("note", CANARY));
    assertThat(reply.headers().get("x-receipt")).isEqualTo(CANARY);
    assertThat(reply.headers().names()).containsExactly("x-receipt");
    assertThat(reply.isProtected()).isTrue();
    assertThat(reply.sender()).isEqualTo(bob.senderId());
    assertThat(reply.expectsReply()).isFalse();
    assertThat(reply.reply("again").failed()).isTrue();
    assertThat(wire).hasSize(2);
    assertOnlyEnvelopesOnTheWire();
  }

  @Test
  void slicedBuffersAreSealedFromTheirRangeAndAReceivedBodyCanBeRepliedAsIs() {
    // The bus seals from a Buffer's backing array and hands bodies over as slices of the
    // plaintext: a slice must seal only its own bytes, and a received slice must reply intact.
    bob.<Buffer>consumer(PAYMENTS, m -> m.reply(m.body().slice(1, m.body().length()))).completion().await();
    Buffer big = Buffer.buffer("xx[" + CANARY + "]yy");
    Buffer middle = big.slice(2, big.length() - 2);
    SecureMessage<Buffer> reply = alice.<Buffer>request(PAYMENTS, middle).await();
    assertThat(reply.body().toString()).isEqualTo(CANARY + "]");
    SecureMessage<Buffer> again = alice.<Buffer>request(PAYMENTS, reply.body()).await();
    assertThat(again.body().toString()).isEqualTo(CANARY.substring(1) + "]");
    assertThat(TestBuses.rejectedTotal(registry)).isZero();
    assertOnlyEnvelopesOnTheWire();
  }

  @Test
  void failTravelsSealedAndFailsTheRequestWithCodeAndMessage() {
    bob.consumer(PAYMENTS, m -> m.fail(402, "insufficient funds " + CANARY)).completion().await();
    Future<SecureMessage<Object>> f = alice.request(PAYMENTS, "pay");
    assertThatThrownBy(() -> f.await()).isInstanceOfSatisfying(ReplyException.class, e -> {
      assertThat(e.failureType()).isEqualTo(ReplyFailure.RECIPIENT_FAILURE);
      assertThat(e.failureCode()).isEqualTo(402);
      assertThat(e.getMessage()).isEqualTo("insufficient funds " + CANARY);
    });
    assertOnlyEnvelopesOnTheWire();
  }

  @Test
  void headersTravelInsideTheEnvelopeAndAPlainConsumerSeesOnlyCiphertext() {
    Queue<Message<Object>> plain = new ConcurrentLinkedQueue<>();
    Queue<SecureMessage<String>> secure = new ConcurrentLinkedQueue<>();
    vertx.eventBus().consumer(ORDERS, plain::add).completion().await();
    bob.<String>consumer(ORDERS, secure::add).completion().await();
    for (int i = 0; i < 20; i++) {
      alice.publish(ORDERS, "body " + CANARY + " " + i, new DeliveryOptions().addHeader("x-secret", CANARY)).await();
    }
    await().atMost(Duration.ofSeconds(5)).until(() -> plain.size() == 20 && secure.size() == 20);
    for (Message<Object> m : plain) {
      assertThat(m.body()).isInstanceOf(Buffer.class);
      Buffer b = (Buffer) m.body();
      assertThat(RouteCipher.looksLikeEnvelope(b.getBytes())).isTrue();
      assertThat(TestBuses.contains(b, CANARY)).as("plaintext canary in the bytes").isFalse();
      assertThat(m.headers().isEmpty()).as("plain headers").isTrue();
    }
    assertThat(secure).allSatisfy(m -> {
      assertThat(m.headers().get("x-secret")).isEqualTo(CANARY);
      assertThat(m.body()).startsWith("body " + CANARY);
    });
  }

  @Test
  void sendingWithoutAProvisionedKeyFailsWithAClearMessage() {
    Future<Void> f = alice.send(VAULT, "secret " + CANARY);
    assertThat(f.failed()).isTrue();
    assertThat(f.cause()).isInstanceOf(IllegalStateException.class)
        .hasMessage("no key 'vault-key' for protected address vault (not provisioned yet)");
    assertThat(alice.request(VAULT, "x").cause()).hasMessageContaining("not provisioned yet");
    assertThat(alice.publish(VAULT, "x").cause()).hasMessageContaining("not provisioned yet");
    assertThat(wire).isEmpty();
  }

  @Test
  void unprotectedAddressesPassThroughToThePlainBus() {
    bob.<String>consumer(PLAIN, m -> m.reply(m.body().toUpperCase())).completion().await();
    SecureMessage<String> reply = alice.<String>request(PLAIN, "hi").await();
    assertThat(reply.body()).isEqualTo("HI");
    assertThat(reply.isProtected()).isFalse();
    assertThat(reply.sender()).isNull();
    assertThat(wire).containsExactly("hi", "HI");
    assertThat(TestBuses.sent(registry)).isZero();
  }

  @Test
  void theRefusePolicyRefusesUnprotectedAddresses() {
    SecureEventBus strict = SecureEventBus.create(vertx,
        new SecureBusOptions().setUnprotectedAddressPolicy(UnprotectedAddressPolicy.REFUSE), TestBuses.ROUTES,
        TestBuses.ring(System.currentTimeMillis()));
    assertThat(strict.send(PLAIN, "x").cause()).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not protected by any route");
    assertThat(strict.request(PLAIN, "x").failed()).isTrue();
    assertThatThrownBy(() -> strict.consumer(PLAIN, m -> {})).isInstanceOf(IllegalArgumentException.class);
    assertThat(strict.send(ORDERS, "x").succeeded()).isTrue();
    strict.close().await();
  }

  @Test
  void badBodiesHeadersAndCodecsAreRefusedBeforeAnythingIsSent() {
    assertThat(alice.send(ORDERS, 42).cause()).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("java.lang.Integer");
    assertThat(alice.send(ORDERS, "x", new DeliveryOptions().addHeader("sereca-body-type", "json-object")).cause())
        .hasMessageContaining("reserved");
    assertThat(alice.send(ORDERS, "x", new DeliveryOptions().addHeader("x", "1").addHeader("x", "2")).cause())
        .hasMessageContaining("2 values");
    assertThat(alice.send(ORDERS, "x", new DeliveryOptions().setCodecName("mine")).cause())
        .hasMessageContaining("codec 'mine'");
    assertThat(wire).isEmpty();
  }

  @Test
  void aProtectedConsumerUnregistersAndCloseRemovesTheGuard() throws Exception {
    Queue<Object> got = new ConcurrentLinkedQueue<>();
    SecureMessageConsumer<Object> c = bob.consumer(ORDERS, m -> got.add(m.body()));
    c.completion().await();
    assertThat(c.isRegistered()).isTrue();
    assertThat(c.address()).isEqualTo(ORDERS);
    c.unregister().await();
    assertThat(c.isRegistered()).isFalse();
    Future<SecureMessage<Object>> noHandler = alice.request(ORDERS, "x");
    assertThatThrownBy(() -> noHandler.toCompletionStage().toCompletableFuture().get(5, SECONDS))
        .isInstanceOf(ExecutionException.class).cause().isInstanceOf(ReplyException.class);

    SecureMessageConsumer<Object> c2 = bob.consumer(ORDERS, m -> got.add(m.body()));
    alice.close().await();
    bob.close().await();
    assertThat(c2.isRegistered()).isFalse();
    // Without any guard left, plaintext flows again: the guard really was what stopped it.
    Queue<Object> plain = new ConcurrentLinkedQueue<>();
    vertx.eventBus().consumer(ORDERS, m -> plain.add(m.body())).completion().await();
    vertx.eventBus().send(ORDERS, "plaintext");
    await().atMost(Duration.ofSeconds(5)).until(() -> plain.size() == 1);
    assertThat(got).isEmpty();
  }

  private void assertOnlyEnvelopesOnTheWire() {
    assertThat(wire).isNotEmpty().allSatisfy(body -> {
      assertThat(body).isInstanceOf(Buffer.class);
      assertThat(RouteCipher.looksLikeEnvelope(((Buffer) body).getBytes())).isTrue();
      assertThat(TestBuses.contains((Buffer) body, CANARY)).as("plaintext canary on the wire").isFalse();
    });
  }
}
