package io.sereca.bench;

import io.sereca.keeper.KeeperProxy;
import io.sereca.keeper.KeeperProxyOptions;
import io.sereca.keeper.internal.EmbeddedZooKeeper;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryNTimes;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Plain ZooKeeper against the confidential proxy in front of the same kind of server, with Curator
 * clients on loopback, in one JMH run ({@code target} = {@code zookeeper}, {@code keeper} (the
 * proxy) or {@code in-server} (the same crypto inside the server's own network layer)):
 *
 * <ul>
 *   <li>{@link #getSet}: 1 KiB values, getData and setData alternating (50/50) over 64 znodes.
 *   <li>{@link #createDelete}: create a 1 KiB znode, then delete it (two operations per call).
 * </ul>
 *
 * <p>8 threads share 4 Curator clients; each call is a blocking round trip. Throughput mode gives
 * calls per second, sample-time mode the latency distribution. Each {@code target} runs in its own
 * fork with a fresh embedded server (and for {@code keeper} a proxy with the {@code sim} crypto
 * core). Run with {@code java -jar bench/target/benchmarks.jar KeeperBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.Throughput, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch"})
@Warmup(iterations = 2, time = 5, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 3, time = 5, timeUnit = TimeUnit.SECONDS)
@Threads(8)
public class KeeperBenchmark {

  /** Number of znodes the getData/setData mix touches. */
  static final int NODES = 64;
  /** Number of Curator clients the threads share. */
  static final int CLIENTS = 4;

  /**
   * {@code zookeeper}: straight to the server; {@code keeper}: through the proxy; {@code in-server}:
   * to a server with the crypto in its network layer.
   */
  @Param({"zookeeper", "keeper", "in-server"})
  public String target;

  private Path dir;
  private Vertx vertx;
  private EmbeddedZooKeeper server;
  private KeeperProxy proxy;
  private final List<CuratorFramework> clients = new ArrayList<>();
  private final AtomicInteger threads = new AtomicInteger();
  byte[] value;

  /** Starts the server (and the proxy), connects the clients and creates the znodes. */
  @Setup(Level.Trial)
  public void setUp() throws Exception {
    dir = Files.createTempDirectory("sereca-keeper-bench-");
    value = new byte[1024];
    new Random(7).nextBytes(value);
    String connect;
    if ("in-server".equals(target)) {
      vertx = Vertx.vertx();
      proxy = KeeperProxy.start(vertx, new KeeperProxyOptions().setEmbedded(true).setInServer(true).setPort(0)
              .setDataDirectory(dir.resolve("proxy")).setPlatformDirectory(dir.resolve("platform")))
          .toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
      connect = proxy.connectString();
    } else {
      server = EmbeddedZooKeeper.start(0, dir.resolve("zookeeper"));
      connect = server.connectString();
    }
    if ("keeper".equals(target)) {
      vertx = Vertx.vertx();
      proxy = KeeperProxy.start(vertx, new KeeperProxyOptions().setPort(0).setZookeeper(connect)
              .setDataDirectory(dir.resolve("proxy")).setPlatformDirectory(dir.resolve("platform")))
          .toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
      connect = proxy.connectString();
    } else if (!"zookeeper".equals(target) && !"in-server".equals(target)) {
      throw new IllegalArgumentException("target must be zookeeper, keeper or in-server, got " + target);
    }
    for (int i = 0; i < CLIENTS; i++) {
      CuratorFramework c = CuratorFrameworkFactory.builder().connectString(connect)
          .retryPolicy(new RetryNTimes(3, 100)).sessionTimeoutMs(30_000).build();
      c.start();
      if (!c.blockUntilConnected(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("client did not connect to " + connect);
      }
      clients.add(c);
    }
    for (int i = 0; i < NODES; i++) {
      clients.get(0).create().creatingParentsIfNeeded().forPath("/bench/data-" + i, value);
    }
    clients.get(0).create().forPath("/bench/cd");
  }

  /** Closes clients, proxy and server and deletes the data. */
  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    clients.forEach(CuratorFramework::close);
    clients.clear();
    if (proxy != null) {
      proxy.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      proxy = null;
    }
    if (vertx != null) {
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      vertx = null;
    }
    if (server != null) {
      server.close();
      server = null;
    }
    if (dir != null && Files.exists(dir)) {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  /** Per thread: its client, its znode cursor and its create counter. */
  @State(Scope.Thread)
  public static class Worker {
    CuratorFramework client;
    int id;
    long calls;

    /** Picks this thread's client. */
    @Setup(Level.Trial)
    public void setUp(KeeperBenchmark bench) {
      id = bench.threads.getAndIncrement();
      client = bench.clients.get(id % CLIENTS);
    }
  }

  /** getData and setData of 1 KiB, alternating, over {@value #NODES} znodes. */
  @Benchmark
  public Object getSet(Worker w) throws Exception {
    long n = w.calls++;
    String path = "/bench/data-" + ((w.id * 7 + n / 2) % NODES);
    if ((n & 1) == 0) {
      return w.client.getData().forPath(path);
    }
    return w.client.setData().forPath(path, value);
  }

  /** Create a 1 KiB znode, then delete it. */
  @Benchmark
  public void createDelete(Worker w) throws Exception {
    String path = "/bench/cd/w" + w.id + "-" + (w.calls++);
    w.client.create().forPath(path, value);
    w.client.delete().forPath(path);
  }

  CuratorFramework client(int i) {
    return clients.get(i);
  }
}
