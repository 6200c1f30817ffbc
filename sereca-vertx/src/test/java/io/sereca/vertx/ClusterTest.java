package io.sereca.vertx;

import static org.assertj.core.api.Assertions.assertThat;

import io.sereca.attestation.AttestationPolicy;
import io.sereca.attestation.SimulationAuthority;
import io.sereca.bus.ClusterTls;
import io.sereca.bus.DevPki;
import io.sereca.enclave.bus.KeyRing;
import io.sereca.enclave.bus.ReplayWindow;
import io.sereca.enclave.bus.RouteCipher;
import io.sereca.enclave.bus.RouteKey;
import io.sereca.enclave.bus.RouteTable;
import io.sereca.host.EnclaveBundle;
import io.sereca.host.EnclaveHost;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.core.eventbus.Message;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Multi-process clusters on loopback: this JVM (dev provisioner and a regular participant) plus
 * secure and regular nodes in separate JVMs, clustered with Hazelcast over TCP/IP on 127.0.0.1.
 */
class ClusterTest {

  @TempDir Path dir;
  final List<Process> nodes = new ArrayList<>();
  Vertx vertx;
  final RouteKey key = RouteKey.generate("vault-key", 1);
  final RouteTable routes = RouteTable.parse("vault.* = vault-key");
  RouteCipher regular;

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /** Event-bus TLS with mutual authentication, from the dev PKI in {@code tlsDir}. */
  static EventBusOptions tlsOptions(Path tlsDir, String node) {
    return ClusterTls.eventBusOptions(tlsDir.resolve(DevPki.CA_CERTIFICATE), tlsDir.resolve(node + ".pem"),
        tlsDir.resolve(node + "-key.pem"));
  }

  @AfterEach
  void tearDown() throws Exception {
    for (Process p : nodes) {
      p.destroyForcibly();
    }
    for (Process p : nodes) {
      p.waitFor(10, TimeUnit.SECONDS);
    }
    if (vertx != null) {
      vertx.close().await(30, TimeUnit.SECONDS);
    }
  }

