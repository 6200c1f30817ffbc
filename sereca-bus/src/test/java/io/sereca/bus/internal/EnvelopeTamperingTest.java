package io.sereca.bus.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sereca.bus.BusMetrics;
import io.sereca.enclave.bus.KeyRing;
import io.sereca.enclave.bus.RejectReason;
import io.sereca.enclave.bus.ReplayWindow;
import io.sereca.enclave.bus.RouteCipher;
import io.sereca.enclave.bus.RouteCipher.Kind;
import io.sereca.enclave.bus.RouteKey;
import io.sereca.enclave.bus.RouteTable;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/**
 * The malicious host, at pure-Java speed: every tampered envelope (bit flip, byte substitution,
 * truncation, re-addressing, unknown key version, shifted timestamp, replay) is dropped by the
 * receiver with the reason an independent model predicts, counted once, and never delivered; the
 * untampered original and reordered envelopes are delivered exactly once. 11,000 tries in all.
 */
class EnvelopeTamperingTest {

  private static final long NOW = 1_750_000_000_000L;
  private static final long SKEW = 30_000;
  private static final String ORDERS = "orders.created";
  private static final String ORDERS_OTHER = "orders.cancelled";
  private static final String PAYMENTS = "payments";

  private final RouteTable routes = RouteTable.of(Map.of("orders.*", "orders-key", PAYMENTS, "payments-key"));
  private final KeyRing ring = new KeyRing(60_000);
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final BusMeters meters = new BusMeters(registry, 3_600_000);
  private final Map<RejectReason, Counter> rejectedCounters = new EnumMap<>(RejectReason.class);
  private final RouteCipher sender;
  private final EnvelopeReceiver receiver;

  EnvelopeTamperingTest() {
    ring.add(RouteKey.generate("orders-key", 1), NOW - 1000);
    ring.add(RouteKey.generate("payments-key", 1), NOW - 1000);
    sender = new RouteCipher(RouteCipher.newSenderId("sender"), routes, ring, new ReplayWindow(), SKEW, () -> NOW);
    RouteCipher p2p = new RouteCipher(RouteCipher.newSenderId("rx"), routes, ring, new ReplayWindow(), SKEW, () -> NOW);
    RouteCipher pub = new RouteCipher(RouteCipher.newSenderId("rx"), routes, ring, new ReplayWindow(), SKEW, () -> NOW);
    receiver = new EnvelopeReceiver(p2p, pub, meters);
  }

  @Provide
  Arbitrary<byte[]> bodies() {
    return Arbitraries.bytes().array(byte[].class).ofMaxSize(300);
  }

  @Provide
  Arbitrary<Map<String, String>> headers() {
    return Arbitraries.maps(Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(12),
        Arbitraries.strings().ofMaxLength(24)).ofMaxSize(3);
  }

  @Provide
  Arbitrary<Kind> kinds() {
    return Arbitraries.of(Kind.SEND, Kind.REQUEST, Kind.PUBLISH);
  }

  @Property(tries = 4000)
  void aFlippedBitAnywhereIsRejectedForTheModelsReason(@ForAll("bodies") byte[] body,
      @ForAll("headers") Map<String, String> headers, @ForAll("kinds") Kind kind,
      @ForAll @IntRange(min = 0, max = Integer.MAX_VALUE) int where) {
    byte[] env = seal(ORDERS, kind, headers, body);
    byte[] t = env.clone();
    int bit = where % (env.length * 8);
    t[bit / 8] ^= (byte) (1 << (bit % 8));
    assertRejected(ORDERS, t, EnvelopeModel.expected(t, ORDERS, "orders-key", ring, NOW, SKEW));
    assertDeliveredOnce(ORDERS, env, body);
  }

  @Property(tries = 1000)
  void aSubstitutedByteIsRejectedForTheModelsReason(@ForAll("bodies") byte[] body, @ForAll("kinds") Kind kind,
      @ForAll @IntRange(min = 0, max = Integer.MAX_VALUE) int where, @ForAll @IntRange(min = 1, max = 255) int xor) {
    byte[] env = seal(ORDERS, kind, Map.of(), body);
    byte[] t = env.clone();
    t[where % env.length] ^= (byte) xor;
    assertRejected(ORDERS, t, EnvelopeModel.expected(t, ORDERS, "orders-key", ring, NOW, SKEW));
    assertDeliveredOnce(ORDERS, env, body);
  }

  @Property(tries = 1500)
  void aTruncatedEnvelopeIsRejected(@ForAll("bodies") byte[] body, @ForAll("kinds") Kind kind,
      @ForAll @IntRange(min = 0, max = Integer.MAX_VALUE) int cut) {
    byte[] env = seal(ORDERS, kind, Map.of("h", "v"), body);
    byte[] t = java.util.Arrays.copyOf(env, cut % env.length);
    RejectReason expected = EnvelopeModel.expected(t, ORDERS, "orders-key", ring, NOW, SKEW);
    assertThat(expected).isIn(RejectReason.PLAINTEXT, RejectReason.MALFORMED, RejectReason.BAD_TAG);
    assertRejected(ORDERS, t, expected);
    assertDeliveredOnce(ORDERS, env, body);
  }

