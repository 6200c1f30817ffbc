package io.sereca.bench.harness.internal;

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
import io.sereca.wsnm.Dam;
import io.sereca.wsnm.DamSimulator;
import io.sereca.wsnm.DamSimulatorOptions;
import io.sereca.wsnm.alarms.AlarmTicker;
import io.sereca.wsnm.cloud.WsnmBundles;
import io.sereca.wsnm.cloud.WsnmService;
import io.sereca.wsnm.collector.DataCollectorOptions;
import io.sereca.wsnm.collector.DataCollectorVerticle;
import io.sereca.wsnm.collector.LoggerEndpoint;
import io.sereca.wsnm.data.WsnmAddresses;
import io.sereca.wsnm.enclave.store.RecordSealer;
import io.sereca.wsnm.store.RecordStoreOptions;
import io.sereca.wsnm.store.RecordStoreVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The WSNM data path in this JVM, as {@code WsnmNode} assembles it minus the CAS and the web:
 * record store (SQLite) and storage archiver, cache archiver, alarm manager and its ticker,
 * collector enclave and {@link DataCollectorVerticle} (durable journal) with one SIMULATED Modbus
 * logger ({@link #REAL_DAM}, one scan a second, the way a dam really reports).
 *
 * <p>A {@link DevProvisioner} delivers the route keys and secrets instead of the CAS, so that the
 * harness can hold the same keys as a regular {@link SecureEventBus} participant and watch
 * {@code wsnm.alarms.events}. The enclaves cannot tell the difference (attestation policy: the
 * WSNM bundles' measurements, SIMULATED evidence).
 */
public final class WsnmRig implements AutoCloseable {

  /** The dam whose scans come from a real (SIMULATED) Modbus logger polled by the collector. */
  public static final Dam REAL_DAM = Dam.SAETTA;

  final Vertx vertx;
  /** The collector's meters ({@code wsnm.collector.*}). */
  final SimpleMeterRegistry metrics;
  final DataCollectorVerticle collector;
  final SecureEventBus bus;
  private final DamSimulator logger;

  private WsnmRig(Vertx vertx, SimpleMeterRegistry metrics, DataCollectorVerticle collector, SecureEventBus bus,
      DamSimulator logger) {
    this.vertx = vertx;
    this.metrics = metrics;
    this.collector = collector;
    this.bus = bus;
    this.logger = logger;
  }

  /**
   * Starts everything under {@code dir} with enclaves on {@code backend} ("sim" or "process").
   *
   * @param progress one line per step
   */
  public static WsnmRig start(Path dir, String backend, Consumer<String> progress) throws Exception {
    Vertx vertx = Vertx.vertx();
    DamSimulator sim = null;
    try {
      Path data = dir.resolve("data");
      SimulationAuthority.open(EnclaveHost.simulationDirectory(data));
      RouteTable routes = RouteTable.parse(WsnmAddresses.ROUTES);
      List<RouteKey> keys = List.of(RouteKey.generate(WsnmAddresses.KEY_READINGS, 1),
          RouteKey.generate(WsnmAddresses.KEY_QUERY, 1), RouteKey.generate(WsnmAddresses.KEY_ALARMS, 1));
      AttestationPolicy policy = new AttestationPolicy().setAllowSimulation(true)
          .setSimulationRoot(EnclaveHost.simulationDirectory(data).resolve(SimulationAuthority.ROOT_CERTIFICATE_FILE));
      Map<WsnmService, Path> bundles = new LinkedHashMap<>();
      for (WsnmService s : List.of(WsnmService.STORAGE, WsnmService.CACHE, WsnmService.ALARMS, WsnmService.COLLECTOR)) {
        Path b = WsnmBundles.write(s, dir.resolve("signer"), dir.resolve("bundles"));
        bundles.put(s, b);
        policy.addAllowedMeasurement(EnclaveBundle.load(b).identity().measurementHex());
      }
      byte[] storageKey = new byte[32];
      SecureRandom random = new SecureRandom();
      random.nextBytes(storageKey);
      byte[] tokenBytes = new byte[16];
      random.nextBytes(tokenBytes);
      String token = Base64.getUrlEncoder().withoutPadding().encodeToString(tokenBytes);
      Map<String, byte[]> secrets = new LinkedHashMap<>();
      secrets.put(RecordSealer.SECRET, storageKey);
      secrets.put("sereca.env.WSNM_COLLECTOR_TOKEN", token.getBytes(StandardCharsets.UTF_8));
      vertx.deployVerticle(new DevProvisioner(DevProvisioner.DEFAULT_ADDRESS, routes, keys, policy, secrets))
          .await(30, TimeUnit.SECONDS);
      progress.accept("dev provisioner (route keys + storage key + collector token; stands in for the CAS)");

      vertx.deployVerticle(new RecordStoreVerticle(new RecordStoreOptions()
          .setDataDirectory(dir.resolve("storage").toString()))).await(60, TimeUnit.SECONDS);
      for (WsnmService s : List.of(WsnmService.STORAGE, WsnmService.CACHE, WsnmService.ALARMS, WsnmService.COLLECTOR)) {
        SecureVerticleOptions o = new SecureVerticleOptions().setBundle(bundles.get(s).toString())
            .setBackend(backend).setDataDirectory(data.toString()).setProvisioner(DevProvisioner.DEFAULT_ADDRESS)
            .setProvisioningTimeoutMillis(120_000);
        vertx.deployVerticle(new SecureVerticle(new SimpleMeterRegistry()),
            new DeploymentOptions().setConfig(o.toJson())).await(180, TimeUnit.SECONDS);
        progress.accept(s.serviceName() + " enclave (" + backend + ", SIMULATED) provisioned");
        if (s == WsnmService.ALARMS) {
          vertx.deployVerticle(new AlarmTicker()).await(30, TimeUnit.SECONDS);
        }
      }

      int port = freePort();
      sim = DamSimulator.create(new DamSimulatorOptions().setDams(EnumSet.of(REAL_DAM)).setPort(REAL_DAM, port)
          .setScanIntervalSeconds(1));
      sim.start();
      SimpleMeterRegistry collectorMetrics = new SimpleMeterRegistry();
      DataCollectorVerticle collector = new DataCollectorVerticle(collectorMetrics);
      DataCollectorOptions c = new DataCollectorOptions().setBufferDirectory(dir.resolve("collector").toString())
          .setEnclaveToken(token).addLogger(new LoggerEndpoint(REAL_DAM, "127.0.0.1", port));
      vertx.deployVerticle(collector, new DeploymentOptions().setConfig(c.toJson())).await(60, TimeUnit.SECONDS);
      progress.accept("data collector (durable journal; SIMULATED Modbus logger of " + REAL_DAM + " on 127.0.0.1:"
          + port + ")");

      KeyRing ring = new KeyRing(60_000);
      long now = System.currentTimeMillis();
      keys.forEach(k -> ring.add(k, now));
      SecureEventBus bus = SecureEventBus.create(vertx, routes, ring);
      return new WsnmRig(vertx, collectorMetrics, collector, bus, sim);
    } catch (Exception | Error e) {
      if (sim != null) {
        sim.close();
      }
      vertx.close().await(60, TimeUnit.SECONDS);
      throw e;
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  @Override
  public void close() throws Exception {
    try {
      logger.close();
    } finally {
      vertx.close().await(120, TimeUnit.SECONDS);
    }
  }
}
