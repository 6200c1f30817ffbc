package io.sereca.bus;

import static io.sereca.bus.TestBuses.ORDERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sereca.bus.internal.EnvelopeModel;
import io.sereca.enclave.bus.KeyRing;
import io.sereca.enclave.bus.RejectReason;
import io.sereca.enclave.bus.RouteKey;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryContext;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Adding a key version while messages flow: nothing lost, the old version retired after the grace. */
@ExtendWith(VertxExtension.class)
class KeyRotationTest {

  private static final long NOW = 1_750_000_000_000L;
  private static final long GRACE = 10_000;

  @Test
  void rotationWhileMessagesFlowLosesNothingAndRetiresTheOldVersionAfterTheGrace(Vertx vertx) throws Exception {
    AtomicLong clock = new AtomicLong(NOW);
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    RouteKey v1 = RouteKey.generate("orders-key", 1);
    RouteKey v2 = RouteKey.generate("orders-key", 2);
    KeyRing aliceRing = new KeyRing(GRACE);
    KeyRing bobRing = new KeyRing(GRACE);
    KeyRing carolRing = new KeyRing(GRACE);
    for (KeyRing r : List.of(aliceRing, bobRing, carolRing)) {
      r.add(v1, NOW);
    }
    SecureEventBus alice = bus(vertx, "alice", aliceRing, clock, registry);
    SecureEventBus bob = bus(vertx, "bob", bobRing, clock, registry);
    SecureEventBus carol = bus(vertx, "carol", carolRing, clock, registry); // a participant that lags behind
    Queue<byte[]> wire = new ConcurrentLinkedQueue<>();
    vertx.eventBus().addOutboundInterceptor((DeliveryContext<Object> ctx) -> {
      if (ORDERS.equals(ctx.message().address()) && ctx.body() instanceof Buffer b) {
        wire.add(b.getBytes());
      }
      ctx.next();
    });
    Queue<String> got = new ConcurrentLinkedQueue<>();
    bob.<String>consumer(ORDERS, m -> got.add(m.body())).completion().await();

    for (int i = 0; i < 300; i++) {
      if (i == 100) {
        bobRing.add(v2, clock.get()); // receivers learn the new version first...
      }
      if (i == 200) {
        clock.addAndGet(5_000);
        aliceRing.add(v2, clock.get()); // ...then senders switch to it
      }
      alice.send(ORDERS, "msg-" + i).await();
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> got.size() == 300);
    assertThat(got).doesNotHaveDuplicates().hasSize(300);
    List<Integer> versions = wire.stream().map(EnvelopeModel::keyVersion).toList();
    assertThat(versions.subList(0, 200)).containsOnly(1);
    assertThat(versions.subList(200, 300)).containsOnly(2);
    byte[] oldEnvelope = wire.peek();

    // Within the grace period bob still accepts v1 from the lagging carol.
    clock.set(NOW + GRACE - 1);
    carol.send(ORDERS, "late v1").await();
    await().atMost(Duration.ofSeconds(5)).until(() -> got.contains("late v1"));

    // After it, v1 is refused: a fresh v1 envelope and an old captured one alike.
    clock.set(NOW + GRACE + 1);
    carol.send(ORDERS, "too late v1").await();
    vertx.eventBus().send(ORDERS, Buffer.buffer(oldEnvelope));
    await().atMost(Duration.ofSeconds(5))
        .until(() -> TestBuses.rejected(registry, RejectReason.UNKNOWN_KEY) == 2.0);
    alice.send(ORDERS, "v2 still fine").await();
    await().atMost(Duration.ofSeconds(5)).until(() -> got.contains("v2 still fine"));

    // Carol catches up and is heard again.
    carolRing.add(v2, clock.get());
    carol.send(ORDERS, "carol on v2").await();
    await().atMost(Duration.ofSeconds(5)).until(() -> got.contains("carol on v2"));
    assertThat(got).doesNotContain("too late v1").hasSize(303);
    assertThat(TestBuses.rejectedTotal(registry)).isEqualTo(2.0);
  }

  private static SecureEventBus bus(Vertx vertx, String name, KeyRing ring, AtomicLong clock,
      SimpleMeterRegistry registry) {
    return SecureEventBus.create(vertx,
        new SecureBusOptions().setSenderName(name).setMeterRegistry(registry).setClock(clock::get),
        TestBuses.ROUTES, ring);
  }
}
