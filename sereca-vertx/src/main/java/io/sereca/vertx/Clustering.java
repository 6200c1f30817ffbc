package io.sereca.vertx;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.util.List;

/**
 * Clustered Vert.x with the Hazelcast cluster manager, bound to loopback, joined by a TCP/IP
 * member list: no multicast, no phone-home, nothing leaves 127.0.0.1.
 *
 * <p>What the cluster manager sees: members, and the event-bus addresses each one consumes
 * (subscriptions are stored in Hazelcast in plaintext). What it does not see: payloads, which
 * travel node to node over the event-bus transport, and on protected addresses are envelopes.
 */
public final class Clustering {

  private Clustering() {}

  /**
   * A Hazelcast config for a loopback cluster.
   *
   * @param port this member's Hazelcast port
   * @param memberPorts the ports of all members (this one included)
   */
  public static Config loopbackHazelcast(int port, List<Integer> memberPorts) {
    Config config = ConfigUtil.loadConfig();
    config.setClusterName("sereca");
    config.setProperty("hazelcast.phone.home.enabled", "false");
    config.setProperty("hazelcast.socket.bind.any", "false");
    config.setProperty("hazelcast.logging.type", "jdk");
    NetworkConfig network = config.getNetworkConfig();
    network.setPort(port).setPortAutoIncrement(false);
    network.getInterfaces().setEnabled(true).setInterfaces(List.of("127.0.0.1"));
    JoinConfig join = network.getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    join.getTcpIpConfig().setEnabled(true).getMembers().clear();
    for (int p : memberPorts) {
      join.getTcpIpConfig().addMember("127.0.0.1:" + p);
    }
    return config;
  }

  /**
   * Starts a clustered Vert.x on loopback.
   *
   * @param hazelcast a config from {@link #loopbackHazelcast}
   * @param eventBus event-bus transport options (e.g. TLS from the bus module); host forced to
   *     127.0.0.1
   */
  public static Future<Vertx> start(Config hazelcast, EventBusOptions eventBus) {
    return start(hazelcast, eventBus, new VertxOptions());
  }

  /**
   * Starts a clustered Vert.x on loopback with the given Vert.x options (e.g. the event-loop pool
   * size); their event-bus options are replaced by {@code eventBus}, host forced to 127.0.0.1.
   *
   * @param hazelcast a config from {@link #loopbackHazelcast}
   * @param eventBus event-bus transport options
   * @param vertxOptions the other Vert.x options; not modified
   */
  public static Future<Vertx> start(Config hazelcast, EventBusOptions eventBus, VertxOptions vertxOptions) {
    EventBusOptions eb = new EventBusOptions(eventBus).setHost("127.0.0.1").setClusterPublicHost("127.0.0.1");
    return Vertx.builder()
        .with(new VertxOptions(vertxOptions).setEventBusOptions(eb))
        .withClusterManager(new HazelcastClusterManager(hazelcast))
        .buildClustered();
  }
}
