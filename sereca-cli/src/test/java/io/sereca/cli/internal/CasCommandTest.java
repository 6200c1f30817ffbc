package io.sereca.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.sereca.cas.CasOptions;
import io.sereca.cas.CasServer;
import io.sereca.cli.Cli;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code sereca cas} client commands against a running CAS, and {@code cas serve} itself. */
class CasCommandTest {

  @TempDir Path tmp;
  private Vertx vertx;
  private CasServer server;
  private String[] connection;

  @BeforeEach
  void startCas() throws Exception {
    vertx = Vertx.vertx();
    server = new CasServer(new CasOptions().setDataDirectory(tmp.resolve("data")).setPort(0));
    vertx.deployVerticle(server).await(120, TimeUnit.SECONDS);
    connection = new String[] {"--data-dir", tmp.resolve("data").toString(),
        "--url", "https://127.0.0.1:" + server.actualPort(), "--expect-measurement", server.measurement(),
        "--allow-simulation"};
  }

  @AfterEach
  void stopCas() throws Exception {
    vertx.close().await(60, TimeUnit.SECONDS);
  }

  private Cli.Result cas(String... args) {
    String[] all = new String[args.length + connection.length + 1];
    all[0] = "cas";
    System.arraycopy(args, 0, all, 1, args.length);
    System.arraycopy(connection, 0, all, 1 + args.length, connection.length);
    return Cli.run(all);
  }

  @Test
  void anOperatorVerifiesTheCasSetsTheManifestUploadsRotatesAndAudits() throws Exception {
    Cli.Result key = Cli.run("cas", "user-key", "--out", tmp.resolve("keys").toString(), "--name", "alice");
    assertThat(key.exitCode()).as(key.toString()).isZero();
    Matcher pk = Pattern.compile("publicKey: ([A-Za-z0-9+/=]+)").matcher(key.out());
    assertThat(pk.find()).isTrue();
    Path aliceKey = tmp.resolve("keys/alice.key");

    Cli.Result verified = cas("verify");
    assertThat(verified.exitCode()).as(verified.toString()).isZero();
    assertThat(verified.out()).contains("SIMULATED", "CAS verified", server.measurement());
    Cli.Result wrong = Cli.run("cas", "verify", "--data-dir", tmp.resolve("data").toString(), "--url",
        "https://127.0.0.1:" + server.actualPort(), "--expect-measurement", "ab".repeat(32), "--allow-simulation");
    assertThat(wrong.exitCode()).isEqualTo(1);
    assertThat(wrong.err()).contains("CAS not verified");
    Cli.Result unpinned = Cli.run("cas", "verify", "--data-dir", tmp.resolve("data").toString(), "--url",
        "https://127.0.0.1:" + server.actualPort());
    assertThat(unpinned.exitCode()).isEqualTo(1);
    assertThat(unpinned.err()).contains("--expect-measurement is required");

    String manifest = """
        name: cli
        users:
          alice: {publicKey: %s, roles: [update, secrets, audit]}
        secrets:
          busKey: {type: symmetric}
          db: {type: user}
        services:
          svc:
            identities: [{measurement: %s}]
            env: {DB: "{{db}}"}
        """.formatted(pk.group(1), "c".repeat(64));
    Path m1 = Files.writeString(tmp.resolve("m1.yaml"), manifest);
    Cli.Result set = cas("manifest", "set", m1.toString(), "--sign-with", "alice=" + aliceKey);
    assertThat(set.exitCode()).as(set.toString()).isZero();
    assertThat(set.out()).contains("manifest version 1 set");
    String hash = set.out().replaceAll("(?s).*set: ([0-9a-f]{64}).*", "$1");

    Path m2 = Files.writeString(tmp.resolve("m2.yaml"), manifest.replace("name: cli", "name: cli2"));
    Cli.Result sig = Cli.run("cas", "manifest", "sign", m2.toString(), "--key", aliceKey.toString(), "--previous", hash);
    assertThat(sig.exitCode()).as(sig.toString()).isZero();
    Cli.Result set2 = cas("manifest", "set", m2.toString(), "--signature", "alice=" + sig.out().trim());
    assertThat(set2.out()).as(set2.toString()).contains("manifest version 2 set");
    Cli.Result get = cas("manifest", "get");
    assertThat(get.out()).contains("# version 1 " + hash, "# version 2", "name: cli2");

    Path bad = Files.writeString(tmp.resolve("bad.yaml"), manifest.replace("type: user", "type: nope"));
    Cli.Result refused = cas("manifest", "set", bad.toString(), "--sign-with", "alice=" + aliceKey);
    assertThat(refused.exitCode()).isEqualTo(1);
    assertThat(refused.err()).contains("invalid manifest", "secrets.db.type");

    Path value = Files.writeString(tmp.resolve("db.txt"), "hunter2");
    Cli.Result put = cas("secret", "put", "db", "--value-file", value.toString(), "--user", "alice", "--key", aliceKey.toString());
    assertThat(put.out()).as(put.toString()).contains("secret db version 1 uploaded");
    Cli.Result rotate = cas("rotate", "busKey", "--user", "alice", "--key", aliceKey.toString());
    assertThat(rotate.out()).as(rotate.toString()).contains("busKey rotated to version 2");
    Cli.Result audit = cas("audit", "--user", "alice", "--key", aliceKey.toString());
    assertThat(audit.exitCode()).as(audit.toString()).isZero();
    assertThat(audit.out()).contains("audit log verified", "rotation", "secret").doesNotContain("hunter2");
  }

