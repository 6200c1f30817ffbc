package io.sereca.cas;

import io.sereca.attestation.AttestationPolicy;
import io.sereca.attestation.EvidenceVerifier;
import io.sereca.attestation.SimulationAuthority;
import io.sereca.bus.DevPki;
import io.sereca.host.BundleSigner;
import io.sereca.host.EnclaveBundle;
import io.sereca.host.EnclaveConfig;
import io.sereca.host.EnclaveHost;
import io.sereca.host.SignerKeys;
import io.vertx.core.Vertx;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** A CAS on a temp data directory, users with keys, and test enclave bundles. */
final class CasFixture implements AutoCloseable {

  static final KeyPair ALICE = SignerKeys.generate();
  static final KeyPair BOB = SignerKeys.generate();

  final Path data;
  final Vertx vertx;
  CasServer server;
  String deployment;

  CasFixture(Path data) {
    this(data, Vertx.vertx());
  }

  CasFixture(Path data, Vertx vertx) {
    this.data = data;
    this.vertx = vertx;
  }

  CasServer start() throws Exception {
    server = new CasServer(new CasOptions().setDataDirectory(data).setPort(0)
        .setRotationPropagation(Duration.ofMillis(1500)));
    deployment = await(vertx.deployVerticle(server));
    return server;
  }

  void stop() throws Exception {
    if (deployment != null) {
      await(vertx.undeploy(deployment));
      deployment = null;
    }
  }

  CasClient client() throws Exception {
    DevPki pki = DevPki.open(data.resolve("cas").resolve("tls"));
    return CasClient.create(URI.create("https://127.0.0.1:" + server.actualPort()), pki.caCertificate());
  }

  CasIdentity verify(CasClient client) throws Exception {
    SimulationAuthority sim = SimulationAuthority.open(EnclaveHost.simulationDirectory(data));
    AttestationPolicy policy = new AttestationPolicy().setAllowSimulation(true)
        .addAllowedMeasurement(server.measurement());
    return client.verify(policy, EvidenceVerifier.create(sim.rootCertificate()));
  }

  /** Sets {@code manifest}, signed by the given users. */
  static Map<String, byte[]> sign(String previous, byte[] manifest, Map<String, KeyPair> signers) throws Exception {
    Map<String, byte[]> sigs = new LinkedHashMap<>();
    for (var e : signers.entrySet()) {
      sigs.put(e.getKey(), CasStatements.signAsUser(e.getValue().getPrivate(), CasStatements.manifestUpdate(previous, manifest)));
    }
    return sigs;
  }

  static String publicKey(KeyPair k) {
    return Base64.getEncoder().encodeToString(k.getPublic().getEncoded());
  }

  /** A signed bundle of the test app package with entry point {@code io.sereca.castest.app.<app>}. */
  static Path bundle(Path dir, String app, int svn) throws Exception {
    return bundle(dir, app, svn, false);
  }

  /** As {@link #bundle(Path, String, int)}, optionally a debug enclave. */
  static Path bundle(Path dir, String app, int svn, boolean debug) throws Exception {
    Path root = Path.of("target", "test-classes");
    Map<String, byte[]> entries = new TreeMap<>();
    try (Stream<Path> files = Files.list(root.resolve("io/sereca/castest/app"))) {
      for (Path p : (Iterable<Path>) files::iterator) {
        entries.put(root.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
      }
    }
    entries.put(EnclaveConfig.ENTRY, ("app.class=io.sereca.castest.app." + app
        + "\nproduct.id=7\nsvn=" + svn + "\nmemory.budget.mib=64\nroutes.required=true\ndebug=" + debug + "\n")
        .getBytes(StandardCharsets.UTF_8));
    KeyPair key = SignerKeys.generate();
    Path out = dir.resolve(app + "-" + svn + (debug ? "-debug" : "") + ".jar");
    Files.write(out, BundleSigner.sign(entries, app, key.getPrivate(), key.getPublic()));
    return out;
  }

  static String measurement(Path bundle) throws Exception {
    return EnclaveBundle.load(bundle).identity().measurementHex();
  }

  static <T> T await(io.vertx.core.Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws Exception {
    stop();
    await(vertx.close());
  }
}
