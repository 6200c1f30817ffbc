package io.sereca.keeper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooDefs.Ids;
import org.apache.zookeeper.ZooKeeper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A server that alters what it stores gets the client a ZooKeeper error, never garbage. */
class TamperingTest {

  static KeeperFixture fixture;
  static ZooKeeper zk;
  static ZooKeeper direct;

  @BeforeAll
  static void start() throws Exception {
    fixture = KeeperFixture.start();
    zk = fixture.client();
    direct = fixture.direct();
  }

  @AfterAll
  static void stop() throws Exception {
    fixture.close();
  }

  /** Creates {@code name} under the root through the proxy; returns its name on the server. */
  private static String createTopLevel(String name, String value) throws Exception {
    List<String> before = direct.getChildren("/", false);
    zk.create("/" + name, value.getBytes(StandardCharsets.UTF_8), Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
    List<String> after = new ArrayList<>(direct.getChildren("/", false));
    after.removeAll(before);
    assertThat(after).hasSize(1);
    return "/" + after.get(0);
  }

  @Test
  void aTamperedValueIsAMarshallingError() throws Exception {
    String stored = createTopLevel("tampered", "original value");
    byte[] ct = direct.getData(stored, false, null);
    ct[ct.length - 1] ^= 1;
    direct.setData(stored, ct, -1);
    assertThatThrownBy(() -> zk.getData("/tampered", false, null))
        .isInstanceOf(KeeperException.MarshallingErrorException.class);
    // The session lives on.
    assertThat(zk.exists("/tampered", false)).isNotNull();
  }

  @Test
  void aValueCopiedToAnotherZnodeFailsToDecrypt() throws Exception {
    String a = createTopLevel("copy-a", "secret of a");
    String b = createTopLevel("copy-b", "secret of b");
    direct.setData(b, direct.getData(a, false, null), -1);
    assertThatThrownBy(() -> zk.getData("/copy-b", false, null))
        .isInstanceOf(KeeperException.MarshallingErrorException.class);
    assertThat(zk.getData("/copy-a", false, null)).isEqualTo("secret of a".getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aForeignChildNameIsAMarshallingErrorForItsParentOnly() throws Exception {
    String parent = createTopLevel("names", "p");
    zk.create("/names/good", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
    direct.create(parent + "/not-a-ciphertext", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
    assertThatThrownBy(() -> zk.getChildren("/names", false))
        .isInstanceOf(KeeperException.MarshallingErrorException.class);
    assertThat(zk.getData("/names/good", false, null)).isNull();
  }

  @Test
  void aValueWrittenInPlaintextBehindTheProxyIsRefused() throws Exception {
    String stored = createTopLevel("plain-behind", "x");
    direct.setData(stored, "injected plaintext value".getBytes(StandardCharsets.UTF_8), -1);
    assertThatThrownBy(() -> zk.getData("/plain-behind", false, null))
        .isInstanceOf(KeeperException.MarshallingErrorException.class);
  }
}
