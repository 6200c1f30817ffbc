package io.sereca.bench.harness.internal;

import io.sereca.enclave.bus.RouteTable;
import java.util.Map;

/** The route table of the harness: both protected targets under one route key. */
final class BenchRoutes {

  /** The route key's name. */
  static final String KEY_NAME = "bench-key";

  private BenchRoutes() {}

  static RouteTable table() {
    return RouteTable.of(Map.of(Target.REGULAR.address(), KEY_NAME, Target.SECURE_VERTICLE.address(), KEY_NAME));
  }
}
