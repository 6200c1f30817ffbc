package io.sereca.keeper;

import static org.assertj.core.api.Assertions.assertThat;

import io.sereca.bus.DevPki;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooDefs.Ids;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.client.ZKClientConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TLS between clients and the proxy, with the ZooKeeper client's own TLS settings. */
class TlsTest {

  @TempDir
  Path tmp;

  @Test
  void tlsClientsWorkAndPlaintextOrCertificatelessClientsAreRefused() throws Exception {
    DevPki pki = DevPki.open(tmp.resolve("pki"));
    DevPki.NodeCredentials proxyCert = pki.issueNode("keeper-proxy");
    DevPki.NodeCredentials clientCert = pki.issueNode("zk-client");
    try (KeeperFixture f = KeeperFixture.start()) {
      f.stopProxy();
      f.proxy = KeeperFixture.await(KeeperProxy.start(f.vertx, f.options()
          .setKeyCertOptions(new PemKeyCertOptions()
              .setCertPath(proxyCert.certificate().toString()).setKeyPath(proxyCert.privateKey().toString()))
          .setClientTrustOptions(new PemTrustOptions().addCertPath(pki.caCertificateFile().toString()))));
      assertThat(f.proxy.tls()).isTrue();

      Path clientPem = tmp.resolve("client-key-and-cert.pem");
      Files.writeString(clientPem, Files.readString(clientCert.privateKey()) + Files.readString(clientCert.certificate()));
      ZooKeeper zk = connect(f.proxy.connectString(), tls(pki.caCertificateFile(), clientPem), 30);
      assertThat(zk).as("TLS client connected").isNotNull();
      try {
        zk.create("/tls", "over TLS".getBytes(StandardCharsets.UTF_8), Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        assertThat(zk.getData("/tls", false, null)).isEqualTo("over TLS".getBytes(StandardCharsets.UTF_8));
      } finally {
        zk.close();
      }
      ZooKeeper plain = connect(f.proxy.connectString(), new ZKClientConfig(), 3);
      assertThat(plain).as("plaintext client on the TLS port").isNull();
      ZooKeeper noCert = connect(f.proxy.connectString(), tls(pki.caCertificateFile(), null), 3);
      assertThat(noCert).as("TLS client without a certificate").isNull();
      // The server behind still holds ciphertext only.
      assertThat(f.direct().getChildren("/", false)).doesNotContain("tls");
    }
  }

  private static ZKClientConfig tls(Path caPem, Path keyAndCertPem) {
    ZKClientConfig c = new ZKClientConfig();
    c.setProperty(ZKClientConfig.SECURE_CLIENT, "true");
    c.setProperty(ZKClientConfig.ZOOKEEPER_CLIENT_CNXN_SOCKET, "org.apache.zookeeper.ClientCnxnSocketNetty");
    c.setProperty("zookeeper.ssl.trustStore.location", caPem.toString());
    c.setProperty("zookeeper.ssl.trustStore.type", "PEM");
    if (keyAndCertPem != null) {
      c.setProperty("zookeeper.ssl.keyStore.location", keyAndCertPem.toString());
      c.setProperty("zookeeper.ssl.keyStore.type", "PEM");
    }
    return c;
  }

  /** A connected client, or null if it did not connect within {@code seconds}. */
  private static ZooKeeper connect(String connectString, ZKClientConfig config, int seconds) throws Exception {
    CountDownLatch connected = new CountDownLatch(1);
    ZooKeeper zk = new ZooKeeper(connectString, 30_000, e -> {
      if (e.getState() == Watcher.Event.KeeperState.SyncConnected) {
        connected.countDown();
      }
    }, config);
    if (connected.await(seconds, TimeUnit.SECONDS)) {
      return zk;
    }
    zk.close();
    return null;
  }
}
