package io.sereca.keeper;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.Op;
import org.apache.zookeeper.ZooDefs.Ids;
import org.apache.zookeeper.ZooKeeper;
import org.junit.jupiter.api.Test;

/**
 * ZooKeeper never sees plaintext: canary strings written through the proxy, in paths and values,
 * appear neither in the server's tree (walked by a direct client) nor in its snapshot and
 * transaction-log files.
 */
class CanaryTest {

  private static final String PATH_CANARY = "CANARYPATH7f3a";
  private static final String DATA_CANARY = "CANARYDATA91bc";

  @Test
  void noCanaryReachesTheServerTreeSnapshotsOrLogs() throws Exception {
    try (KeeperFixture f = KeeperFixture.start()) {
      ZooKeeper zk = f.client();
      byte[] data = ("value with " + DATA_CANARY + " inside").getBytes(StandardCharsets.UTF_8);
      zk.create("/" + PATH_CANARY, data, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
      zk.create("/" + PATH_CANARY + "/child-" + PATH_CANARY, data, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
      zk.create("/" + PATH_CANARY + "/" + PATH_CANARY + "-seq-", data, Ids.OPEN_ACL_UNSAFE,
          CreateMode.PERSISTENT_SEQUENTIAL);
      zk.create("/" + PATH_CANARY + "/eph-" + PATH_CANARY, data, Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL);
      zk.setData("/" + PATH_CANARY, data, -1);
      zk.multi(List.of(
          Op.create("/multi-" + PATH_CANARY, data, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT),
          Op.setData("/multi-" + PATH_CANARY, data, 0)));
      assertThat(zk.getChildren("/" + PATH_CANARY, false)).hasSize(3);

      // Positive control: a canary written straight to the server is found by the same scans.
      String control = "CONTROLCANARY5e2d";
      ZooKeeper direct = f.direct();
      direct.create("/" + control, control.getBytes(StandardCharsets.UTF_8), Ids.OPEN_ACL_UNSAFE,
          CreateMode.PERSISTENT);

      List<String> tree = new ArrayList<>();
      walk(direct, "/", tree);
      assertThat(String.join("\n", tree)).contains(control).doesNotContain(PATH_CANARY).doesNotContain(DATA_CANARY);
      assertThat(tree).hasSizeGreaterThan(8);

      f.server.takeSnapshot();
      Path files = f.server.dataDirectory();
      List<Path> logs = CanaryScan.list(files, "log.");
      List<Path> snapshots = CanaryScan.list(files, "snapshot.");
      assertThat(logs).isNotEmpty();
      assertThat(snapshots).isNotEmpty();
      assertThat(CanaryScan.containsAnywhere(logs, control)).as("control canary in the transaction log").isTrue();
      assertThat(CanaryScan.containsAnywhere(snapshots, control)).as("control canary in the snapshot").isTrue();
      for (String canary : List.of(PATH_CANARY, DATA_CANARY)) {
        assertThat(CanaryScan.containsAnywhere(logs, canary)).as(canary + " in a transaction log").isFalse();
        assertThat(CanaryScan.containsAnywhere(snapshots, canary)).as(canary + " in a snapshot").isFalse();
      }
    }
  }

  private static void walk(ZooKeeper zk, String path, List<String> out) throws Exception {
    byte[] data = zk.getData(path, false, null);
    out.add(path + " = " + (data == null ? "" : new String(data, StandardCharsets.ISO_8859_1)));
    for (String child : zk.getChildren(path, false)) {
      walk(zk, path.equals("/") ? "/" + child : path + "/" + child, out);
    }
  }
}
