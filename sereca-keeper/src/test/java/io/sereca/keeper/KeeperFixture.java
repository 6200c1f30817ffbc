package io.sereca.keeper;

import io.sereca.keeper.internal.EmbeddedZooKeeper;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooKeeper;

/**
 * A real ZooKeeper server (embedded, own data directory, free port) and a proxy in front of it,
 * with helpers for clients through the proxy and clients straight to the server. Or, with
 * {@link #startInServer}, one server with the crypto in its own network layer (no proxy; then
 * there is no direct client: {@link EmbeddedZooKeeper#dataTree()} shows what the server holds).
 */
final class KeeperFixture implements AutoCloseable {

  final Path dir;
  final Vertx vertx;
  EmbeddedZooKeeper server;
  private boolean inServer;
  KeeperProxy proxy;
  private final List<ZooKeeper> clients = new ArrayList<>();

  private KeeperFixture(Path dir, Vertx vertx, EmbeddedZooKeeper server) {
    this.dir = dir;
    this.vertx = vertx;
    this.server = server;
  }

  static KeeperFixture start() throws Exception {
    return start("sim");
  }

  static KeeperFixture start(String backend) throws Exception {
    return start(backend, 0);
  }

  /** With the proxy on a fixed port, so clients can reconnect to a restarted proxy. */
  static KeeperFixture start(String backend, int proxyPort) throws Exception {
    Path dir = Files.createTempDirectory("sereca-keeper-test-");
    Vertx vertx = Vertx.vertx();
    EmbeddedZooKeeper server = EmbeddedZooKeeper.start(0, dir.resolve("zookeeper"));
    KeeperFixture f = new KeeperFixture(dir, vertx, server);
    f.backend = backend;
    f.proxyPort = proxyPort;
    f.proxy = await(KeeperProxy.start(vertx, f.options()));
    return f;
  }

  /** The in-server layout: one embedded server whose client port carries the crypto. */
  static KeeperFixture startInServer() throws Exception {
    return startInServer("sim");
  }

  /** The in-server layout with the crypto core on {@code backend}. */
  static KeeperFixture startInServer(String backend) throws Exception {
    Path dir = Files.createTempDirectory("sereca-keeper-test-");
    Vertx vertx = Vertx.vertx();
    KeeperFixture f = new KeeperFixture(dir, vertx, null);
    f.inServer = true;
    try {
      f.proxy = await(KeeperProxy.start(vertx, new KeeperProxyOptions().setEmbedded(true).setInServer(true)
          .setBackend(backend).setPort(0).setDataDirectory(dir.resolve("proxy")).setPlatformDirectory(dir.resolve("platform"))));
    } catch (Exception e) {
      await(vertx.close());
      deleteTree(dir);
      throw e;
    }
    f.server = f.proxy.embeddedServer();
    return f;
  }

  private String backend = "sim";
  private int proxyPort;

  static int freePort() throws IOException {
    try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  KeeperProxyOptions options() {
    return new KeeperProxyOptions()
        .setBackend(backend)
        .setPort(proxyPort)
        .setZookeeper(server.connectString())
        .setDataDirectory(dir.resolve("proxy"))
        .setPlatformDirectory(dir.resolve("platform"));
  }

  /** Stops the proxy. */
  void stopProxy() throws Exception {
    await(proxy.close());
    proxy = null;
  }

  /** Starts the proxy again (same data directory: same keys; same port if it was fixed). */
  void startProxy() throws Exception {
    proxy = await(KeeperProxy.start(vertx, options()));
  }

  static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
  }

  /** A connected client through the proxy. */
  ZooKeeper client() throws Exception {
    return connect(proxy.connectString(), e -> {});
  }

  /** A connected client through the proxy with a watcher. */
  ZooKeeper client(Watcher watcher) throws Exception {
    return connect(proxy.connectString(), watcher);
  }

  /** A connected client straight to the server (what the server stores, seen raw). */
  ZooKeeper direct() throws Exception {
    if (inServer) {
      throw new IllegalStateException("the in-server layout has no direct (plaintext-free) port");
    }
    return connect(server.connectString(), e -> {});
  }

  ZooKeeper connect(String connectString, Watcher watcher) throws Exception {
    CountDownLatch connected = new CountDownLatch(1);
    ZooKeeper zk = new ZooKeeper(connectString, 30_000, e -> {
      if (e.getState() == Watcher.Event.KeeperState.SyncConnected) {
        connected.countDown();
      }
      watcher.process(e);
    });
    clients.add(zk);
    if (!connected.await(30, TimeUnit.SECONDS)) {
      throw new IllegalStateException("client did not connect to " + connectString);
    }
    return zk;
  }

  @Override
  public void close() throws Exception {
    for (ZooKeeper zk : clients) {
      try {
        zk.close(2_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    try {
      if (proxy != null) {
        await(proxy.close());
      }
    } finally {
      if (!inServer) {
        server.close(); // in-server: closed with the proxy
      }
      await(vertx.close());
      deleteTree(dir);
    }
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
