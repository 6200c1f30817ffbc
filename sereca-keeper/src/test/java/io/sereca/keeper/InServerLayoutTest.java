package io.sereca.keeper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import io.vertx.core.net.PemKeyCertOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Op;
import org.apache.zookeeper.ZooDefs.Ids;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.Stat;
import org.apache.zookeeper.server.DataTree;
import org.junit.jupiter.api.Test;

/**
 * The in-server layout: the crypto in ZooKeeper's own client channels. The server's tree,
 * snapshots and logs hold no plaintext; a value it alters is a ZooKeeper error; the layout's
 * options are checked.
 */
class InServerLayoutTest {

  private static final String PATH_CANARY = "CANARYPATHb41e";
  private static final String DATA_CANARY = "CANARYDATA0c7d";

  @Test
  void noCanaryReachesTheServersTreeSnapshotsOrLogs() throws Exception {
    try (KeeperFixture f = KeeperFixture.startInServer()) {
      ZooKeeper zk = f.client();
      byte[] data = ("value with " + DATA_CANARY + " inside").getBytes(StandardCharsets.UTF_8);
      zk.create("/" + PATH_CANARY, data, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
      zk.create("/" + PATH_CANARY + "/child-" + PATH_CANARY, data, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
      String seq = zk.create("/" + PATH_CANARY + "/" + PATH_CANARY + "-seq-", data, Ids.OPEN_ACL_UNSAFE,
          CreateMode.PERSISTENT_SEQUENTIAL);
      assertThat(seq).matches("/" + PATH_CANARY + "/" + PATH_CANARY + "-seq-\\d{10}");
      zk.create("/" + PATH_CANARY + "/eph-" + PATH_CANARY, data, Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL);
      zk.multi(List.of(
          Op.create("/multi-" + PATH_CANARY, data, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT),
          Op.setData("/multi-" + PATH_CANARY, data, 0)));
      Stat stat = new Stat();
      assertThat(zk.getData("/" + PATH_CANARY, false, stat)).isEqualTo(data);
      assertThat(stat.getDataLength()).as("plaintext length").isEqualTo(data.length);
      assertThat(zk.getChildren("/" + PATH_CANARY, false)).hasSize(3);

      List<String> tree = new ArrayList<>();
      walk(f.server.dataTree(), "/", tree);
      // Positive control: ZooKeeper's own node is there in plaintext, ours are not.
      assertThat(String.join("\n", tree)).contains("/zookeeper").doesNotContain(PATH_CANARY)
          .doesNotContain(DATA_CANARY);
      assertThat(tree).hasSizeGreaterThan(7);

      f.server.takeSnapshot();
      List<Path> logs = CanaryScan.list(f.server.dataDirectory(), "log.");
      List<Path> snapshots = CanaryScan.list(f.server.dataDirectory(), "snapshot.");
      assertThat(logs).isNotEmpty();
      assertThat(snapshots).isNotEmpty();
      // Positive control: the ACL id "anyone" of every create is stored in plaintext.
      assertThat(CanaryScan.containsAnywhere(logs, "anyone")).as("control string in the log").isTrue();
      assertThat(CanaryScan.containsAnywhere(snapshots, "anyone")).as("control string in the snapshot").isTrue();
      for (String canary : List.of(PATH_CANARY, DATA_CANARY)) {
        assertThat(CanaryScan.containsAnywhere(logs, canary)).as(canary + " in a transaction log").isFalse();
        assertThat(CanaryScan.containsAnywhere(snapshots, canary)).as(canary + " in a snapshot").isFalse();
      }
    }
  }

  @Test
  void aValueTheServerAltersOrMovesIsAMarshallingError() throws Exception {
    try (KeeperFixture f = KeeperFixture.startInServer()) {
      ZooKeeper zk = f.client();
      DataTree tree = f.server.dataTree();
      String a = createTopLevel(zk, tree, "tamper-a", "secret of a");
      String b = createTopLevel(zk, tree, "tamper-b", "secret of b");

      byte[] ct = tree.getData(a, new Stat(), null);
      ct[ct.length - 1] ^= 1;
      tree.setData(a, ct, -1, 0, System.currentTimeMillis());
      assertThatThrownBy(() -> zk.getData("/tamper-a", false, null))
          .isInstanceOf(KeeperException.MarshallingErrorException.class);

      tree.setData(b, tree.getData(a, new Stat(), null), -1, 0, System.currentTimeMillis());
      assertThatThrownBy(() -> zk.getData("/tamper-b", false, null))
          .isInstanceOf(KeeperException.MarshallingErrorException.class);
      // The session lives on.
      assertThat(zk.exists("/tamper-a", false)).isNotNull();
      zk.create("/after", "fine".getBytes(StandardCharsets.UTF_8), Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
      assertThat(zk.getData("/after", false, null)).isEqualTo("fine".getBytes(StandardCharsets.UTF_8));
    }
  }

  /**
   * On {@code process} the crypto completes on another thread, after the read or write that
   * carried the frame: requests and replies must still keep their order, nothing lost, and a
   * session closed with replies in flight still gets them first.
   */
  @Test
  void withTheCryptoCoreInItsOwnJvmPipelinedRequestsKeepTheirOrder() throws Exception {
    try (KeeperFixture f = KeeperFixture.startInServer("process")) {
      ZooKeeper zk = f.client();
      zk.create("/pipelined", new byte[0], Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
      int n = 300;
      CountDownLatch done = new CountDownLatch(n);
      List<String> order = Collections.synchronizedList(new ArrayList<>());
      List<Integer> errors = Collections.synchronizedList(new ArrayList<>());
      for (int i = 0; i < n; i++) {
        String v = "value-" + i;
        if (i % 2 == 0) {
          zk.setData("/pipelined", v.getBytes(StandardCharsets.UTF_8), -1, (rc, path, ctx, st) -> {
            order.add("set " + ctx);
            if (rc != 0) {
              errors.add(rc);
            }
            done.countDown();
          }, v);
        } else {
          zk.getData("/pipelined", false, (rc, path, ctx, bytes, st) -> {
            // Each read follows the write just before it on this session.
            order.add("get " + (bytes == null ? null : new String(bytes, StandardCharsets.UTF_8)));
            if (rc != 0) {
              errors.add(rc);
            }
            done.countDown();
          }, null);
        }
      }
      assertThat(done.await(60, TimeUnit.SECONDS)).isTrue();
      assertThat(errors).isEmpty();
      List<String> expected = new ArrayList<>();
      for (int i = 0; i < n; i += 2) {
        expected.add("set value-" + i);
        expected.add("get value-" + i);
      }
      assertThat(order).containsExactlyElementsOf(expected);

      // Closing right after a burst: ZooKeeper flushes, then closes; the replies come first.
      ZooKeeper other = f.client();
      AtomicInteger answered = new AtomicInteger();
      CountDownLatch called = new CountDownLatch(50);
      for (int i = 0; i < 50; i++) {
        other.getData("/pipelined", false, (rc, path, ctx, bytes, st) -> {
          if (rc == 0) {
            answered.incrementAndGet();
          }
          called.countDown();
        }, null);
      }
      other.close(10_000);
      // A reply lost at the close would call back with CONNECTIONLOSS instead.
      assertThat(called.await(30, TimeUnit.SECONDS)).isTrue();
      assertThat(answered.get()).as("replies before the session's close").isEqualTo(50);
      assertThat(zk.getData("/pipelined", false, null)).isEqualTo(("value-" + (n - 2)).getBytes(StandardCharsets.UTF_8));
    }
  }

  @Test
  void theLayoutNeedsAnEmbeddedServerAndRefusesTls() throws Exception {
    Path dir = Files.createTempDirectory("sereca-keeper-inserver-");
    Vertx vertx = Vertx.vertx();
    try {
      KeeperProxyOptions base = new KeeperProxyOptions().setInServer(true).setPort(0)
          .setDataDirectory(dir.resolve("proxy")).setPlatformDirectory(dir.resolve("platform"));
      assertThatThrownBy(() -> KeeperFixture.await(KeeperProxy.start(vertx,
          new KeeperProxyOptions(base).setZookeeper("127.0.0.1:2181"))))
          .isInstanceOf(ExecutionException.class).hasMessageContaining("set embedded too");
      assertThatThrownBy(() -> KeeperFixture.await(KeeperProxy.start(vertx, new KeeperProxyOptions(base)
          .setEmbedded(true).setKeyCertOptions(new PemKeyCertOptions().setCertPath("c.pem").setKeyPath("k.pem")))))
          .isInstanceOf(ExecutionException.class).hasMessageContaining("TLS is not available in the in-server layout");
      assertThat(new KeeperProxyOptions(base.toJson()).isInServer()).isTrue();
    } finally {
      KeeperFixture.await(vertx.close());
      KeeperFixture.deleteTree(dir);
    }
  }

  /** Creates {@code /name} through the codec; returns its (encrypted) path in the server's tree. */
  private static String createTopLevel(ZooKeeper zk, DataTree tree, String name, String value) throws Exception {
    List<String> before = tree.getChildren("/", new Stat(), null);
    zk.create("/" + name, value.getBytes(StandardCharsets.UTF_8), Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
    List<String> after = new ArrayList<>(tree.getChildren("/", new Stat(), null));
    after.removeAll(before);
    assertThat(after).hasSize(1);
    assertThat(after.get(0)).isNotEqualTo(name);
    return "/" + after.get(0);
  }

  private static void walk(DataTree tree, String path, List<String> out) throws Exception {
    byte[] data = tree.getData(path, new Stat(), null);
    out.add(path + " = " + (data == null ? "" : new String(data, StandardCharsets.ISO_8859_1)));
    for (String child : tree.getChildren(path, new Stat(), null)) {
      walk(tree, path.equals("/") ? "/" + child : path + "/" + child, out);
    }
  }
}
