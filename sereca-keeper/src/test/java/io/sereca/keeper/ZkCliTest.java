package io.sereca.keeper;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.ZooKeeperMain;
import org.junit.jupiter.api.Test;

/** zkCli (ZooKeeperMain), unmodified, through the proxy. */
class ZkCliTest {

  // zkCli's commands keep the System.out they saw when ZooKeeperMain was first loaded.
  private static final ByteArrayOutputStream CAPTURED = new ByteArrayOutputStream();

  @Test
  void zkCliCommandsWorkThroughTheProxy() throws Exception {
    PrintStream original = System.out;
    System.setOut(new PrintStream(CAPTURED, true, StandardCharsets.UTF_8));
    try (KeeperFixture f = KeeperFixture.start()) {
      ZooKeeper zk = f.client();
      ZooKeeperMain cli = new ZooKeeperMain(zk);
      String out = run(cli,
          "create /zkcli hello",
          "create -s /zkcli/seq- x",
          "create -e /zkcli/eph e",
          "ls /zkcli",
          "get /zkcli",
          "set /zkcli world!",
          "get -s /zkcli",
          "getAllChildrenNumber /zkcli",
          "ls -R /zkcli");
      // ("Created ..." goes to standard error.)
      assertThat(out).containsPattern("\\[eph, seq-\\d{10}\\]|\\[seq-\\d{10}, eph\\]")
          .contains("hello")
          .contains("world!")
          .contains("dataLength = 6")
          .contains("/zkcli/eph")
          .containsPattern("/zkcli/seq-\\d{10}");
      String after = run(cli, "deleteall /zkcli", "ls /");
      assertThat(after).doesNotContain("zkcli").contains("zookeeper");
      assertThat(String.join(" ", f.direct().getChildren("/", false))).doesNotContain("zkcli");
    } finally {
      System.setOut(original);
    }
  }

  private static String run(ZooKeeperMain cli, String... lines) throws Exception {
    CAPTURED.reset();
    for (String line : lines) {
      cli.executeLine(line);
    }
    return CAPTURED.toString(StandardCharsets.UTF_8);
  }
}