  @Test
  void recoveryMovesTheManifestToANewCas() throws Exception {
    Cli.Result user = Cli.run("cas", "user-key", "--out", tmp.resolve("keys").toString(), "--name", "alice");
    String pk = user.out().replaceAll("(?s).*publicKey: ([A-Za-z0-9+/=]+).*", "$1");
    Cli.Result rk = Cli.run("cas", "recovery", "key", "--out", tmp.resolve("rk").toString());
    assertThat(rk.exitCode()).as(rk.toString()).isZero();
    String recoveryKey = rk.out().replaceAll("(?s).*recoveryKey: ([A-Za-z0-9+/=]+).*", "$1");
    Path m = Files.writeString(tmp.resolve("m.yaml"), """
        name: moving
        recoveryKey: %s
        users:
          alice: {publicKey: %s, roles: [update]}
        services:
          svc:
            identities: [{measurement: %s}]
        """.formatted(recoveryKey, pk, "d".repeat(64)));
    assertThat(cas("manifest", "set", m.toString(), "--sign-with", "alice=" + tmp.resolve("keys/alice.key")).exitCode()).isZero();
    Path export = tmp.resolve("cas.export");
    Cli.Result exported = cas("recovery", "export", "--out", export.toString());
    assertThat(exported.exitCode()).as(exported.toString()).isZero();

    CasServer fresh = new CasServer(new CasOptions().setDataDirectory(tmp.resolve("new")).setPort(0));
    vertx.deployVerticle(fresh).await(120, TimeUnit.SECONDS);
    String[] to = {"--data-dir", tmp.resolve("new").toString(), "--url", "https://127.0.0.1:" + fresh.actualPort(),
        "--expect-measurement", fresh.measurement(), "--allow-simulation"};
    Cli.Result imported = Cli.run(concat(new String[] {"cas", "recovery", "import", export.toString(),
        "--recovery-key", tmp.resolve("rk").toString()}, to));
    assertThat(imported.exitCode()).as(imported.toString()).isZero();
    assertThat(imported.out()).contains("imported: manifest version 1");
    assertThat(Cli.run(concat(new String[] {"cas", "manifest", "get"}, to)).out()).contains("name: moving");
  }