  @Property(tries = 1000)
  void anEnvelopeMovedToAnotherAddressIsRejectedAsWrongAddress(@ForAll("bodies") byte[] body,
      @ForAll("kinds") Kind kind, @ForAll boolean sameKey) {
    byte[] env = seal(ORDERS, kind, Map.of(), body);
    assertRejected(sameKey ? ORDERS_OTHER : PAYMENTS, env, RejectReason.WRONG_ADDRESS);
    assertDeliveredOnce(ORDERS, env, body);
  }

  @Property(tries = 1000)
  void anUnknownKeyVersionIsRejectedAsUnknownKey(@ForAll("bodies") byte[] body, @ForAll("kinds") Kind kind,
      @ForAll @IntRange(min = 2) int version) {
    byte[] env = seal(ORDERS, kind, Map.of(), body);
    assertRejected(ORDERS, EnvelopeModel.withKeyVersion(env, version), RejectReason.UNKNOWN_KEY);
    assertRejected(ORDERS, EnvelopeModel.withKeyVersion(env, -version), RejectReason.UNKNOWN_KEY);
    assertDeliveredOnce(ORDERS, env, body);
  }

  @Property(tries = 1000)
  void aTimestampShiftedBeyondTheSkewIsRejectedAsStale(@ForAll("bodies") byte[] body, @ForAll("kinds") Kind kind,
      @ForAll @LongRange(min = SKEW + 1, max = 10L * 365 * 24 * 3600 * 1000) long shift, @ForAll boolean forward) {
    byte[] env = seal(ORDERS, kind, Map.of(), body);
    long ts = EnvelopeModel.timestamp(env);
    assertRejected(ORDERS, EnvelopeModel.withTimestamp(env, forward ? ts + shift : ts - shift), RejectReason.STALE);
    assertDeliveredOnce(ORDERS, env, body);
  }

  @Property(tries = 1000)
  void aReplayedEnvelopeIsRejectedAsReplay(@ForAll("bodies") byte[] body, @ForAll("kinds") Kind kind,
      @ForAll @IntRange(min = 1, max = 3) int copies) {
    byte[] env = seal(ORDERS, kind, Map.of(), body);
    assertDeliveredOnce(ORDERS, env, body);
    for (int i = 0; i < copies; i++) {
      assertRejected(ORDERS, env, RejectReason.REPLAY);
    }
  }

  @Property(tries = 500)
  void envelopesReorderedWithinTheWindowAreAllDeliveredOnceThenReplaysAreRejected(
      @ForAll @IntRange(min = 2, max = 64) int count, @ForAll long seed, @ForAll("kinds") Kind kind) {
    List<byte[]> envs = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      envs.add(seal(ORDERS, kind, Map.of(), new byte[] {(byte) i}));
    }
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      order.add(i);
    }
    Collections.shuffle(order, new Random(seed));
    for (int i : order) {
      assertDeliveredOnce(ORDERS, envs.get(i), new byte[] {(byte) i});
    }
    for (int i : order) {
      assertRejected(ORDERS, envs.get(i), RejectReason.REPLAY);
    }
  }

  private byte[] seal(String address, Kind kind, Map<String, String> headers, byte[] body) {
    Map<String, String> h = new LinkedHashMap<>(headers);
    h.put(BodyCodec.TYPE_HEADER, "buffer");
    return sender.seal(address, kind, h, body, new byte[0]).envelope();
  }

  private void assertRejected(String address, byte[] envelope, RejectReason reason) {
    Map<RejectReason, Double> before = rejections();
    double delivered = delivered();
    assertThat(receiver.receive(address, Buffer.buffer(envelope))).as("delivered a tampered envelope").isNull();
    Map<RejectReason, Double> after = rejections();
    for (RejectReason r : RejectReason.values()) {
      assertThat(after.get(r) - before.get(r)).as("count of %s (expected %s)", r, reason)
          .isEqualTo(r == reason ? 1.0 : 0.0);
    }
    assertThat(delivered()).isEqualTo(delivered);
  }

  private void assertDeliveredOnce(String address, byte[] envelope, byte[] body) {
    double rejected = rejections().values().stream().mapToDouble(Double::doubleValue).sum();
    EnvelopeReceiver.Received r = receiver.receive(address, Buffer.buffer(envelope));
    assertThat(r).as("authentic envelope dropped").isNotNull();
    meters.delivered();
    assertThat(((Buffer) r.body()).getBytes()).isEqualTo(body);
    assertThat(rejections().values().stream().mapToDouble(Double::doubleValue).sum()).isEqualTo(rejected);
  }

  private Map<RejectReason, Double> rejections() {
    Map<RejectReason, Double> m = new EnumMap<>(RejectReason.class);
    for (RejectReason r : RejectReason.values()) {
      m.put(r, rejectedCounters.computeIfAbsent(r,
          x -> registry.get(BusMetrics.REJECTED).tag(BusMetrics.REASON, x.tag()).counter()).count());
    }
    return m;
  }

  private double delivered() {
    return registry.get(BusMetrics.DELIVERED).counter().count();
  }
}
