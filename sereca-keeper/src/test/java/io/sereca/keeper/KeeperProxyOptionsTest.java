package io.sereca.keeper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import io.vertx.core.net.PemKeyCertOptions;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class KeeperProxyOptionsTest {

  @Test
  void defaultsAreLoopbackPort2281AndTheSimBackend() {
    KeeperProxyOptions o = new KeeperProxyOptions();
    assertThat(o.getHost()).isEqualTo("127.0.0.1");
    assertThat(o.getPort()).isEqualTo(2281);
    assertThat(o.getEmbeddedPort()).isEqualTo(2181);
    assertThat(o.getBackend()).isEqualTo("sim");
    assertThat(o.getKeyCertOptions()).isNull();
  }

  @Test
  void jsonRoundTripsAndCopiesAreIndependent() {
    KeeperProxyOptions o = new KeeperProxyOptions(new JsonObject()
        .put("port", 3000).put("zookeeper", "127.0.0.1:2181,127.0.0.1:2182").put("backend", "process")
        .put("dataDirectory", "/tmp/k").put("tlsCertPath", "c.pem").put("tlsKeyPath", "k.pem")
        .put("tlsClientCaPath", "ca.pem"));
    assertThat(o.getPort()).isEqualTo(3000);
    assertThat(o.getDataDirectory()).isEqualTo(Path.of("/tmp/k"));
    assertThat(new KeeperProxyOptions(o.toJson()).toJson()).isEqualTo(o.toJson());
    KeeperProxyOptions copy = new KeeperProxyOptions(o);
    ((PemKeyCertOptions) copy.getKeyCertOptions()).setCertPath("other.pem");
    assertThat(o.toJson().getString("tlsCertPath")).isEqualTo("c.pem");
  }

  @Test
  void badConfigIsRefusedNamingTheKey() {
    assertThatThrownBy(() -> new KeeperProxyOptions(new JsonObject().put("prot", 1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown key 'prot'");
    assertThatThrownBy(() -> new KeeperProxyOptions(new JsonObject().put("port", 70_000)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("port");
    assertThatThrownBy(() -> new KeeperProxyOptions(new JsonObject().put("port", "x")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'port'");
    assertThatThrownBy(() -> new KeeperProxyOptions(new JsonObject().put("tlsCertPath", "c.pem")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("go together");
    assertThatThrownBy(() -> new KeeperProxyOptions().setMaxFrameBytes(10))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxFrameBytes");
  }

  @Test
  void startingWithoutAnUpstreamFailsNamingTheProblem() {
    io.vertx.core.Vertx vertx = io.vertx.core.Vertx.vertx();
    try {
      assertThatThrownBy(() -> KeeperFixture.await(KeeperProxy.start(vertx, new KeeperProxyOptions())))
          .hasRootCauseMessage("no ZooKeeper to front: set a connect string or start an embedded server");
    } finally {
      vertx.close();
    }
  }
}