  @Test
  void nodeCertificatesFromAManifestCaCarryAMutualTlsHandshake() throws Exception {
    Cli.Result user = Cli.run("cas", "user-key", "--out", tmp.resolve("keys").toString(), "--name", "alice");
    String pk = user.out().replaceAll("(?s).*publicKey: ([A-Za-z0-9+/=]+).*", "$1");
    Path m = Files.writeString(tmp.resolve("m.yaml"), """
        name: nodes
        users:
          alice: {publicKey: %s, roles: [update]}
        secrets:
          clusterCa: {type: ca, subject: "CN=cluster-ca"}
        services:
          svc:
            identities: [{measurement: %s}]
        """.formatted(pk, "e".repeat(64)));
    String aliceKey = tmp.resolve("keys/alice.key").toString();
    assertThat(cas("manifest", "set", m.toString(), "--sign-with", "alice=" + aliceKey).exitCode()).isZero();
    Path tls = tmp.resolve("tls");
    for (String node : new String[] {"node-a", "node-b"}) {
      Cli.Result r = cas("node-cert", "--issuer", "clusterCa", "--node", node, "--out", tls.toString(),
          "--user", "alice", "--key", aliceKey);
      assertThat(r.exitCode()).as(r.toString()).isZero();
      assertThat(r.out()).contains("node certificate for " + node);
    }
    Cli.Result wrongCa = cas("node-cert", "--issuer", "nope", "--node", "x", "--out", tls.toString(),
        "--user", "alice", "--key", aliceKey);
    assertThat(wrongCa.exitCode()).isEqualTo(1);
    assertThat(wrongCa.err()).contains("no ca secret 'nope'");

    // The files work as they are with the event-bus TLS settings: a mutually authenticated handshake.
    var a = io.sereca.bus.ClusterTls.eventBusOptions(tls.resolve("ca.pem"), tls.resolve("node-a.pem"), tls.resolve("node-a-key.pem"));
    var b = io.sereca.bus.ClusterTls.eventBusOptions(tls.resolve("ca.pem"), tls.resolve("node-b.pem"), tls.resolve("node-b-key.pem"));
    var server = vertx.createNetServer(new io.vertx.core.net.NetServerOptions().setHost("127.0.0.1").setPort(0)
            .setSsl(true).setKeyCertOptions(a.getKeyCertOptions()).setTrustOptions(a.getTrustOptions())
            .setClientAuth(io.vertx.core.http.ClientAuth.REQUIRED))
        .connectHandler(so -> so.handler(buf -> so.write(buf.toString().toUpperCase()))).listen()
        .await(30, TimeUnit.SECONDS);
    var client = vertx.createNetClient(new io.vertx.core.net.NetClientOptions().setSsl(true)
        .setKeyCertOptions(b.getKeyCertOptions()).setTrustOptions(b.getTrustOptions())
        .setHostnameVerificationAlgorithm("HTTPS"));
    var socket = client.connect(server.actualPort(), "127.0.0.1").await(30, TimeUnit.SECONDS);
    var answer = new java.util.concurrent.CompletableFuture<String>();
    socket.handler(buf -> answer.complete(buf.toString()));
    socket.write("hello");
    assertThat(answer.get(30, TimeUnit.SECONDS)).isEqualTo("HELLO");
    assertThat(socket.peerCertificates().get(0).toString()).contains("CN=node-a");
  }

  private static String[] concat(String[] a, String[] b) {
    String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }

  @Test
  void serveStartsTheCasAndSaysItIsSimulated() {
    Cli.Result serve = Cli.run("cas", "serve", "--port", "0", "--exit-after-start",
        "--data-dir", tmp.resolve("other").toString());

    assertThat(serve.exitCode()).as(serve.toString()).isZero();
    assertThat(serve.out()).contains("SIMULATED backend 'sim'", "CAS listening on https://127.0.0.1:",
        "CAS core measurement: ");
    String measurement = serve.out().replaceAll("(?s).*CAS core measurement: ([0-9a-f]{64}).*", "$1");
    assertThat(measurement).as("the same code measures the same everywhere").isEqualTo(server.measurement());
  }

  static String utf8(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }
}
