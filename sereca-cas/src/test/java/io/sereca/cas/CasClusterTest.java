package io.sereca.cas;

import static io.sereca.cas.CasFixture.ALICE;
import static io.sereca.cas.CasFixture.BOB;
import static io.sereca.cas.CasFixture.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.sereca.bus.ClusterTls;
import io.sereca.bus.DevPki;
import io.sereca.vertx.Clustering;
import io.sereca.vertx.SecureVerticle;
import io.sereca.vertx.SecureVerticleOptions;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CAS on a real cluster: two JVM processes clustered with Hazelcast over mutually
 * authenticated TLS; the CAS and the back service in this one, the front service in the other.
 * The front enclave's request crosses the cluster encrypted under a key both got only from the CAS.
 */
class CasClusterTest {

  @TempDir Path dir;
  private final List<Process> nodes = new ArrayList<>();
  private Vertx vertx;

  @AfterEach
  void tearDown() throws Exception {
    for (Process p : nodes) {
      p.getOutputStream().close();
      if (!p.waitFor(20, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    }
    if (vertx != null) {
      vertx.close().await(30, TimeUnit.SECONDS);
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  @Test
  void secureVerticlesOnTwoNodesTalkWithKeysFromTheCasOnly() throws Exception {
    Path data = dir.resolve("data");
    Path tls = dir.resolve("tls");
    int local = freePort();
    int remote = freePort();
    DevPki pki = DevPki.open(tls);
    pki.issueNode("node-" + local, "127.0.0.1");
    pki.issueNode("node-" + remote, "127.0.0.1");
    List<Integer> members = List.of(local, remote);
    vertx = Clustering.start(Clustering.loopbackHazelcast(local, members), ClusterTls.eventBusOptions(
        tls.resolve(DevPki.CA_CERTIFICATE), tls.resolve("node-" + local + ".pem"), tls.resolve("node-" + local + "-key.pem")))
        .await(60, TimeUnit.SECONDS);
    CasFixture cas = new CasFixture(data, vertx);
    try {
      cas.start();
      CasClient client = cas.client();
      Path front = CasFixture.bundle(dir, "FrontApp", 1);
      Path back = CasFixture.bundle(dir, "BackApp", 1);
      byte[] m = CasEndToEndTest.manifest(CasFixture.measurement(front), CasFixture.measurement(back))
          .getBytes(StandardCharsets.UTF_8);
      client.setManifest(m, CasFixture.sign(null, m, Map.of("alice", ALICE, "bob", BOB)));
      client.putSecret(cas.verify(client), "dbPassword", "s3cret".getBytes(StandardCharsets.UTF_8), "alice", ALICE.getPrivate());
      await(vertx.deployVerticle(new SecureVerticle(), new DeploymentOptions().setConfig(new SecureVerticleOptions()
          .setBundle(back.toString()).setService("back").setProvisioner(CasOptions.DEFAULT_BUS_ADDRESS)
          .setDataDirectory(data.toString()).toJson())));
      startNode(remote, members, data, tls, front, "front");

      String reply = vertx.eventBus().<Buffer>request("front.ask", Buffer.buffer("?"),
          new DeliveryOptions().setSendTimeout(30_000)).await(60, TimeUnit.SECONDS).body().toString();
      assertThat(reply).contains("env.DB_PASSWORD=s3cret", "file=password=s3cret");
      String echo = vertx.eventBus().<Buffer>request("front.echo", Buffer.buffer("across the cluster"),
          new DeliveryOptions().setSendTimeout(30_000)).await(60, TimeUnit.SECONDS).body().toString();
      assertThat(echo).isEqualTo("back saw: across the cluster");
    } finally {
      cas.stop();
    }
  }

  private void startNode(int port, List<Integer> members, Path data, Path tls, Path bundle, String service)
      throws Exception {
    List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
        CasClusterNode.class.getName(), Integer.toString(port),
        members.stream().map(String::valueOf).reduce((a, b) -> a + "," + b).orElseThrow(),
        data.toString(), tls.toString(), bundle.toString(), service);
    Process p = new ProcessBuilder(cmd).redirectError(dir.resolve("node-" + port + ".log").toFile()).start();
    nodes.add(p);
    BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    long deadline = System.currentTimeMillis() + 120_000;
    String line;
    while ((line = out.readLine()) != null) {
      if (line.equals("READY")) {
        return;
      }
      if (System.currentTimeMillis() > deadline) {
        break;
      }
    }
    throw new IllegalStateException("node " + port + " did not start; see " + dir.resolve("node-" + port + ".log"));
  }
}
