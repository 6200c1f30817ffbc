package io.sereca.bench.harness.internal;

import io.sereca.bench.harness.TargetVerdict;
import io.sereca.keeper.KeeperProxy;
import io.sereca.keeper.KeeperProxyOptions;
import io.sereca.keeper.internal.EmbeddedZooKeeper;
import io.vertx.core.Vertx;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryNTimes;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;

/**
 * Confidential ZooKeeper against plain ZooKeeper in one run (issue 7, SecureKeeper's evaluation):
 * Curator clients straight to a real server ({@code zookeeper}), through the proxy in front of
 * it with its crypto core on the {@code sim} backend ({@code keeper}), and to a second real
 * server with the same crypto in its own network layer ({@code in-server}, SecureKeeper's
 * layout); 1 KiB values, getData and setData 50/50 over 64 znodes, {@value #THREADS} threads per
 * series. The series alternate in slices, in a rotating order, so drift of the machine hits all
 * alike. Both servers use ZooKeeper's Netty connection factory.
 *
 * <p>A fourth series, {@code relay}, goes through a Vert.x TCP relay that forwards the bytes
 * unchanged (no parsing, no crypto) to the first server: a reference for what the proxy's extra
 * hop alone costs, reported beside the verdicts but not part of them.
 */
public final class KeeperComparison {

  static final int THREADS = 8;
  static final int CLIENTS = 4;
  static final int NODES = 64;
  /** SecureKeeper's target: the proxy keeps at least this share of plain ZooKeeper's throughput. */
  public static final double TARGET_RATIO = 0.92;

  private KeeperComparison() {}

  /** One series' totals. */
  record Series(String name, long ops, double seconds, long[] latenciesNanos, long[] sliceOps) {
    double throughput() {
      return ops / seconds;
    }

    double percentileMillis(double p) {
      if (latenciesNanos.length == 0) {
        return Double.NaN;
      }
      long[] sorted = latenciesNanos.clone();
      Arrays.sort(sorted);
      return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
    }

    double meanMillis() {
      return Arrays.stream(latenciesNanos).average().orElse(Double.NaN) / 1e6;
    }
  }

