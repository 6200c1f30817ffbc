package io.sereca.wsnm.cloud;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sereca.attestation.AttestationPolicy;
import io.sereca.attestation.SimulationAuthority;
import io.sereca.bus.SecureEventBus;
import io.sereca.enclave.bus.KeyRing;
import io.sereca.enclave.bus.RouteKey;
import io.sereca.enclave.bus.RouteTable;
import io.sereca.host.EnclaveBundle;
import io.sereca.host.EnclaveHost;
import io.sereca.vertx.DevProvisioner;
import io.sereca.vertx.SecureVerticle;
import io.sereca.vertx.SecureVerticleOptions;
import io.sereca.wsnm.data.WsnmAddresses;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Test bed for WSNM services in one JVM: a Vert.x instance, the WSNM route keys, a dev
 * provisioner that delivers them (and any extra secrets) only to the WSNM bundles' measurements,
 * and a regular {@link SecureEventBus} holding the same keys, to play any other participant.
 * The CAS replaces the dev provisioner in the assembled application; the enclaves cannot tell.
 */
public final class WsnmTestBed implements AutoCloseable {

  public final Vertx vertx;
  public final Path dir;
  public final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
  public final RouteTable routes = RouteTable.parse(WsnmAddresses.ROUTES);
  public final List<RouteKey> keys = List.of(
      RouteKey.generate(WsnmAddresses.KEY_READINGS, 1),
      RouteKey.generate(WsnmAddresses.KEY_QUERY, 1),
      RouteKey.generate(WsnmAddresses.KEY_ALARMS, 1));
  private final Map<String, byte[]> secrets = new LinkedHashMap<>();
  private boolean provisionerStarted;
  private SecureEventBus bus;

  /** A test bed with its data (simulation platform, signer key, bundles) under {@code dir}. */
  public WsnmTestBed(Path dir) throws Exception {
    this.dir = dir;
    this.vertx = Vertx.vertx();
    SimulationAuthority.open(EnclaveHost.simulationDirectory(dataDirectory()));
  }

  /** Adds a secret the provisioner will deliver (call before the first {@link #deploy}). */
  public WsnmTestBed secret(String name, byte[] value) {
    if (provisionerStarted) {
      throw new IllegalStateException("secrets must be added before the first deploy");
    }
    secrets.put(name, value.clone());
    return this;
  }

  /** Adds a file the provisioner will deliver, read in the enclave with {@code secrets().file(path)}. */
  public WsnmTestBed file(String path, byte[] content) {
    return secret("sereca.file." + path, content);
  }

  public Path dataDirectory() {
    return dir.resolve("data");
  }

  /** The signed bundle of {@code service}, written under the test bed's directory. */
  public Path bundle(WsnmService service) throws Exception {
    return WsnmBundles.write(service, dir.resolve("signer"), dir.resolve("bundles"));
  }

  /** Deploys {@code service} as a secure verticle on {@code backend} ("sim" or "process"). */
  public String deploy(WsnmService service, String backend) throws Exception {
    startProvisioner();
    SecureVerticleOptions options = new SecureVerticleOptions().setBundle(bundle(service).toString())
        .setBackend(backend).setDataDirectory(dataDirectory().toString())
        .setProvisioner(DevProvisioner.DEFAULT_ADDRESS);
    return vertx.deployVerticle(new SecureVerticle(metrics), new DeploymentOptions().setConfig(options.toJson()))
        .await(120, TimeUnit.SECONDS);
  }

  private void startProvisioner() throws Exception {
    if (provisionerStarted) {
      return;
    }
    AttestationPolicy policy = new AttestationPolicy().setAllowSimulation(true)
        .setSimulationRoot(EnclaveHost.simulationDirectory(dataDirectory())
            .resolve(SimulationAuthority.ROOT_CERTIFICATE_FILE));
    for (WsnmService s : WsnmService.values()) {
      try {
        policy.addAllowedMeasurement(EnclaveBundle.load(bundle(s)).identity().measurementHex());
      } catch (java.io.IOException e) {
        // A service whose app class is not written yet cannot be bundled: it is simply not allowed.
      }
    }
    vertx.deployVerticle(new DevProvisioner(DevProvisioner.DEFAULT_ADDRESS, routes, keys, policy, secrets))
        .await(30, TimeUnit.SECONDS);
    provisionerStarted = true;
  }

  /** A regular participant holding every WSNM route key (the role a test plays). */
  public synchronized SecureEventBus bus() {
    if (bus == null) {
      KeyRing ring = new KeyRing(60_000);
      long now = System.currentTimeMillis();
      keys.forEach(k -> ring.add(k, now));
      bus = SecureEventBus.create(vertx, routes, ring);
    }
    return bus;
  }

  @Override
  public void close() throws Exception {
    vertx.close().await(60, TimeUnit.SECONDS);
  }
}
