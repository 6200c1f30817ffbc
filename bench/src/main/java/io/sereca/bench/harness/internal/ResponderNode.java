package io.sereca.bench.harness.internal;

import io.sereca.bus.SecureEventBus;
import io.sereca.enclave.bus.KeyRing;
import io.sereca.enclave.bus.RouteKey;
import io.sereca.vertx.Clustering;
import io.sereca.vertx.DevProvisioner;
import io.sereca.vertx.SecureVerticle;
import io.sereca.vertx.SecureVerticleOptions;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.EventBusOptions;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The responder JVM (the paper's second host): clustered with the sender over Hazelcast and the
 * TCP event bus on 127.0.0.1, it deploys the verticles that answer the sender's requests: a plain
 * one, a regular one on the secure bus, and (suite {@code vault}) a secure verticle whose enclave
 * the sender's dev provisioner attests and provisions. Prints {@code READY} when all are deployed
 * and runs until its standard input closes.
 *
 * <p>Args: {@code hazelcastPort memberPorts(comma) suite backend dataDir bundle}. The route key
 * comes as the first line of standard input (base64), never on the command line.
 */
public final class ResponderNode {

  /** Line printed on standard output once every verticle is deployed. */
  public static final String READY = "READY";
  /** Event-loop pool of the responder: more than the contexts it creates (see LinkVerticle). */
  static final int EVENT_LOOPS = 8;
  private static final System.Logger LOG = System.getLogger(ResponderNode.class.getName());

  private ResponderNode() {}

  /** Starts the node; see the class comment for the arguments. */
  public static void main(String[] args) throws Exception {
    if (args.length != 6) {
      System.err.println("usage: ResponderNode hazelcastPort memberPorts suite backend dataDir bundle");
      System.exit(2);
    }
    int port = Integer.parseInt(args[0]);
    List<Integer> members = new ArrayList<>();
    for (String p : args[1].split(",")) {
      members.add(Integer.parseInt(p));
    }
    String suite = args[2];
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String keyLine = in.readLine();
    if (keyLine == null) {
      System.err.println("no route key on standard input");
      System.exit(2);
    }
    RouteKey key = RouteKey.create(BenchRoutes.KEY_NAME, 1, Base64.getDecoder().decode(keyLine.trim()));

    // Event loops are handed out round robin; with this many, the event-bus server's loop, the
    // link's and each answering verticle's are all different (see LinkVerticle).
    Vertx vertx = Clustering.start(BenchCluster.hazelcast(port, members), new EventBusOptions(),
        new VertxOptions().setEventLoopPoolSize(EVENT_LOOPS)).await(60, TimeUnit.SECONDS);
    vertx.deployVerticle(new LinkVerticle()).await(30, TimeUnit.SECONDS);
    vertx.deployVerticle(new PlainEchoVerticle()).await(30, TimeUnit.SECONDS);
    vertx.deployVerticle(new RegularEchoVerticle(key)).await(30, TimeUnit.SECONDS);
    if (suite.equals("vault")) {
      SecureVerticleOptions o = new SecureVerticleOptions().setBundle(args[5]).setBackend(args[3])
          .setDataDirectory(args[4]).setProvisioner(DevProvisioner.DEFAULT_ADDRESS);
      vertx.deployVerticle(new SecureVerticle(), new DeploymentOptions().setConfig(o.toJson()))
          .await(120, TimeUnit.SECONDS);
    }
    System.out.println(READY);
    System.out.flush();
    while (in.read() >= 0) {
      // Runs until the harness closes our standard input (or kills us).
    }
    vertx.close().await(30, TimeUnit.SECONDS);
    System.exit(0);
  }

  /**
   * Opens this node's event-bus connection to the sender before any answering verticle exists.
   *
   * <p>Why: Vert.x opens a node-to-node connection on the event loop of whoever sends to that node
   * first, and a write made on a connection's own event loop is flushed at once (one socket write
   * per message), while writes handed over from other event loops are flushed once per batch. If
   * one answering verticle owned the connection, its replies would cost a syscall each and the
   * other's would be batched: the comparison would measure event-loop placement, not the series.
   * The inbound connection lives on the event-bus server's own loop, taken at cluster start. So
   * every answering verticle replies from a loop that owns neither connection, in every suite.
   */
  static final class LinkVerticle extends VerticleBase {
    @Override
    public Future<?> start() {
      LOG.log(System.Logger.Level.INFO, "bench link on {0}", Thread.currentThread().getName());
      // The sender's link verticle answers, which opens the sender's connection to us on its loop.
      return vertx.eventBus().request(BenchCluster.SENDER_LINK, "link");
    }
  }

  /** A regular verticle on the plain event bus: replies with the body. */
  static final class PlainEchoVerticle extends VerticleBase {
    @Override
    public Future<?> start() {
      LOG.log(System.Logger.Level.INFO, "plain echo on {0}", Thread.currentThread().getName());
      return vertx.eventBus().<Buffer>consumer(Target.PLAIN.address(), m -> m.reply(m.body())).completion();
    }
  }

  /** A regular verticle on the secure event bus, holding the route key: replies with the body. */
  static final class RegularEchoVerticle extends VerticleBase {
    private final RouteKey key;
    private SecureEventBus bus;

    RegularEchoVerticle(RouteKey key) {
      this.key = key;
    }

    @Override
    public Future<?> start() {
      LOG.log(System.Logger.Level.INFO, "regular echo on {0}", Thread.currentThread().getName());
      KeyRing ring = new KeyRing(0);
      ring.add(key, System.currentTimeMillis());
      bus = SecureEventBus.create(vertx, BenchRoutes.table(), ring);
      return bus.<Buffer>consumer(Target.REGULAR.address(), m -> m.reply(m.body())).completion();
    }

    @Override
    public Future<?> stop() {
      return bus.close();
    }
  }
}
