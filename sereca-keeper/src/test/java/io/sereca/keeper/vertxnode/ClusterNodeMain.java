package io.sereca.keeper.vertxnode;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.spi.cluster.zookeeper.ZookeeperClusterManager;
import java.util.concurrent.TimeUnit;

/**
 * A clustered Vert.x node (own JVM) whose cluster manager is vertx-zookeeper, pointed at the
 * keeper proxy. {@code serve <zk> <address>} replies "pong:<body>" and prints READY;
 * {@code ask <zk> <address>} sends "ping", prints "REPLY <body>" and exits.
 */
public final class ClusterNodeMain {

  public static void main(String[] args) throws Exception {
    String mode = args[0];
    JsonObject zkConfig = new JsonObject()
        .put("zookeeperHosts", args[1])
        .put("rootPath", "io.vertx")
        .put("sessionTimeout", 20_000)
        .put("connectTimeout", 10_000)
        .put("retry", new JsonObject().put("initialSleepTime", 100).put("intervalTimes", 10000).put("maxTimes", 5));
    VertxOptions options = new VertxOptions().setEventBusOptions(
        new EventBusOptions().setHost("127.0.0.1").setClusterPublicHost("127.0.0.1"));
    Vertx vertx = Vertx.builder().with(options).withClusterManager(new ZookeeperClusterManager(zkConfig))
        .buildClustered().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    String address = args[2];
    if (mode.equals("serve")) {
      vertx.eventBus().<String>consumer(address, m -> m.reply("pong:" + m.body()))
          .completion().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
      System.out.println("READY");
      System.out.flush();
      Thread.sleep(Long.MAX_VALUE);
    } else {
      String reply = null;
      for (int i = 0; i < 60 && reply == null; i++) {
        try {
          reply = vertx.eventBus().<String>request(address, "ping").toCompletionStage().toCompletableFuture()
              .get(10, TimeUnit.SECONDS).body();
        } catch (Exception noHandlerYet) {
          Thread.sleep(500);
        }
      }
      System.out.println("REPLY " + reply);
      System.out.flush();
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      System.exit(reply == null ? 1 : 0);
    }
  }
}
