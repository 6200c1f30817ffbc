package io.sereca.keeper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.zookeeper.AddWatchMode;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Op;
import org.apache.zookeeper.OpResult;
import org.apache.zookeeper.WatchedEvent;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooDefs.Ids;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.ACL;
import org.apache.zookeeper.data.Id;
import org.apache.zookeeper.data.Stat;
import org.apache.zookeeper.server.auth.DigestAuthenticationProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Every operation of the ZooKeeper Java client, through the proxy, against a real server. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClientOperationsTest {

  static KeeperFixture fixture;
  static ZooKeeper zk;

  /** The layout under test: a proxy in front of a server ({@link ClientOperationsInServerTest}: in-server). */
  KeeperFixture startFixture() throws Exception {
    return KeeperFixture.start();
  }

  @BeforeAll
  void start() throws Exception {
    fixture = startFixture();
    zk = fixture.client();
  }

  @AfterAll
  void stop() throws Exception {
    fixture.close();
  }

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void createModesAllWorkAndReturnPlaintextPaths() throws Exception {
    zk.create("/modes", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
    assertThat(zk.create("/modes/eph", b("e"), Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL)).isEqualTo("/modes/eph");
    String s1 = zk.create("/modes/seq-", b("s1"), Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT_SEQUENTIAL);
    String s2 = zk.create("/modes/seq-", b("s2"), Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL_SEQUENTIAL);
    assertThat(s1).matches("/modes/seq-\\d{10}");
    assertThat(s2).matches("/modes/seq-\\d{10}");
    assertThat(Long.parseLong(s2.substring(11))).isGreaterThan(Long.parseLong(s1.substring(11)));
    assertThat(zk.getData(s1, false, null)).isEqualTo(b("s1"));
    assertThat(zk.getData(s2, false, null)).isEqualTo(b("s2"));
    // A prefix that itself ends in digits keeps working.
    String s3 = zk.create("/modes/n0000000001", b("s3"), Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT_SEQUENTIAL);
    assertThat(s3).matches("/modes/n0000000001\\d{10}");
    assertThat(zk.getData(s3, false, null)).isEqualTo(b("s3"));

    Stat stat = new Stat();
    assertThat(zk.create("/modes/container", b("c"), Ids.OPEN_ACL_UNSAFE, CreateMode.CONTAINER, stat))
        .isEqualTo("/modes/container");
    assertThat(stat.getDataLength()).isEqualTo(1);
    Stat ttlStat = new Stat();
    assertThat(zk.create("/modes/ttl", b("ttl!"), Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT_WITH_TTL,
        ttlStat, 60_000)).isEqualTo("/modes/ttl");
    assertThat(ttlStat.getDataLength()).isEqualTo(4);
    assertThat(zk.getChildren("/modes", false))
        .contains("eph", "container", "ttl", s1.substring(7), s2.substring(7), s3.substring(7));
    assertThat(zk.getEphemerals("/modes")).containsExactlyInAnyOrder("/modes/eph", s2);
    assertThat(zk.getEphemerals("/mod")).containsExactlyInAnyOrder("/modes/eph", s2);
    assertThat(zk.getEphemerals("/other")).isEmpty();
  }

  @Test
  void readsAndWritesKeepVersionsAndPlaintextLengths() throws Exception {
    Stat created = new Stat();
    zk.create("/rw", b("one"), Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT, created);
    Stat exists = zk.exists("/rw", false);
    assertThat(exists.getDataLength()).isEqualTo(3);
    assertThat(exists.getVersion()).isZero();
    Stat set = zk.setData("/rw", b("second value"), 0);
    assertThat(set.getVersion()).isEqualTo(1);
    assertThat(set.getDataLength()).isEqualTo(12);
    assertThatThrownBy(() -> zk.setData("/rw", b("x"), 0)).isInstanceOf(KeeperException.BadVersionException.class);
    Stat read = new Stat();
    assertThat(zk.getData("/rw", false, read)).isEqualTo(b("second value"));
    assertThat(read.getDataLength()).isEqualTo(12);
    zk.setData("/rw", new byte[0], -1);
    assertThat(zk.getData("/rw", false, null)).isEmpty();
    assertThat(zk.exists("/rw", false).getDataLength()).isZero();
    zk.create("/rw/a", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
    zk.create("/rw/a/b", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
    assertThat(zk.getData("/rw/a", false, null)).isNull();
    Stat parent = new Stat();
    assertThat(zk.getChildren("/rw", false, parent)).containsExactly("a");
    assertThat(parent.getNumChildren()).isEqualTo(1);
    assertThat(parent.getDataLength()).isZero();
    assertThat(zk.getAllChildrenNumber("/rw")).isEqualTo(2);
    assertThatThrownBy(() -> zk.delete("/rw/a", -1)).isInstanceOf(KeeperException.NotEmptyException.class);
    zk.delete("/rw/a/b", -1);
    zk.delete("/rw/a", 0);
    assertThat(zk.exists("/rw/a", false)).isNull();
    assertThatThrownBy(() -> zk.getData("/rw/missing", false, null)).isInstanceOf(KeeperException.NoNodeException.class);
    assertThatThrownBy(() -> zk.create("/rw", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT))
        .isInstanceOf(KeeperException.NodeExistsException.class);
    // Sync completes with the plaintext path.
    CompletableFuture<String> synced = new CompletableFuture<>();
    zk.sync("/rw", (rc, path, ctx) -> synced.complete(rc + " " + path), null);
    assertThat(synced.get(10, TimeUnit.SECONDS)).isEqualTo("0 /rw");
    // The server's own tree is served as is.
    assertThat(zk.getChildren("/zookeeper", false)).contains("quota");
  }

  @Test
  void multiAndMultiReadCommitAtomicallyAndReportPerOperationResults() throws Exception {
    List<OpResult> results = zk.multi(List.of(
        Op.create("/tx", b("root"), Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT),
        Op.create("/tx/item-", b("i"), Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT_SEQUENTIAL),
        Op.setData("/tx", b("root2"), 0),
        Op.check("/tx", 1)));
    assertThat(((OpResult.CreateResult) results.get(0)).getPath()).isEqualTo("/tx");
    assertThat(((OpResult.CreateResult) results.get(1)).getPath()).matches("/tx/item-\\d{10}");
    assertThat(((OpResult.SetDataResult) results.get(2)).getStat().getDataLength()).isEqualTo(5);

    assertThatThrownBy(() -> zk.multi(List.of(
        Op.create("/tx/never", b("n"), Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT),
        Op.delete("/tx/missing", -1))))
        .isInstanceOfSatisfying(KeeperException.class, e -> {
          assertThat(e.code()).isEqualTo(KeeperException.Code.NONODE);
          assertThat(e.getResults()).hasSize(2);
        });
    assertThat(zk.exists("/tx/never", false)).isNull();

    List<OpResult> reads = zk.multi(List.of(Op.getData("/tx"), Op.getChildren("/tx")));
    assertThat(((OpResult.GetDataResult) reads.get(0)).getData()).isEqualTo(b("root2"));
    assertThat(((OpResult.GetDataResult) reads.get(0)).getStat().getDataLength()).isEqualTo(5);
    assertThat(((OpResult.GetChildrenResult) reads.get(1)).getChildren()).singleElement()
        .asString().matches("item-\\d{10}");

    // The transaction API (a multi) too.
    zk.transaction().create("/tx/t", b("t"), Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT).delete("/tx/t", 0).commit();
    assertThat(zk.exists("/tx/t", false)).isNull();
  }

  @Test
  void watchEventsCarryPlaintextPaths() throws Exception {
    BlockingQueue<WatchedEvent> events = new LinkedBlockingQueue<>();
    Watcher w = events::add;
    zk.create("/watched", b("v0"), Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
    zk.getData("/watched", w, null);
    zk.getChildren("/watched", w);
    zk.exists("/watched/child", w);
    ZooKeeper other = fixture.client();
    other.setData("/watched", b("v1"), -1);
    other.create("/watched/child", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
    List<String> seen = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      WatchedEvent e = events.poll(10, TimeUnit.SECONDS);
      assertThat(e).as("watch event " + i).isNotNull();
      seen.add(e.getType() + " " + e.getPath());
    }
    assertThat(seen).containsExactlyInAnyOrder("NodeDataChanged /watched", "NodeChildrenChanged /watched",
        "NodeCreated /watched/child");
  }

  @Test
  void persistentAndRecursiveWatchesDeliverPlaintextPaths() throws Exception {
    zk.create("/pw", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
    BlockingQueue<WatchedEvent> recursive = new LinkedBlockingQueue<>();
    BlockingQueue<WatchedEvent> persistent = new LinkedBlockingQueue<>();
    zk.addWatch("/pw", recursive::add, AddWatchMode.PERSISTENT_RECURSIVE);
    Watcher persistentWatcher = persistent::add;
    zk.addWatch("/pw", persistentWatcher, AddWatchMode.PERSISTENT);
    ZooKeeper other = fixture.client();
    other.create("/pw/a", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
    other.create("/pw/a/deep", b("d"), Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
    other.setData("/pw/a/deep", b("d2"), -1);
    assertThat(next(recursive)).isEqualTo("NodeCreated /pw/a");
    assertThat(next(recursive)).isEqualTo("NodeCreated /pw/a/deep");
    assertThat(next(recursive)).isEqualTo("NodeDataChanged /pw/a/deep");
    assertThat(next(persistent)).isEqualTo("NodeChildrenChanged /pw");
    other.setData("/pw", b("x"), -1);
    assertThat(next(persistent)).isEqualTo("NodeDataChanged /pw");
    assertThat(next(recursive)).isEqualTo("NodeDataChanged /pw");
    zk.removeWatches("/pw", persistentWatcher, Watcher.WatcherType.Any, false);
    other.setData("/pw", b("y"), -1);
    assertThat(next(recursive)).isEqualTo("NodeDataChanged /pw");
    assertThat(next(persistent)).isEqualTo("PersistentWatchRemoved /pw");
    assertThat(persistent.poll(300, TimeUnit.MILLISECONDS)).as("removed watcher").isNull();
  }

  private static String next(BlockingQueue<WatchedEvent> q) throws InterruptedException {
    WatchedEvent e = q.poll(10, TimeUnit.SECONDS);
    assertThat(e).as("a watch event").isNotNull();
    return e.getType() + " " + e.getPath();
  }

  @Test
  void aclsAndAuthPacketsWorkThroughTheProxy() throws Exception {
    ZooKeeper alice = fixture.client();
    alice.addAuthInfo("digest", b("alice:secret"));
    List<ACL> onlyAlice = new ArrayList<>(List.of(new ACL(ZooDefs.Perms.ALL,
        new Id("digest", DigestAuthenticationProvider.generateDigest("alice:secret")))));
    alice.create("/private", b("for alice"), onlyAlice, CreateMode.PERSISTENT);
    assertThat(alice.getData("/private", false, null)).isEqualTo(b("for alice"));
    assertThatThrownBy(() -> zk.getData("/private", false, null)).isInstanceOf(KeeperException.NoAuthException.class);
    Stat stat = new Stat();
    assertThat(alice.getACL("/private", stat)).isEqualTo(onlyAlice);
    assertThat(stat.getDataLength()).isEqualTo(9);
    alice.setACL("/private", Ids.OPEN_ACL_UNSAFE, stat.getAversion());
    assertThat(zk.getData("/private", false, null)).isEqualTo(b("for alice"));
  }

  @Test
  void invalidPathsAreRefusedWithBadArguments() throws Exception {
    // The Java client validates paths itself; the async API with a raw-ish path goes further.
    assertThatThrownBy(() -> zk.create("/bad//path", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT))
        .isInstanceOf(IllegalArgumentException.class);
    zk.create("/after-bad", b("ok"), Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
    assertThat(zk.getData("/after-bad", false, null)).isEqualTo(b("ok"));
  }
}
