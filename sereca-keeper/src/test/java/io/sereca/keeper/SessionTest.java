package io.sereca.keeper;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.WatchedEvent;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooDefs.Ids;
import org.apache.zookeeper.ZooKeeper;
import org.junit.jupiter.api.Test;

/** Sessions are the server's: they outlive the proxy's connections, and the keys outlive the proxy. */
class SessionTest {

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void aSessionSurvivesAProxyRestartWithItsEphemeralsWatchesAndReadableData() throws Exception {
    try (KeeperFixture f = KeeperFixture.start("sim", KeeperFixture.freePort())) {
      BlockingQueue<WatchedEvent> events = new LinkedBlockingQueue<>();
      ZooKeeper zk = f.client(events::add);
      long session = zk.getSessionId();
      zk.create("/s", b("before restart"), Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
      zk.create("/s/mine", null, Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL);
      Watcher dataWatch = events::add;
      zk.getData("/s", dataWatch, null);
      zk.addWatch("/s", dataWatch, org.apache.zookeeper.AddWatchMode.PERSISTENT_RECURSIVE);

      f.stopProxy();
      await(events, Watcher.Event.KeeperState.Disconnected);
      f.startProxy();
      await(events, Watcher.Event.KeeperState.SyncConnected);

      assertThat(zk.getSessionId()).isEqualTo(session);
      assertThat(zk.exists("/s/mine", false)).as("the session's ephemeral").isNotNull();
      assertThat(zk.exists("/s/mine", false).getEphemeralOwner()).isEqualTo(session);
      assertThat(zk.getData("/s", false, null)).as("readable with the unsealed keys").isEqualTo(b("before restart"));

      // Watches were set again on reconnect (setWatches rewritten): they fire with plaintext paths.
      ZooKeeper other = f.client();
      other.setData("/s", b("after restart"), -1);
      WatchedEvent e = nextNodeEvent(events);
      assertThat(e.getType()).isEqualTo(Watcher.Event.EventType.NodeDataChanged);
      assertThat(e.getPath()).isEqualTo("/s");
      other.create("/s/new", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
      WatchedEvent created = nextNodeEvent(events);
      assertThat(created.getType() + " " + created.getPath()).isEqualTo("NodeCreated /s/new");
    }
  }

  @Test
  void theCryptoCoreRunsOnTheProcessBackendToo() throws Exception {
    try (KeeperFixture f = KeeperFixture.start("process")) {
      assertThat(f.proxy.backend()).isEqualTo("process");
      assertThat(f.proxy.simulated()).isTrue();
      ZooKeeper zk = f.client();
      zk.create("/p", b("via a child JVM"), Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
      assertThat(zk.getData("/p", false, null)).isEqualTo(b("via a child JVM"));
      assertThat(f.direct().getChildren("/", false)).doesNotContain("p");
    }
  }

  private static void await(BlockingQueue<WatchedEvent> events, Watcher.Event.KeeperState state)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      WatchedEvent e = events.poll(1, TimeUnit.SECONDS);
      if (e != null && e.getType() == Watcher.Event.EventType.None && e.getState() == state) {
        return;
      }
    }
    throw new AssertionError("no " + state + " event");
  }

  private static WatchedEvent nextNodeEvent(BlockingQueue<WatchedEvent> events) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      WatchedEvent e = events.poll(1, TimeUnit.SECONDS);
      if (e != null && e.getType() != Watcher.Event.EventType.None) {
        return e;
      }
    }
    throw new AssertionError("no node event");
  }
}
