package io.sereca.bench;

import io.sereca.attestation.AttestationPolicy;
import io.sereca.attestation.EvidenceVerifier;
import io.sereca.attestation.SimulationAuthority;
import io.sereca.bus.DevPki;
import io.sereca.cas.CasClient;
import io.sereca.cas.CasOptions;
import io.sereca.cas.CasServer;
import io.sereca.cas.CasStatements;
import io.sereca.host.EnclaveBundle;
import io.sereca.host.EnclaveHost;
import io.sereca.host.SignerKeys;
import io.sereca.vertx.SecureVerticle;
import io.sereca.vertx.SecureVerticleOptions;
import io.sereca.vertx.internal.Provisioning;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The CAS's cost to an application (issue 4's benchmark): how long a secure verticle takes from
 * deployment to provisioned (launch, attest, verify against the manifest, deliver, decrypt), and
 * how many provisionings per second one CAS serves for an enclave that is already running.
 *
 * <pre>{@code
 * java -jar bench/target/benchmarks.jar CasProvisioningBenchmark
 * }</pre>
 */
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 10)
public class CasProvisioningBenchmark {

  /** A CAS with a manifest that admits the hello-enclave, and a signed bundle file. */
  @State(Scope.Benchmark)
  public static class Cas {
    @Param({"sim", "process"})
    public String backend;

    Vertx vertx;
    Path data;
    Path bundle;
    String deployment;

    @Setup(Level.Trial)
    public void start() throws Exception {
      vertx = Vertx.vertx();
      data = Files.createTempDirectory("sereca-cas-bench-");
      CasServer server = new CasServer(new CasOptions().setDataDirectory(data).setPort(0));
      vertx.deployVerticle(server).await(120, TimeUnit.SECONDS);
      EnclaveBundle hello = EnclaveFixture.helloBundle(SignerKeys.generate());
      bundle = data.resolve("hello.jar");
      Files.write(bundle, hello.jarBytes());
      KeyPair alice = SignerKeys.generate();
      byte[] manifest = ("""
          name: bench
          policy: {allowSimulation: true}
          users:
            alice: {publicKey: %s, roles: [update]}
          services:
            hello:
              identities: [{measurement: %s}]
              maxInstances: 100000
          """).formatted(Base64.getEncoder().encodeToString(alice.getPublic().getEncoded()),
          hello.identity().measurementHex()).getBytes(StandardCharsets.UTF_8);
      CasClient client = CasClient.create(URI.create("https://127.0.0.1:" + server.actualPort()),
          DevPki.open(data.resolve("cas").resolve("tls")).caCertificate());
      client.verify(new AttestationPolicy().setAllowSimulation(true).addAllowedMeasurement(server.measurement()),
          EvidenceVerifier.create(SimulationAuthority.open(EnclaveHost.simulationDirectory(data)).rootCertificate()));
      client.setManifest(manifest, Map.of("alice", CasStatements.signAsUser(alice.getPrivate(),
          CasStatements.manifestUpdate(null, manifest))));
    }

    String deploy() throws Exception {
      return vertx.deployVerticle(new SecureVerticle(), new DeploymentOptions().setConfig(
          new SecureVerticleOptions().setBundle(bundle.toString()).setBackend(backend)
              .setProvisioner(CasOptions.DEFAULT_BUS_ADDRESS).setService("hello")
              .setDataDirectory(data.toString()).toJson())).await(60, TimeUnit.SECONDS);
    }

    @TearDown(Level.Invocation)
    public void undeploy() throws Exception {
      if (deployment != null) {
        vertx.undeploy(deployment).await(60, TimeUnit.SECONDS);
        deployment = null;
      }
    }

    @TearDown(Level.Trial)
    public void stop() throws Exception {
      vertx.close().await(60, TimeUnit.SECONDS);
      EnclaveFixture.deleteTree(data);
    }
  }

  /** One running secure verticle, provisioned again and again. */
  @State(Scope.Benchmark)
  public static class Running {
    SecureVerticle verticle;
    Provisioning provisioning;

    @Setup(Level.Trial)
    public void deploy(Cas cas) throws Exception {
      verticle = new SecureVerticle();
      cas.vertx.deployVerticle(verticle, new DeploymentOptions().setConfig(
          new SecureVerticleOptions().setBundle(cas.bundle.toString()).setBackend(cas.backend)
              .setDataDirectory(cas.data.toString()).toJson())).await(60, TimeUnit.SECONDS);
      provisioning = new Provisioning(cas.vertx, cas.vertx.getOrCreateContext(), CasOptions.DEFAULT_BUS_ADDRESS,
          30_000, "hello");
    }
  }

  /** Deployment to provisioned: launch, attest, verify, deliver (latency percentiles). */
  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public void launchAttestProvision(Cas cas) throws Exception {
    cas.deployment = cas.deploy();
  }

  /** Attest and provision an enclave that is already running (CAS throughput). */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  public void provisionRunningEnclave(Running running) throws Exception {
    running.provisioning.run(running.verticle.enclave()).await(30, TimeUnit.SECONDS);
  }
}