  private Process startNode(int port, List<Integer> members, String role, Path bundle, String backend,
      Path tlsDir) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-XX:+UseSerialGC",
        "-cp", System.getProperty("java.class.path"),
        ClusterNode.class.getName(),
        Integer.toString(port), joinPorts(members), role, dir.resolve("data").toString(),
        bundle.toString(), backend, Base64.getEncoder().encodeToString(key.material())));
    if (tlsDir != null) {
      cmd.add(tlsDir.toString());
    }
    Process p = new ProcessBuilder(cmd).redirectError(dir.resolve("node-" + port + ".log").toFile()).start();
    nodes.add(p);
    BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    long deadline = System.currentTimeMillis() + 120_000;
    String line;
    while ((line = out.readLine()) != null) {
      if (line.equals("READY")) {
        return p;
      }
      if (System.currentTimeMillis() > deadline) {
        break;
      }
    }
    throw new AssertionError("node " + role + " on " + port + " did not become ready; see " + dir.resolve("node-" + port + ".log")
        + ":\n" + tail(dir.resolve("node-" + port + ".log")));
  }

  private static String tail(Path log) {
    try {
      List<String> lines = java.nio.file.Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return "(no log)";
    }
  }

  private static String joinPorts(List<Integer> ports) {
    StringBuilder sb = new StringBuilder();
    for (int p : ports) {
      sb.append(sb.length() == 0 ? "" : ",").append(p);
    }
    return sb.toString();
  }

  /** Starts this JVM's member with the dev provisioner, and the regular participant's cipher. */
  private void startLocal(int port, List<Integer> members, Path bundle, EventBusOptions eb) throws Exception {
    startLocal(port, members, List.of(bundle), eb);
  }

  private void startLocal(int port, List<Integer> members, List<Path> bundles, EventBusOptions eb) throws Exception {
    SimulationAuthority.open(EnclaveHost.simulationDirectory(dir.resolve("data")));
    vertx = Clustering.start(Clustering.loopbackHazelcast(port, members), eb).await(60, TimeUnit.SECONDS);
    AttestationPolicy policy = new AttestationPolicy().setAllowSimulation(true)
        .setSimulationRoot(EnclaveHost.simulationDirectory(dir.resolve("data")).resolve(SimulationAuthority.ROOT_CERTIFICATE_FILE));
    for (Path bundle : bundles) {
      policy.addAllowedMeasurement(EnclaveBundle.load(bundle).identity().measurementHex());
    }
    vertx.deployVerticle(new DevProvisioner(DevProvisioner.DEFAULT_ADDRESS, routes, List.of(key), policy))
        .await(30, TimeUnit.SECONDS);
    KeyRing ring = new KeyRing(60_000);
    ring.add(key, System.currentTimeMillis());
    regular = new RouteCipher(RouteCipher.newSenderId("test-jvm"), routes, ring, new ReplayWindow(),
        30_000, System::currentTimeMillis);
  }

  private String echo(String text) throws Exception {
    RouteCipher.Sealed req = regular.seal("vault.echo", RouteCipher.Kind.REQUEST, Map.of(),
        text.getBytes(StandardCharsets.UTF_8), new byte[0]);
    Message<Buffer> reply = vertx.eventBus().<Buffer>request("vault.echo", Buffer.buffer(req.envelope()))
        .await(20, TimeUnit.SECONDS);
    return new String(regular.open("vault.echo", reply.body().getBytes(), req.replyBinding()).body(),
        StandardCharsets.UTF_8);
  }

  @ParameterizedTest
  @ValueSource(strings = {"sim", "process"})
  void twoNodesRegularToSecureAndSecureToRegular(String backend) throws Exception {
    Path bundle = VaultBundles.write(dir);
    int local = freePort();
    int secure = freePort();
    List<Integer> members = List.of(local, secure);
    startLocal(local, members, bundle, new EventBusOptions());
    startNode(secure, members, "secure", bundle, backend, null);

    assertThat(echo("across the cluster")).isEqualTo("enclave saw: across the cluster");

    // Secure to regular: the enclave requests vault.peer, served in this JVM with the route key.
    vertx.eventBus().<Buffer>consumer("vault.peer", m -> {
      try {
        RouteCipher.Opened r = regular.open("vault.peer", m.body().getBytes(), new byte[0]);
        m.reply(Buffer.buffer(regular.seal("vault.peer", RouteCipher.Kind.REPLY, Map.of(),
            ("hi " + new String(r.body(), StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8),
            r.replyBinding()).envelope()));
      } catch (Exception e) {
        m.fail(400, e.getMessage());
      }
    }).completion().await(20, TimeUnit.SECONDS);
    RouteCipher.Sealed ask = regular.seal("vault.ask", RouteCipher.Kind.REQUEST, Map.of(),
        "enclave".getBytes(StandardCharsets.UTF_8), new byte[0]);
    Message<Buffer> reply = vertx.eventBus().<Buffer>request("vault.ask", Buffer.buffer(ask.envelope()))
        .await(20, TimeUnit.SECONDS);
    assertThat(new String(regular.open("vault.ask", reply.body().getBytes(), ask.replyBinding()).body(),
        StandardCharsets.UTF_8)).isEqualTo("peer said: hi enclave");
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void threeNodesSecureToSecurePublishToManyAndSurviveAKilledNode(boolean tls) throws Exception {
    Path bundle = VaultBundles.write(dir);
    Path tlsDir = null;
    EventBusOptions localBus = new EventBusOptions();
    int local = freePort();
    int a = freePort();
    int b = freePort();
    List<Integer> members = List.of(local, a, b);
    if (tls) {
      tlsDir = dir.resolve("tls");
      DevPki pki = DevPki.open(tlsDir);
      for (int p : members) {
        pki.issueNode("node-" + p);
      }
      localBus = tlsOptions(tlsDir, "node-" + local);
    }
    Path chain = VaultBundles.write(dir, "ChainApp");
    startLocal(local, members, List.of(bundle, chain), localBus);
    Process nodeA = startNode(a, members, "secure", bundle, "sim", tlsDir);
    startNode(b, members, "secure", bundle, "process", tlsDir);

    // Secure to secure across JVMs: the ChainApp enclave here asks the VaultApp enclaves there.
    vertx.deployVerticle(new SecureVerticle(), new io.vertx.core.DeploymentOptions().setConfig(
        new SecureVerticleOptions().setBundle(chain.toString()).setDataDirectory(dir.resolve("data").toString())
            .setProvisioner(DevProvisioner.DEFAULT_ADDRESS).toJson())).await(60, TimeUnit.SECONDS);
    RouteCipher.Sealed chained = regular.seal("vault.chain", RouteCipher.Kind.REQUEST, Map.of(),
        "relay me".getBytes(StandardCharsets.UTF_8), new byte[0]);
    Message<Buffer> chainReply = vertx.eventBus().<Buffer>request("vault.chain", Buffer.buffer(chained.envelope()))
        .await(20, TimeUnit.SECONDS);
    assertThat(new String(regular.open("vault.chain", chainReply.body().getBytes(), chained.replyBinding()).body(),
        StandardCharsets.UTF_8)).isEqualTo("chained: enclave saw: relay me");

    // Publish to many: both enclaves publish the upper-cased text on vault.out; two local listeners.
    Map<String, AtomicInteger> received = new ConcurrentHashMap<>();
    List<String> seenOnWire = new java.util.concurrent.CopyOnWriteArrayList<>();
    for (int i = 0; i < 2; i++) {
      int listener = i;
      // Each listener is its own participant, with its own replay window.
      KeyRing ring = new KeyRing(60_000);
      ring.add(key, System.currentTimeMillis());
      RouteCipher receiver = new RouteCipher(RouteCipher.newSenderId("listener-" + i), routes, ring,
          new ReplayWindow(), 30_000, System::currentTimeMillis);
      vertx.eventBus().<Buffer>consumer("vault.out", m -> {
        byte[] bytes = m.body().getBytes();
        seenOnWire.add(new String(bytes, StandardCharsets.ISO_8859_1));
        try {
          String text = new String(receiver.open("vault.out", bytes, new byte[0]).body(), StandardCharsets.UTF_8);
          received.computeIfAbsent(listener + ":" + text, k -> new AtomicInteger()).incrementAndGet();
        } catch (Exception e) {
          received.computeIfAbsent(listener + ":rejected", k -> new AtomicInteger()).incrementAndGet();
        }
      }).completion().await(20, TimeUnit.SECONDS);
    }
    // Both secure nodes answer (round robin) and both deliver into their enclaves.
    Set<String> answered = new HashSet<>();
    for (int i = 0; i < 6; i++) {
      answered.add(echo("ping " + i));
    }
    assertThat(answered).hasSize(6);

    // Secure to secure: a stream into vault.in (point to point, round robin over the two enclaves);
    // kill node A half way. Every delivered message must arrive once, and the stream must go on.
    int total = 60;
    for (int i = 0; i < total; i++) {
      if (i == total / 2) {
        nodeA.destroyForcibly();
        nodeA.waitFor(10, TimeUnit.SECONDS);
      }
      vertx.eventBus().send("vault.in", Buffer.buffer(regular.seal("vault.in", RouteCipher.Kind.SEND, Map.of(),
          ("msg-" + i).getBytes(StandardCharsets.UTF_8), new byte[0]).envelope()));
      Thread.sleep(50);
    }
    Thread.sleep(3000);
    Map<String, Integer> perMessage = new HashMap<>();
    received.forEach((k, v) -> {
      if (k.startsWith("0:MSG-")) {
        perMessage.put(k.substring(2), v.get());
      }
    });
    assertThat(received).doesNotContainKeys("0:rejected", "1:rejected");
    // Publish reaches both listeners: each saw the same messages.
    perMessage.keySet().forEach(m -> assertThat(received).containsKey("1:" + m));
    assertThat(perMessage.values()).as("no message delivered twice").allMatch(n -> n == 1);
    // After the kill, the surviving enclave keeps handling the stream.
    assertThat(perMessage.keySet()).as("messages after the kill")
        .anyMatch(m -> Integer.parseInt(m.substring(4)) > total / 2 + 5);
    assertThat(perMessage.size()).isGreaterThanOrEqualTo(total / 2);
    assertThat(seenOnWire).noneMatch(s -> s.contains("MSG-") || s.contains("msg-"));
    assertThat(echo("still there")).isEqualTo("enclave saw: still there");
  }
}
