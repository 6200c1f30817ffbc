package io.sereca.keeper;

import static org.assertj.core.api.Assertions.assertThat;

import io.sereca.keeper.vertxnode.ClusterNodeMain;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.zookeeper.ZooKeeper;
import org.junit.jupiter.api.Test;

/**
 * Two Vert.x nodes in their own JVMs cluster through the proxy with the ZooKeeper cluster manager
 * (io.vertx:vertx-zookeeper) and exchange a request/reply; the ZooKeeper server never sees the
 * event-bus address in plaintext (tree, snapshot, transaction log), though the proxy's clients do.
 */
class VertxClusterThroughProxyTest {

  private static final String ADDRESS = "payments.CANARYADDR42";

  @Test
  void vertxNodesClusterThroughTheProxyAndTheServerNeverSeesTheAddress() throws Exception {
    try (KeeperFixture f = KeeperFixture.start()) {
      Process server = node("serve", f.proxy.connectString());
      Process asker = null;
      try {
        BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        String line;
        List<String> seen = new ArrayList<>();
        while ((line = out.readLine()) != null && !line.equals("READY")) {
          seen.add(line);
        }
        assertThat(line).as("serving node output: " + seen).isEqualTo("READY");
        asker = node("ask", f.proxy.connectString());
        assertThat(asker.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String asked = new String(asker.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(asker.exitValue()).as(asked).isZero();
        assertThat(asked).contains("REPLY pong:ping");

        // Through the proxy the cluster manager's state names the address ...
        List<String> plain = new ArrayList<>();
        walk(f.client(), "/", plain);
        assertThat(String.join("\n", plain)).contains(ADDRESS);
        // ... the server itself never sees it.
        List<String> raw = new ArrayList<>();
        walk(f.direct(), "/", raw);
        assertThat(raw).hasSizeGreaterThan(3);
        assertThat(String.join("\n", raw)).doesNotContain("CANARYADDR42").doesNotContain("payments");
        f.server.takeSnapshot();
        try (var files = Files.walk(f.server.dataDirectory())) {
          for (Path p : files.filter(Files::isRegularFile).toList()) {
            String content = new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1);
            assertThat(content).as(p.toString()).doesNotContain("CANARYADDR42");
          }
        }
      } finally {
        server.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        if (asker != null) {
          asker.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
      }
    }
  }

  private static Process node(String mode, String zk) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-cp", System.getProperty("java.class.path"), ClusterNodeMain.class.getName(), mode, zk, ADDRESS);
    pb.redirectError(ProcessBuilder.Redirect.DISCARD);
    return pb.start();
  }

  private static void walk(ZooKeeper zk, String path, List<String> out) throws Exception {
    byte[] data;
    List<String> children;
    try {
      data = zk.getData(path, false, null);
      children = zk.getChildren(path, false);
    } catch (org.apache.zookeeper.KeeperException.NoNodeException gone) {
      return;
    }
    out.add(path + " = " + (data == null ? "" : new String(data, StandardCharsets.ISO_8859_1)));
    for (String child : children) {
      walk(zk, path.equals("/") ? "/" + child : path + "/" + child, out);
    }
  }
}
