package io.sereca.bus;

import static io.sereca.bus.TestBuses.ORDERS;
import static io.sereca.bus.TestBuses.PAYMENTS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sereca.enclave.bus.RejectReason;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Code using {@code vertx.eventBus()} directly cannot put plaintext on a protected address. */
@ExtendWith(VertxExtension.class)
class FailClosedTest {

  private Vertx vertx;
  private SimpleMeterRegistry registry;
  private final Queue<Object> secure = new ConcurrentLinkedQueue<>();
  private final Queue<Object> plain = new ConcurrentLinkedQueue<>();

  @BeforeEach
  void setUp(Vertx vertx) {
    this.vertx = vertx;
    registry = new SimpleMeterRegistry();
    SecureEventBus bus = SecureEventBus.create(vertx, new SecureBusOptions().setMeterRegistry(registry),
        TestBuses.ROUTES, TestBuses.ring(System.currentTimeMillis()));
    bus.consumer(ORDERS, m -> secure.add(m.body())).completion().await();
    vertx.eventBus().consumer(ORDERS, m -> plain.add(m.body())).completion().await();
    vertx.eventBus().consumer(PAYMENTS, m -> plain.add(m.body())).completion().await();
  }

  @Test
  void plaintextSentOnThePlainBusToAProtectedAddressIsNeverDeliveredAndIsCounted() throws Exception {
    vertx.eventBus().send(ORDERS, "plaintext");
    vertx.eventBus().send(ORDERS, Buffer.buffer("plaintext buffer"));
    vertx.eventBus().send(ORDERS, "SE".getBytes());
    vertx.eventBus().publish(ORDERS, new JsonObject().put("card", "4111"));
    vertx.eventBus().publish(PAYMENTS, "plaintext");
    vertx.eventBus().send(ORDERS, null, new DeliveryOptions().addHeader("x", "y"));
    await().atMost(Duration.ofSeconds(5)).until(() -> TestBuses.rejected(registry, RejectReason.PLAINTEXT) == 6.0);
    Thread.sleep(200);
    assertThat(secure).isEmpty();
    assertThat(plain).isEmpty();
    assertThat(TestBuses.delivered(registry)).isZero();
    assertThat(TestBuses.rejectedTotal(registry)).isEqualTo(6.0);
  }

  @Test
  void aPlaintextRequestToAProtectedAddressIsDroppedAndTimesOut() {
    var f = vertx.eventBus().request(ORDERS, "plaintext", new DeliveryOptions().setSendTimeout(300));
    assertThatThrownBy(f::await).isInstanceOfSatisfying(ReplyException.class,
        e -> assertThat(e.failureType()).isEqualTo(ReplyFailure.TIMEOUT));
    assertThat(secure).isEmpty();
    assertThat(plain).isEmpty();
    assertThat(TestBuses.rejected(registry, RejectReason.PLAINTEXT)).isEqualTo(1.0);
  }

  @Test
  void plaintextOnUnprotectedAddressesIsUntouched() {
    Queue<Object> got = new ConcurrentLinkedQueue<>();
    vertx.eventBus().consumer("public.news", m -> got.add(m.body())).completion().await();
    vertx.eventBus().send("public.news", "hello");
    await().atMost(Duration.ofSeconds(5)).until(() -> got.size() == 1);
    assertThat(TestBuses.rejectedTotal(registry)).isZero();
  }
}