  /**
   * Runs the comparison and writes {@code keeper.csv}, {@code keeper-throughput.png} and
   * {@code keeper-summary.txt} to {@code dir}.
   *
   * @return the files and the verdict
   */
  public static Result run(Path dir, long warmupMillis, long durationMillis, long sliceMillis, PrintWriter out)
      throws Exception {
    Path work = Files.createTempDirectory("sereca-bench-keeper-");
    Vertx vertx = Vertx.vertx();
    EmbeddedZooKeeper server = null;
    KeeperProxy proxy = null;
    KeeperProxy inServer = null;
    List<List<CuratorFramework>> clients = new ArrayList<>();
    try {
      out.println("keeper: starting ZooKeeper, the proxy and the in-server ZooKeeper"
          + " (crypto cores on the SIMULATED sim backend)");
      out.flush();
      server = EmbeddedZooKeeper.start(0, work.resolve("zookeeper"));
      proxy = await(KeeperProxy.start(vertx, new KeeperProxyOptions().setPort(0).setZookeeper(server.connectString())
          .setDataDirectory(work.resolve("proxy")).setPlatformDirectory(work.resolve("platform"))));
      inServer = await(KeeperProxy.start(vertx, new KeeperProxyOptions().setEmbedded(true).setInServer(true)
          .setPort(0).setDataDirectory(work.resolve("in-server")).setPlatformDirectory(work.resolve("platform"))));
      byte[] value = new byte[1024];
      new Random(7).nextBytes(value);
      // The relay's clients share the plain series' znodes: the server sees the same requests.
      String[] connect = {server.connectString(), proxy.connectString(), inServer.connectString(),
          Relay.start(vertx, server.port())};
      for (String c : connect) {
        clients.add(connect(c));
      }
      for (int series = 0; series < 3; series++) {
        for (int i = 0; i < NODES; i++) {
          clients.get(series).get(0).create().creatingParentsIfNeeded().forPath("/bench/data-" + i, value);
        }
      }
      for (List<CuratorFramework> c : clients) {
        measure(c, value, warmupMillis, null);
      }
      int n = SERIES.size();
      List<List<Long>> latencies = new ArrayList<>();
      long[] ops = new long[n];
      for (int i = 0; i < n; i++) {
        latencies.add(new ArrayList<>());
      }
      int slices = (int) Math.max(1, durationMillis / sliceMillis);
      long[][] sliceOps = new long[n][slices];
      boolean terminal = System.console() != null;
      for (int s = 0; s < slices; s++) {
        if (terminal) {
          out.printf(Locale.ROOT, "\rkeeper: slice %d/%d", s + 1, slices);
        } else if (s % 5 == 0 || s == slices - 1) {
          out.printf(Locale.ROOT, "keeper: slice %d/%d%n", s + 1, slices);
        }
        out.flush();
        // Rotate the order per slice, so no series always follows the same one.
        for (int k = 0; k < n; k++) {
          int series = (s + k) % n;
          sliceOps[series][s] = measure(clients.get(series), value, sliceMillis, latencies.get(series));
          ops[series] += sliceOps[series][s];
        }
      }
      if (terminal) {
        out.println();
      }
      double seconds = slices * sliceMillis / 1000.0;
      List<Series> results = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        results.add(new Series(SERIES.get(i), ops[i], seconds,
            latencies.get(i).stream().mapToLong(Long::longValue).toArray(), sliceOps[i]));
      }
      return write(dir, results);
    } finally {
      clients.forEach(list -> list.forEach(CuratorFramework::close));
      for (KeeperProxy p : new KeeperProxy[] {proxy, inServer}) {
        if (p != null) {
          p.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
      }
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      if (server != null) {
        server.close();
      }
      try (Stream<Path> files = Files.walk(work)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  /** The series, in the order of the client groups in {@link #run}. */
  private static final List<String> SERIES = List.of("zookeeper", "keeper", "in-server", "relay");

  private static KeeperProxy await(io.vertx.core.Future<KeeperProxy> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
  }

  /** Files written and the verdicts (proxy layout, in-server layout). */
  public record Result(List<Path> files, List<TargetVerdict> verdicts, String summary) {}

  private static List<CuratorFramework> connect(String connectString) throws InterruptedException {
    List<CuratorFramework> into = new ArrayList<>();
    for (int i = 0; i < CLIENTS; i++) {
      CuratorFramework c = CuratorFrameworkFactory.builder().connectString(connectString)
          .retryPolicy(new RetryNTimes(3, 100)).sessionTimeoutMs(30_000).build();
      c.start();
      if (!c.blockUntilConnected(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("client did not connect to " + connectString);
      }
      into.add(c);
    }
    return into;
  }

  /** {@link #THREADS} threads doing get/set for {@code millis}; latencies appended if a list is given. */
  private static long measure(List<CuratorFramework> clients, byte[] value, long millis, List<Long> latencies)
      throws Exception {
    AtomicBoolean stop = new AtomicBoolean();
    long[] counts = new long[THREADS];
    List<List<Long>> lat = new ArrayList<>();
    Exception[] failure = new Exception[1];
    CountDownLatch done = new CountDownLatch(THREADS);
    for (int t = 0; t < THREADS; t++) {
      int id = t;
      List<Long> mine = new ArrayList<>();
      lat.add(mine);
      Thread th = new Thread(() -> {
        CuratorFramework c = clients.get(id % clients.size());
        long i = id;
        try {
          while (!stop.get()) {
            String path = "/bench/data-" + (i % NODES);
            long start = System.nanoTime();
            if ((i & 1) == 0) {
              c.getData().forPath(path);
            } else {
              c.setData().forPath(path, value);
            }
            mine.add(System.nanoTime() - start);
            counts[id]++;
            i++;
          }
        } catch (Exception e) {
          failure[0] = e;
        } finally {
          done.countDown();
        }
      }, "bench-keeper-" + t);
      th.setDaemon(true);
      th.start();
    }
    Thread.sleep(millis);
    stop.set(true);
    if (!done.await(60, TimeUnit.SECONDS)) {
      throw new IllegalStateException("keeper benchmark threads did not stop");
    }
    if (failure[0] != null) {
      throw new IllegalStateException("a ZooKeeper operation failed: " + failure[0].getMessage(), failure[0]);
    }
    if (latencies != null) {
      lat.forEach(latencies::addAll);
    }
    return Arrays.stream(counts).sum();
  }

  private static Result write(Path dir, List<Series> series) throws Exception {
    Files.createDirectories(dir);
    Series z = series.get(0);
    Path csv = dir.resolve("keeper.csv");
    StringBuilder sb = new StringBuilder("series,ops,seconds,throughput_ops_s,mean_ms,p50_ms,p99_ms\n");
    StringBuilder table = new StringBuilder();
    for (Series s : series) {
      sb.append(String.format(Locale.ROOT, "%s,%d,%.3f,%.1f,%.3f,%.3f,%.3f%n", s.name(), s.ops(), s.seconds(),
          s.throughput(), s.meanMillis(), s.percentileMillis(0.50), s.percentileMillis(0.99)));
      table.append(String.format(Locale.ROOT, "  %-10s %9.1f ops/s  mean %.3f ms  p50 %.3f ms  p99 %.3f ms%n",
          s.name(), s.throughput(), s.meanMillis(), s.percentileMillis(0.5), s.percentileMillis(0.99)));
    }
    Files.writeString(csv, sb, StandardCharsets.UTF_8);
    CategoryChart chart = new CategoryChartBuilder().width(640).height(400)
        .title("ZooKeeper vs confidential ZooKeeper (1 KiB, get/set 50/50)").xAxisTitle("series")
        .yAxisTitle("ops/s").build();
    chart.addSeries("throughput", List.of("zookeeper", "keeper proxy (sim core)", "in-server (sim core)",
        "relay (reference)"), series.stream().map(Series::throughput).toList());
    Path png = dir.resolve("keeper-throughput.png");
    BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
    double proxyRatio = series.get(1).throughput() / z.throughput();
    double inServerRatio = series.get(2).throughput() / z.throughput();
    // Slice s of every series ran in the same rotation round: resampled together.
    SliceBootstrap.Interval proxyCi = SliceBootstrap.ratioOfTotals(z.sliceOps(), series.get(1).sliceOps());
    SliceBootstrap.Interval inServerCi = SliceBootstrap.ratioOfTotals(z.sliceOps(), series.get(2).sliceOps());
    List<TargetVerdict> verdicts = List.of(
        new TargetVerdict("keeper: proxy/plain ZooKeeper throughput (1 KiB)", proxyRatio, TARGET_RATIO, true, "x",
            proxyCi.low(), proxyCi.high()),
        new TargetVerdict("keeper: in-server/plain ZooKeeper throughput (1 KiB)", inServerRatio, TARGET_RATIO,
            true, "x", inServerCi.low(), inServerCi.high()));
    String summary = String.format(Locale.ROOT,
        "keeper (Curator, %d threads, 1 KiB get/set 50/50)%n%s"
            + "  ratio keeper/zookeeper %.3f, in-server/zookeeper %.3f (SecureKeeper paper: ~0.89)%n"
            + "  reference: relay/zookeeper %.3f (the proxy's hop alone: bytes forwarded unchanged, no parsing or"
            + " crypto)%n  targets, with 95%% intervals over this run's paired slices (bootstrap):%n  %s%n  %s%n",
        THREADS, table, proxyRatio, inServerRatio, series.get(3).throughput() / z.throughput(),
        verdicts.get(0).describe(), verdicts.get(1).describe());
    Path summaryFile = dir.resolve("keeper-summary.txt");
    Files.writeString(summaryFile, summary, StandardCharsets.UTF_8);
    return new Result(List.of(csv, png, summaryFile), verdicts, summary);
  }
}
