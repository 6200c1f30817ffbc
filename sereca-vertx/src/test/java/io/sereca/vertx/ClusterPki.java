package io.sereca.vertx;

import java.nio.file.Path;
import java.util.List;

/** Creates the dev PKI (CA + node certificates) the TLS cluster test uses. */
final class ClusterPki {

  private ClusterPki() {}

  static void create(Path dir, List<String> nodes) throws Exception {
    throw new UnsupportedOperationException("wired to DevPki once the bus module provides it");
  }
}
