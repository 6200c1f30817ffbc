package io.sereca.keeper;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.ZooDefs.Ids;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.Stat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ProxyBasicsTest {

  static KeeperFixture fixture;

  @BeforeAll
  static void start() throws Exception {
    fixture = KeeperFixture.start();
  }

  @AfterAll
  static void stop() throws Exception {
    fixture.close();
  }

  @Test
  void createThenGetDataReturnsThePlaintextAndTheServerHoldsCiphertext() throws Exception {
    ZooKeeper zk = fixture.client();
    byte[] value = "hello keeper".getBytes(StandardCharsets.UTF_8);
    String created = zk.create("/basics", value, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
    assertThat(created).isEqualTo("/basics");
    Stat stat = new Stat();
    assertThat(zk.getData("/basics", false, stat)).isEqualTo(value);
    assertThat(stat.getDataLength()).isEqualTo(value.length);

    ZooKeeper direct = fixture.direct();
    assertThat(direct.getChildren("/", false)).doesNotContain("basics").contains("zookeeper");
    assertThat(zk.getChildren("/", false)).contains("basics", "zookeeper");
  }
}
