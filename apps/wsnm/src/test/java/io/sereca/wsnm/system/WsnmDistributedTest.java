package io.sereca.wsnm.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.sereca.wsnm.Dam;
import io.sereca.wsnm.cloud.WsnmNode;
import io.sereca.wsnm.cloud.WsnmNodeOptions;
import io.sereca.wsnm.cloud.WsnmRole;
import io.sereca.wsnm.web.GatewayClient;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * WSNM spread over three JVMs on 127.0.0.1, clustered with Hazelcast and mutual TLS on the event
 * bus: process A runs cas, cache, alarms and web; process B the storage archiver (SQLite); this
 * JVM the SIMULATED loggers and the collector (so the test reads the collector's own meters) and
 * talks to the dashboard's gateway enclave in A over the cluster. Every secure verticle is
 * attested and provisioned by the CAS in A over the clustered bus.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WsnmDistributedTest {

  @TempDir static Path dir;
  final List<Child> children = new CopyOnWriteArrayList<>();
  Path data;
  int localPort;
  int portA;
  Vertx vertx;
  WsnmNode node;
  Child a;
  Child b;
  GatewayClient.Session operator;

  /** A child JVM running {@link WsnmNodeMain}, its output collected. */
  static final class Child {
    final Process process;
    final Path log;
    final Map<String, String> credentials = new ConcurrentHashMap<>();
    final CountDownLatch ready = new CountDownLatch(1);

    Child(Process process, Path log) {
      this.process = process;
      this.log = log;
      Thread reader = new Thread(() -> {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
          for (String line = r.readLine(); line != null; line = r.readLine()) {
            Files.writeString(log, line + "\n", StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.APPEND);
            if (line.startsWith("CREDENTIAL ")) {
              String[] f = line.split(" ");
              credentials.put(f[1], f[2]);
            } else if (line.equals("READY")) {
              ready.countDown();
            }
          }
        } catch (IOException gone) {
          // the child exited or was killed
        }
      }, "child-output");
      reader.setDaemon(true);
      reader.start();
    }

    void awaitReady() throws Exception {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
      while (!ready.await(1, TimeUnit.SECONDS)) {
        if (!process.isAlive() || System.nanoTime() > deadline) {
          throw new AssertionError("node did not become ready (" + (process.isAlive() ? "timeout" : "exited "
              + process.exitValue()) + "); its output:\n" + tail(log));
        }
      }
    }
  }

  static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(no output)";
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  static int freeBase(int count) throws IOException {
    for (int attempt = 0; attempt < 50; attempt++) {
      int base = freePort();
      boolean free = base + count <= 65535;
      for (int p = base; p < base + count && free; p++) {
        try (ServerSocket s = new ServerSocket(p, 1, InetAddress.getLoopbackAddress())) {
          s.setReuseAddress(true);
        } catch (IOException busy) {
          free = false;
        }
      }
      if (free) {
        return base;
      }
    }
    throw new IOException("no 7 consecutive free loopback ports found");
  }

  Child start(String roles, int port, List<Integer> members, String name) throws IOException {
    List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
        WsnmNodeMain.class.getName(), roles, data.toString(), Integer.toString(port), join(members), "1");
    Path log = dir.resolve(name + ".log");
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    Child c = new Child(p, log);
    children.add(c);
    return c;
  }

  static String join(List<Integer> ports) {
    StringBuilder sb = new StringBuilder();
    for (int p : ports) {
      sb.append(sb.length() == 0 ? "" : ",").append(p);
    }
    return sb.toString();
  }

  @BeforeAll
  void startCluster() throws Exception {
    data = dir.resolve("data");
    localPort = freePort();
    portA = freePort();
    int portB = freePort();
    List<Integer> members = List.of(localPort, portA, portB);
    a = start("cas,cache,alarms,web", portA, members, "a");
    b = start("storage", portB, members, "b");
    WsnmNodeOptions o = WsnmNodeMain.options(EnumSet.of(WsnmRole.SIMULATOR, WsnmRole.COLLECTOR), data.toString(),
        freeBase(Dam.values().length)).setClusterPort(localPort).setMembers(members);
    List<String> progress = new CopyOnWriteArrayList<>();
    vertx = WsnmNode.vertx(o, progress::add).await(120, TimeUnit.SECONDS);
    node = WsnmNode.start(vertx, o, progress::add).await(300, TimeUnit.SECONDS);
    assertThat(progress).anyMatch(l -> l.contains("mutual TLS 1.3"));
    a.awaitReady();
    b.awaitReady();
    operator = new GatewayClient(vertx).login("operator", a.credentials.get("operator"));
  }

  @AfterAll
  void stop() throws Exception {
    for (Child c : children) {
      c.process.destroyForcibly();
    }
    try {
      if (node != null) {
        node.stop().await(60, TimeUnit.SECONDS);
      }
    } finally {
      if (vertx != null) {
        vertx.close().await(60, TimeUnit.SECONDS);
      }
      for (Child c : children) {
        c.process.waitFor(30, TimeUnit.SECONDS);
      }
    }
  }

  private long storedScans(Dam dam) throws Exception {
    long now = System.currentTimeMillis();
    JsonObject trend = WsnmSystem.body(operator, new JsonObject().put("op", "trend").put("dam", dam.name())
        .put("channel", "RESERVOIR_LEVEL").put("from", now - TimeUnit.DAYS.toMillis(1))
        .put("to", now + TimeUnit.DAYS.toMillis(30)).put("buckets", 1));
    JsonArray points = trend.getJsonArray("points");
    long counted = points.isEmpty() ? 0 : points.getJsonArray(0).getLong(4);
    long records = trend.getLong("records");
    // One bucket counts every GOOD reading of the channel: never more than one per stored scan.
    assertThat(counted).as("GOOD readings vs records of %s: %s", dam, trend.encode()).isLessThanOrEqualTo(records);
    return records;
  }

  private double counter(String name, Dam dam) {
    PrometheusMeterRegistry m = node.metrics();
    return (dam == null ? m.find(name).counter() : m.find(name).tag("dam", dam.name()).counter()).count();
  }

  private double backlog() {
    Gauge g = node.metrics().find("wsnm.collector.buffered").gauge();
    return g == null ? -1 : g.value();
  }

  @Test
  @Order(1)
  void theDashboardInOneProcessShowsLatestValuesOfSevenDamsAndTrendsStoredInAnother() throws Exception {
    await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions().until(() ->
        WsnmSystem.body(operator, new JsonObject().put("op", "latest")).getJsonArray("dams").size() == 7);
    await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions().untilAsserted(() -> {
      for (Dam dam : Dam.values()) {
        assertThat(storedScans(dam)).as("scans of %s stored by process B", dam).isGreaterThan(0);
      }
    });
    // The viewer role reads too, and a bad request is refused by the gateway without harm.
    JsonObject bad = operator.call(new JsonObject().put("op", "trend").put("dam", "CONZA"));
    assertThat(bad.getBoolean("ok")).as(bad.encode()).isFalse();
    assertThat(WsnmSystem.body(operator, new JsonObject().put("op", "latest")).getJsonArray("dams")).hasSize(7);
  }

  @Test
  @Order(2)
  void theStorageProcessKilledMidRunAndRestartedLosesNoScanAndStoresNoneTwice() throws Exception {
    await().atMost(Duration.ofSeconds(120)).until(() -> counter("wsnm.collector.scans.acknowledged", null) >= 20);
    b.process.destroyForcibly();
    assertThat(b.process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    double durableAtKill = counter("wsnm.collector.scans.durable", null);
    // Readings go on flowing: the collector journals them and keeps them until storage is back.
    await().atMost(Duration.ofSeconds(120)).until(() -> counter("wsnm.collector.scans.durable", null) >= durableAtKill + 30
        && backlog() >= 20);

    // The same data directory and database, a fresh Hazelcast port (the dead member may linger
    // in the membership for up to WsnmNode.MAX_NO_HEARTBEAT_SECONDS).
    int portB2 = freePort();
    Child restarted = start("storage", portB2, List.of(localPort, portA, portB2), "b2");
    restarted.awaitReady();
    await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(500)).until(() -> backlog() < 10);

    // Freeze the input so that the counts can be compared exactly, then let the backlog drain.
    node.simulator().close();
    await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(500)).until(() -> backlog() == 0);
    double durable = counter("wsnm.collector.scans.durable", null);
    long total = 0;
    List<String> perDam = new ArrayList<>();
    for (Dam dam : Dam.values()) {
      long journaled = (long) (counter("wsnm.collector.scans.polled", dam) - counter("wsnm.collector.scans.refused", dam));
      long stored = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
          .until(() -> storedScans(dam), s -> s >= 0);
      perDam.add(dam + " journaled " + journaled + " stored " + stored);
      assertThat(stored).as("%s: zero lost, zero stored twice (%s)", dam, perDam).isEqualTo(journaled);
      total += stored;
    }
    System.out.println("after the storage kill and restart: " + perDam + ", durable " + durable
        + " (" + (durable - durableAtKill) + " since the kill), duplicates answered by storage "
        + counter("wsnm.collector.scans.duplicates", null));
    assertThat((double) total).as("every durable scan stored once: %s", perDam).isEqualTo(durable);
    assertThat(durable - durableAtKill).as("scans journaled while storage was down or restarting").isGreaterThanOrEqualTo(30);
  }
}
