package io.sereca.bus;

import static io.sereca.bus.TestBuses.ORDERS;
import static io.sereca.bus.TestBuses.ORDERS_OTHER;
import static io.sereca.bus.TestBuses.PAYMENTS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sereca.bus.internal.EnvelopeModel;
import io.sereca.enclave.bus.EnvelopeRejectedException;
import io.sereca.enclave.bus.KeyRing;
import io.sereca.enclave.bus.RejectReason;
import io.sereca.enclave.bus.RouteCipher;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryContext;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.junit5.VertxExtension;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A malicious host on the real Vert.x bus: an outbound interceptor that drops each envelope and
 * relays a tampered version instead (or the original twice, or a batch reordered). Every tampered
 * one is rejected for the reason the model predicts and counted, none is delivered; untampered and
 * reordered ones are delivered exactly once.
 */
@ExtendWith(VertxExtension.class)
class MaliciousHostBusTest {

  private static final long NOW = 1_750_000_000_000L;
  private static final long SKEW = SecureBusOptions.DEFAULT_MAX_SKEW_MILLIS;
  private static final String RELAYED = "x-host-relayed";
  private static final int MESSAGES = 600;

  private enum Tamper { NONE, FLIP, TRUNCATE, REPLAY, READDRESS_SAME_KEY, READDRESS_OTHER_KEY, UNKNOWN_VERSION, STALE,
    REORDER }

  private Vertx vertx;
  private SimpleMeterRegistry registry;
  private KeyRing bobRing;
  private SecureEventBus alice;
  private SecureEventBus bob;

  @BeforeEach
  void setUp(Vertx vertx) {
    this.vertx = vertx;
    registry = new SimpleMeterRegistry();
    bobRing = TestBuses.ring(NOW - 1000);
    alice = SecureEventBus.create(vertx, options("alice"), TestBuses.ROUTES, TestBuses.ring(NOW - 1000));
    bob = SecureEventBus.create(vertx, options("bob"), TestBuses.ROUTES, bobRing);
  }

  private SecureBusOptions options(String name) {
    return new SecureBusOptions().setSenderName(name).setMeterRegistry(registry).setClock(() -> NOW);
  }

  @Test
  void everyTamperedEnvelopeIsRejectedForTheRightReasonAndEveryOtherIsDeliveredOnce() throws Exception {
    Random random = new Random(20260101);
    Tamper[] plan = new Tamper[MESSAGES];
    for (int i = 0; i < MESSAGES; i++) {
      plan[i] = Tamper.values()[random.nextInt(Tamper.values().length)];
    }
    assertThat(EnumSet.copyOf(List.of(plan))).containsExactlyInAnyOrder(Tamper.values());

    Map<String, Queue<String>> delivered = new ConcurrentHashMap<>();
    for (String address : List.of(ORDERS, ORDERS_OTHER, PAYMENTS)) {
      Queue<String> q = new ConcurrentLinkedQueue<>();
      delivered.put(address, q);
      bob.<String>consumer(address, m -> q.add(m.body())).completion().await();
    }
    Map<RejectReason, Integer> expected = new EnumMap<>(RejectReason.class);
    Set<String> expectedBodies = ConcurrentHashMap.newKeySet();
    List<byte[]> held = new ArrayList<>();
    Object lock = new Object();

    Handler<DeliveryContext<Object>> host = ctx -> {
      if (ctx.message().headers().contains(RELAYED) || !ORDERS.equals(ctx.message().address())
          || !(ctx.body() instanceof Buffer body)) {
        ctx.next();
        return;
      }
      byte[] env = body.getBytes();
      int i = (int) sequence(env) - 1;
      synchronized (lock) {
        switch (plan[i]) {
          case NONE -> {
            expectedBodies.add("msg-" + i);
            ctx.next();
          }
          case FLIP -> {
            byte[] t = env.clone();
            int bit = random.nextInt(env.length * 8);
            t[bit / 8] ^= (byte) (1 << (bit % 8));
            relay(ORDERS, t, expected, model(t));
          }
          case TRUNCATE -> {
            byte[] t = java.util.Arrays.copyOf(env, random.nextInt(env.length));
            relay(ORDERS, t, expected, model(t));
          }
          case REPLAY -> {
            expectedBodies.add("msg-" + i);
            ctx.next();
            relay(ORDERS, env, expected, RejectReason.REPLAY);
          }
          case READDRESS_SAME_KEY -> relay(ORDERS_OTHER, env, expected, RejectReason.WRONG_ADDRESS);
          case READDRESS_OTHER_KEY -> relay(PAYMENTS, env, expected, RejectReason.WRONG_ADDRESS);
          case UNKNOWN_VERSION -> relay(ORDERS, EnvelopeModel.withKeyVersion(env, 2 + random.nextInt(1000)), expected,
              RejectReason.UNKNOWN_KEY);
          case STALE -> {
            long shift = SKEW + 1 + random.nextInt(1_000_000);
            long ts = EnvelopeModel.timestamp(env) + (random.nextBoolean() ? shift : -shift);
            relay(ORDERS, EnvelopeModel.withTimestamp(env, ts), expected, RejectReason.STALE);
          }
          case REORDER -> {
            expectedBodies.add("msg-" + i);
            held.add(env);
            if (held.size() == 4) {
              release(held);
            }
          }
          default -> throw new AssertionError(plan[i]);
        }
      }
    };
    vertx.eventBus().addOutboundInterceptor(host);
    for (int i = 0; i < MESSAGES; i++) {
      alice.send(ORDERS, "msg-" + i).await();
    }
    synchronized (lock) {
      release(held);
    }

    int rejections = expected.values().stream().mapToInt(Integer::intValue).sum();
    await().atMost(Duration.ofSeconds(20)).until(() -> TestBuses.rejectedTotal(registry) >= rejections
        && delivered.get(ORDERS).size() >= expectedBodies.size());
    Thread.sleep(200); // anything late would be a wrong extra delivery or rejection
    assertThat(rejections + expectedBodies.size()).isGreaterThanOrEqualTo(MESSAGES);
    assertThat(expected.keySet()).contains(RejectReason.MALFORMED, RejectReason.WRONG_ADDRESS, RejectReason.UNKNOWN_KEY,
        RejectReason.STALE, RejectReason.BAD_TAG, RejectReason.REPLAY);
    for (RejectReason r : RejectReason.values()) {
      assertThat(TestBuses.rejected(registry, r)).as("rejected as %s", r).isEqualTo(expected.getOrDefault(r, 0).doubleValue());
    }
    assertThat(delivered.get(ORDERS)).containsExactlyInAnyOrderElementsOf(expectedBodies);
    assertThat(delivered.get(ORDERS_OTHER)).isEmpty();
    assertThat(delivered.get(PAYMENTS)).isEmpty();
    assertThat(TestBuses.delivered(registry)).isEqualTo((double) expectedBodies.size());
  }

