package io.sereca.bus;

import static io.sereca.bus.TestBuses.PAYMENTS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import static org.awaitility.Awaitility.await;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import io.sereca.enclave.bus.RejectReason;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two clustered Vert.x instances (Hazelcast on loopback, one JVM) whose event-bus transport uses
 * {@link ClusterTls} with {@link DevPki} certificates: the secure bus works across them, and a node
 * holding a certificate from another CA cannot reach them; plaintext from a node without a guard is
 * dropped on arrival.
 */
class ClusteredTlsBusTest {

  @TempDir
  Path dir;

  private final List<Vertx> nodes = new ArrayList<>();

  @AfterEach
  void tearDown() {
    for (Vertx v : nodes) {
      v.close().await();
    }
  }

  @Test
  void secureRequestReplyCrossesAMutualTlsEventBusAndAStrangerIsShutOut() throws Exception {
    DevPki pki = DevPki.open(dir.resolve("pki"));
    String cluster = "sereca-bus-test-" + UUID.randomUUID();
    List<Integer> ports = List.of(freePort(), freePort(), freePort());
    Vertx a = start(cluster, ports, 0, ClusterTls.eventBusOptions(pki.issueNode("node-a")));
    Vertx b = start(cluster, ports, 1, ClusterTls.eventBusOptions(pki.issueNode("node-b")));
    long now = System.currentTimeMillis();
    SecureEventBus busA = SecureEventBus.create(a, TestBuses.ROUTES, TestBuses.ring(now));
    SecureEventBus busB = SecureEventBus.create(b, TestBuses.ROUTES, TestBuses.ring(now));
    busB.<String>consumer(PAYMENTS, m -> m.reply("paid " + m.body())).completion().await();

    SecureMessage<String> reply = busA.<String>request(PAYMENTS, "42").await();
    assertThat(reply.body()).isEqualTo("paid 42");
    assertThat(reply.sender()).isEqualTo(busB.senderId());

    // Same cluster membership, but its certificate comes from another CA: no transport to b.
    EventBusOptions foreign = ClusterTls.eventBusOptions(DevPki.open(dir.resolve("other")).issueNode("node-c"));
    Vertx c = start(cluster, ports, 2, foreign);
    SecureEventBus busC = SecureEventBus.create(c, TestBuses.ROUTES, TestBuses.ring(now));
    Future<SecureMessage<String>> refused = busC.request(PAYMENTS, "43", new DeliveryOptions().setSendTimeout(2_000));
    assertThatThrownBy(refused::await).isInstanceOf(ReplyException.class);
    assertThat(busA.<String>request(PAYMENTS, "44").await().body()).isEqualTo("paid 44");

    // A node without a guard (a's bus closed) sends plaintext: b's inbound guard drops it, before
    // its secure consumer and before a plain consumer alike.
    Queue<Object> plainOnB = new ConcurrentLinkedQueue<>();
    b.eventBus().consumer(PAYMENTS, m -> plainOnB.add(m.body())).completion().await();
    busA.close().await();
    for (int i = 0; i < 4; i++) {
      a.eventBus().send(PAYMENTS, "plaintext " + i);
    }
    await().atMost(Duration.ofSeconds(10))
        .until(() -> TestBuses.rejected(busB.meterRegistry(), RejectReason.PLAINTEXT) == 4.0);
    Thread.sleep(200);
    assertThat(plainOnB).isEmpty();
    assertThat(TestBuses.delivered(busB.meterRegistry())).isEqualTo(2.0);
  }

  private Vertx start(String cluster, List<Integer> ports, int index, EventBusOptions eventBus) {
    Config config = ConfigUtil.loadConfig();
    config.setClusterName(cluster);
    config.setProperty("hazelcast.phone.home.enabled", "false");
    config.setProperty("hazelcast.socket.bind.any", "false");
    config.setProperty("hazelcast.logging.type", "none");
    config.setProperty("hazelcast.wait.seconds.before.join", "0");
    config.setProperty("hazelcast.graceful.shutdown.max.wait", "5");
    NetworkConfig network = config.getNetworkConfig();
    network.setPort(ports.get(index)).setPortAutoIncrement(false);
    network.getInterfaces().setEnabled(true).setInterfaces(List.of("127.0.0.1"));
    JoinConfig join = network.getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    join.getTcpIpConfig().setEnabled(true).getMembers().clear();
    ports.forEach(p -> join.getTcpIpConfig().addMember("127.0.0.1:" + p));
    Vertx v = Vertx.builder()
        .with(new VertxOptions().setEventBusOptions(new EventBusOptions(eventBus).setClusterPublicHost("127.0.0.1")))
        .withClusterManager(new HazelcastClusterManager(config))
        .buildClustered().await();
    nodes.add(v);
    return v;
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
