package io.sereca.bus;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.RequiredSearch;
import io.sereca.enclave.bus.KeyRing;
import io.sereca.enclave.bus.RejectReason;
import io.sereca.enclave.bus.RouteKey;
import io.sereca.enclave.bus.RouteTable;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Routes, keys and meter reading shared by the bus tests. */
final class TestBuses {

  static final String ORDERS = "orders.created";
  static final String ORDERS_OTHER = "orders.cancelled";
  static final String PAYMENTS = "payments";
  static final String VAULT = "vault";
  static final String PLAIN = "plain.echo";

  /** orders.* and payments protected with keys; vault protected but never provisioned. */
  static final RouteTable ROUTES = RouteTable.parse(String.join("\n",
      "orders.* = orders-key", "payments = payments-key", "vault = vault-key"));

  static final List<RouteKey> KEYS = List.of(RouteKey.generate("orders-key", 1), RouteKey.generate("payments-key", 1));

  private TestBuses() {}

  /** A participant's own ring holding the shared keys. */
  static KeyRing ring(long now) {
    KeyRing ring = new KeyRing(60_000);
    KEYS.forEach(k -> ring.add(k, now));
    return ring;
  }

  static double rejected(MeterRegistry registry, RejectReason reason) {
    return registry.get(BusMetrics.REJECTED).tag(BusMetrics.REASON, reason.tag()).counter().count();
  }

  static double rejectedTotal(MeterRegistry registry) {
    RequiredSearch s = registry.get(BusMetrics.REJECTED);
    return s.counters().stream().mapToDouble(c -> c.count()).sum();
  }

  static double delivered(MeterRegistry registry) {
    return registry.get(BusMetrics.DELIVERED).counter().count();
  }

  static double sent(MeterRegistry registry) {
    return registry.get(BusMetrics.SENT).counter().count();
  }

  static boolean contains(Buffer haystack, String needle) {
    return new String(haystack.getBytes(), StandardCharsets.ISO_8859_1).contains(needle);
  }
}