  @Test
  void aTamperedOrSubstitutedReplyFailsTheRequestAndIsNeverDelivered() {
    bob.<String>consumer(PAYMENTS, m -> m.reply("receipt for " + m.body())).completion().await();
    List<byte[]> firstReply = new ArrayList<>();
    int[] replies = {0};
    vertx.eventBus().addOutboundInterceptor((DeliveryContext<Object> ctx) -> {
      String address = ctx.message().address();
      if (ctx.message().headers().contains(RELAYED) || TestBuses.ROUTES.isProtected(address)
          || !(ctx.body() instanceof Buffer body) || !RouteCipher.looksLikeEnvelope(body.getBytes())) {
        ctx.next();
        return;
      }
      byte[] env = body.getBytes();
      if (firstReply.isEmpty()) {
        firstReply.add(env);
        ctx.next();
        return;
      }
      byte[] t;
      if (replies[0]++ % 2 == 0) {
        t = env.clone();
        t[t.length - 1 - (replies[0] % 16)] ^= 0x01; // inside the ciphertext or tag
      } else {
        t = firstReply.get(0); // an authentic reply, but to another request
      }
      vertx.eventBus().send(address, Buffer.buffer(t), new DeliveryOptions().addHeader(RELAYED, "1"));
    });
    assertThat(alice.<String>request(PAYMENTS, "first").await().body()).isEqualTo("receipt for first");
    for (int i = 0; i < 20; i++) {
      Future<SecureMessage<String>> f = alice.request(PAYMENTS, "order " + i);
      assertThatThrownBy(f::await).isInstanceOfSatisfying(EnvelopeRejectedException.class,
          e -> assertThat(e.reason()).isEqualTo(RejectReason.BAD_TAG));
    }
    assertThat(TestBuses.rejected(registry, RejectReason.BAD_TAG)).isEqualTo(20.0);
    assertThat(TestBuses.rejectedTotal(registry)).isEqualTo(20.0);
    // bob got all 21 requests; alice accepted 1 reply.
    assertThat(TestBuses.delivered(registry)).isEqualTo(22.0);
  }

  private void relay(String address, byte[] envelope, Map<RejectReason, Integer> expected, RejectReason reason) {
    expected.merge(reason, 1, Integer::sum);
    vertx.eventBus().send(address, Buffer.buffer(envelope), new DeliveryOptions().addHeader(RELAYED, "1"));
  }

  private void release(List<byte[]> held) {
    List<byte[]> batch = new ArrayList<>(held);
    Collections.reverse(batch);
    held.clear();
    for (byte[] env : batch) {
      vertx.eventBus().send(ORDERS, Buffer.buffer(env), new DeliveryOptions().addHeader(RELAYED, "1"));
    }
  }

  private RejectReason model(byte[] tampered) {
    return EnvelopeModel.expected(tampered, ORDERS, "orders-key", bobRing, NOW, SKEW);
  }

  private static long sequence(byte[] envelope) {
    return ByteBuffer.wrap(envelope).getLong(EnvelopeModel.layout(envelope).sequence());
  }
}
