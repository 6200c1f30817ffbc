package io.sereca.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.sereca.cli.Cli;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooDefs.Ids;
import org.apache.zookeeper.ZooKeeper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeeperCommandTest {

  @TempDir
  Path tmp;

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  @Test
  void embeddedModeServesClientsAndSaysTheCoreIsSimulated() throws Exception {
    int proxyPort = freePort();
    int zkPort = freePort();
    CompletableFuture<Cli.Result> run = CompletableFuture.supplyAsync(() -> Cli.run("keeper", "--embedded",
        "--listen", String.valueOf(proxyPort), "--zk-port", String.valueOf(zkPort),
        "--data", tmp.resolve("keeper").toString(), "--data-dir", tmp.resolve("home").toString(),
        "--run-for", "8"));
    ZooKeeper zk = connectWhileRunning(proxyPort, run);
    assertThat(zk).as("a client connected through the proxy").isNotNull();
    try {
      zk.create("/cli", "through sereca keeper".getBytes(StandardCharsets.UTF_8), Ids.OPEN_ACL_UNSAFE,
          CreateMode.PERSISTENT);
      assertThat(zk.getData("/cli", false, null)).isEqualTo("through sereca keeper".getBytes(StandardCharsets.UTF_8));
    } finally {
      zk.close();
    }
    Cli.Result r = run.get(60, TimeUnit.SECONDS);
    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out()).contains("SIMULATED backend 'sim'")
        .contains("keeper crypto core (its keys, path and value encryption) runs in this SIMULATED")
        .contains("keeper proxy listening on 127.0.0.1:" + proxyPort)
        .contains("ZooKeeper (embedded");
    assertThat(tmp.resolve("keeper/keeper-keys.sealed")).exists();
    try (var files = Files.walk(tmp.resolve("keeper/zookeeper"))) {
      assertThat(files.anyMatch(p -> p.getFileName().toString().startsWith("log."))).isTrue();
    }
  }

  @Test
  void inServerModeServesClientsOnTheServersOwnPort() throws Exception {
    int port = freePort();
    CompletableFuture<Cli.Result> run = CompletableFuture.supplyAsync(() -> Cli.run("keeper", "--embedded",
        "--in-server", "--listen", String.valueOf(port),
        "--data", tmp.resolve("keeper").toString(), "--data-dir", tmp.resolve("home").toString(),
        "--run-for", "8"));
    ZooKeeper zk = connectWhileRunning(port, run);
    assertThat(zk).as("a client connected to the in-server ZooKeeper").isNotNull();
    try {
      zk.create("/cli", "in the server".getBytes(StandardCharsets.UTF_8), Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
      assertThat(zk.getData("/cli", false, null)).isEqualTo("in the server".getBytes(StandardCharsets.UTF_8));
    } finally {
      zk.close();
    }
    Cli.Result r = run.get(60, TimeUnit.SECONDS);
    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out()).contains("SIMULATED backend 'sim'")
        .contains("with the crypto in its network layer, listening on 127.0.0.1:" + port)
        .contains("keeper server stopped").doesNotContain("keeper proxy listening");
    assertThat(tmp.resolve("keeper/keeper-keys.sealed")).exists();
  }

  @Test
  void inServerNeedsEmbeddedAndRefusesTls() {
    Cli.Result r = Cli.run("keeper", "--zk", "127.0.0.1:2181", "--in-server");
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
    assertThat(r.err()).contains("--in-server needs --embedded");
    r = Cli.run("keeper", "--embedded", "--in-server", "--tls-cert", "c.pem", "--tls-key", "k.pem");
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
    assertThat(r.err()).contains("--in-server does not do TLS");
  }

  /** Retries until a client connects to {@code port} (the command is starting), or gives up. */
  private static ZooKeeper connectWhileRunning(int port, CompletableFuture<Cli.Result> run) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline && !run.isDone()) {
      CountDownLatch connected = new CountDownLatch(1);
      ZooKeeper candidate = new ZooKeeper("127.0.0.1:" + port, 30_000, e -> {
        if (e.getState() == Watcher.Event.KeeperState.SyncConnected) {
          connected.countDown();
        }
      });
      if (connected.await(2, TimeUnit.SECONDS)) {
        return candidate;
      }
      candidate.close();
    }
    return null;
  }

  @Test
  void embeddedAndZkTogetherIsAUsageError() {
    Cli.Result r = Cli.run("keeper", "--embedded", "--zk", "127.0.0.1:2181");
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
    assertThat(r.err()).contains("mutually exclusive");
  }

  @Test
  void aTlsCertificateWithoutItsKeyIsAUsageError() {
    Cli.Result r = Cli.run("keeper", "--embedded", "--tls-cert", tmp.resolve("cert.pem").toString());
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
    assertThat(r.err()).contains("--tls-cert and --tls-key go together");
  }

  @Test
  void neitherEmbeddedNorZkIsAUsageError() {
    Cli.Result r = Cli.run("keeper");
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
    assertThat(r.err()).contains("--embedded").contains("--zk");
  }

  @Test
  void aConnectStringWithAChrootIsRefusedNamingTheProblem() {
    Cli.Result r = Cli.run("keeper", "--zk", "127.0.0.1:1/app", "--listen", "0",
        "--data", tmp.resolve("k").toString(), "--data-dir", tmp.resolve("h").toString());
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
    assertThat(r.err()).contains("chroot");
  }
}
