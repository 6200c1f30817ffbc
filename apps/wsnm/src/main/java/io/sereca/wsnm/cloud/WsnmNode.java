package io.sereca.wsnm.cloud;

import com.hazelcast.config.Config;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.sereca.attestation.SimulationAuthority;
import io.sereca.bus.ClusterTls;
import io.sereca.bus.DevPki;
import io.sereca.cas.CasOptions;
import io.sereca.cas.CasServer;
import io.sereca.host.EnclaveBundle;
import io.sereca.host.EnclaveHost;
import io.sereca.vertx.Clustering;
import io.sereca.vertx.SecureVerticle;
import io.sereca.vertx.SecureVerticleOptions;
import io.sereca.wsnm.AcceleratedClock;
import io.sereca.wsnm.Dam;
import io.sereca.wsnm.DamSimulator;
import io.sereca.wsnm.DamSimulatorOptions;
import io.sereca.wsnm.collector.DataCollectorOptions;
import io.sereca.wsnm.collector.DataCollectorVerticle;
import io.sereca.wsnm.collector.LoggerEndpoint;
import io.sereca.wsnm.alarms.AlarmTicker;
import io.sereca.wsnm.store.RecordStoreOptions;
import io.sereca.wsnm.store.RecordStoreVerticle;
import io.sereca.wsnm.web.Users;
import io.sereca.wsnm.web.WebProxyOptions;
import io.sereca.wsnm.web.WebProxyVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.EventBusOptions;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * One WSNM process: the roles of {@link WsnmNodeOptions} deployed on a Vert.x instance, clustered
 * or not. Everything sensitive runs in enclaves that the CAS provisions after attestation; this
 * class only wires hosts together: no key passes through it.
 *
 * <p>Start order follows the data: CAS, storage, cache, alarms, web, loggers, collector. On a
 * clustered bus ({@link #vertx}) the roles may be spread over processes sharing one data
 * directory; secure verticles wait for the CAS. See docs/wsnm.md, "Running distributed".
 */
public final class WsnmNode implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(WsnmNode.class.getName());
  /** Directory of the dev PKI under the data directory (as {@code sereca pki --dir}). */
  public static final String PKI_DIRECTORY = "pki";
  /**
   * Seconds without a heartbeat after which Hazelcast drops a member (its default is 60): a killed
   * node's event-bus subscriptions then go away sooner, so senders stop picking the dead node.
   */
  public static final int MAX_NO_HEARTBEAT_SECONDS = 15;
  /**
   * Provisioning failures that mean "the CAS is not ready yet": no CAS consumer on the bus yet (its
   * node is still starting), or a CAS without a manifest (its node is still setting it).
   */
  private static final List<String> CAS_NOT_READY = List.of("no manifest has been set", "No handlers for address");
  /** Pause between provisioning attempts while the CAS is not ready. */
  private static final long MANIFEST_RETRY_MILLIS = 2000;
  /** Guards the data directory within this JVM (a file lock is per process). */
  private static final Object DATA_LOCK = new Object();

  private final Vertx vertx;
  private final WsnmNodeOptions options;
  private final Consumer<String> progress;
  private final List<String> deployments = Collections.synchronizedList(new ArrayList<>());
  private final Map<String, String> credentials = new LinkedHashMap<>();
  private final Map<WsnmService, String> measurements = new EnumMap<>(WsnmService.class);
  private final PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private CasServer cas;
  private DamSimulator simulator;
  private WebProxyVerticle web;

  private WsnmNode(Vertx vertx, WsnmNodeOptions options, Consumer<String> progress) {
    this.vertx = vertx;
    this.options = new WsnmNodeOptions(options);
    this.progress = progress;
  }

  /**
   * Starts the node's roles on {@code vertx}.
   *
   * @param progress receives one line per step (for a terminal or a log)
   * @return the running node, or the first step's failure (what was started is stopped again)
   */
  public static Future<WsnmNode> start(Vertx vertx, WsnmNodeOptions options, Consumer<String> progress) {
    WsnmNode node = new WsnmNode(vertx, options, progress);
    return node.startAll().map(node).recover(err -> node.stop().transform(ar -> Future.failedFuture(err)));
  }

  /**
   * The Vert.x instance a node with {@code options} runs on: a plain one, or, with a cluster port, a
   * member of a loopback Hazelcast cluster ({@link Clustering}) whose event bus runs mutual TLS
   * (TLS 1.3, trustAll false, client certificates required) with a certificate for this member
   * issued by the dev PKI in {@code <dataDirectory>/pki} (created on first use). Blocks while it
   * prepares the PKI: call it off the event loop.
   *
   * @param progress receives a line describing the cluster membership
   */
  public static Future<Vertx> vertx(WsnmNodeOptions options, Consumer<String> progress) {
    if (!options.isClustered()) {
      return Future.succeededFuture(Vertx.vertx());
    }
    Path data = Path.of(options.getDataDirectory());
    EventBusOptions bus = new EventBusOptions();
    String node = "wsnm-" + options.getClusterPort();
    if (options.isClusterTls()) {
      try {
        DevPki.NodeCredentials credentials = locked(data, () ->
            DevPki.open(data.resolve(PKI_DIRECTORY)).issueNode(node));
        bus = ClusterTls.eventBusOptions(credentials);
      } catch (Exception e) {
        return Future.failedFuture(new IllegalStateException("cannot issue the event-bus certificate of "
            + node + " from the dev PKI in " + data.resolve(PKI_DIRECTORY) + ": " + e.getMessage(), e));
      }
    }
    Config hazelcast = Clustering.loopbackHazelcast(options.getClusterPort(), options.getMembers());
    hazelcast.setProperty("hazelcast.max.no.heartbeat.seconds", Integer.toString(MAX_NO_HEARTBEAT_SECONDS));
    progress.accept("cluster        Hazelcast member 127.0.0.1:" + options.getClusterPort() + " of " + options.getMembers()
        + ", event bus " + (options.isClusterTls()
            ? "mutual TLS 1.3 (" + node + ", dev PKI " + data.resolve(PKI_DIRECTORY) + ")" : "WITHOUT TLS"));
    return Clustering.start(hazelcast, bus);
  }

  /**
   * Runs {@code work} holding the data directory's lock: processes sharing one data directory
   * (one host) must not create the simulation platform, signer key or CA twice.
   */
  private static <T> T locked(Path data, Callable<T> work) throws Exception {
    synchronized (DATA_LOCK) {
      Files.createDirectories(data);
      try (FileChannel ch = FileChannel.open(data.resolve(".wsnm.lock"), StandardOpenOption.CREATE,
          StandardOpenOption.WRITE); FileLock lock = ch.lock()) {
        return work.call();
      }
    }
  }

  private Path data() {
    return Path.of(options.getDataDirectory());
  }

  private Path wsnm() {
    return data().resolve("wsnm");
  }

  private Future<Void> startAll() {
    // Every node builds all five bundles, so that every node (and the CAS's manifest) computes
    // the same measurements from the same build and the same signer key.
    Future<Void> f = vertx.executeBlocking(() -> locked(data(), () -> {
      SimulationAuthority.open(EnclaveHost.simulationDirectory(data()));
      for (WsnmService s : WsnmService.values()) {
        Path bundle = WsnmBundles.write(s, wsnm().resolve("signer"), wsnm().resolve("bundles"));
        measurements.put(s, EnclaveBundle.load(bundle).identity().measurementHex());
      }
      return null;
    }));
    if (options.runs(WsnmRole.CAS)) {
      f = f.compose(v -> startCas());
    }
    if (options.runs(WsnmRole.STORAGE)) {
      f = f.compose(v -> deploy(new RecordStoreVerticle(new RecordStoreOptions().setUrl(options.getDbUrl())
          .setDataDirectory(wsnm().resolve("storage").toString())), new DeploymentOptions(), "record store"))
          .compose(v -> secure(WsnmService.STORAGE));
    }
    if (options.runs(WsnmRole.CACHE)) {
      f = f.compose(v -> secure(WsnmService.CACHE));
    }
    if (options.runs(WsnmRole.ALARMS)) {
      // The enclave cannot keep time on its own: the host ticks it (a host that stops ticking
      // delays absence alarms, which availability never promised).
      f = f.compose(v -> secure(WsnmService.ALARMS))
          .compose(v -> deploy(new AlarmTicker(), new DeploymentOptions(), "alarm ticker (1 s)"));
    }
    if (options.runs(WsnmRole.WEB)) {
      f = f.compose(v -> secure(WsnmService.WEB)).compose(v -> {
        web = new WebProxyVerticle(metrics);
        return deploy(web, new DeploymentOptions().setConfig(
            new WebProxyOptions().setPort(options.getWebPort()).toJson()), "web proxy")
            .map(x -> {
              progress.accept("dashboard      http://127.0.0.1:" + web.actualPort() + "/wsnm/");
              return null;
            });
      });
    }
    if (options.runs(WsnmRole.SIMULATOR)) {
      f = f.compose(v -> vertx.executeBlocking(() -> {
        Clock clock = AcceleratedClock.startingNow(Clock.systemUTC(), options.getTimeFactor());
        simulator = DamSimulator.create(new DamSimulatorOptions().setBasePort(options.getModbusBasePort())
            .setSeed(options.getSeed()).setScanIntervalSeconds(options.getScanIntervalSeconds()), clock);
        simulator.start();
        progress.accept("SIMULATED dam loggers on 127.0.0.1:" + options.getModbusBasePort() + "-"
            + (options.getModbusBasePort() + Dam.values().length - 1) + " (seed " + options.getSeed()
            + ", scan every " + options.getScanIntervalSeconds() + " simulated s"
            + (options.getTimeFactor() > 1 ? ", time x" + options.getTimeFactor() : "") + ")");
        return null;
      }));
    }
    if (options.runs(WsnmRole.COLLECTOR)) {
      f = f.compose(v -> secure(WsnmService.COLLECTOR)).compose(v -> {
        DataCollectorOptions c = new DataCollectorOptions()
            .setBufferDirectory(wsnm().resolve("collector").toString())
            .setPollIntervalMillis(options.getPollIntervalMillis());
        for (Dam dam : Dam.values()) {
          c.addLogger(new LoggerEndpoint(dam, "127.0.0.1", options.getModbusBasePort() + dam.ordinal()));
        }
        return deploy(new DataCollectorVerticle(metrics), new DeploymentOptions().setConfig(c.toJson()),
            "data collector (7 loggers from 127.0.0.1:" + options.getModbusBasePort() + ")");
      });
    }
    return f;
  }

  private Future<Void> startCas() {
    cas = new CasServer(new CasOptions().setDataDirectory(data()).setPort(options.getCasPort())
        .setBackend(options.getBackend()));
    return deploy(cas, new DeploymentOptions(), "CAS").compose(v -> vertx.executeBlocking(() -> {
      Users users = new Users().setIterations(options.getPasswordIterations());
      for (String role : new String[] {"viewer", "operator", "engineer"}) {
        String password = Users.randomPassword();
        users.add(role, role, password);
        credentials.put(role, password);
      }
      WsnmCas.configure(cas, data(), measurements, users.toJson(), WsnmCas.ownerKey(wsnm()), true);
      progress.accept("CAS            https://127.0.0.1:" + cas.actualPort() + " core " + cas.measurement()
          + " (SIMULATED); WSNM manifest set for 5 services");
      return null;
    }));
  }

  private Future<Void> secure(WsnmService service) {
    SecureVerticleOptions o = new SecureVerticleOptions()
        .setBundle(wsnm().resolve("bundles").resolve(service.serviceName() + ".jar").toString())
        .setBackend(options.getBackend()).setDataDirectory(data().toString())
        .setProvisioner(CasOptions.DEFAULT_BUS_ADDRESS).setService(service.serviceName())
        .setProvisioningTimeoutMillis(120_000);
    String what = service.serviceName() + " enclave (" + options.getBackend() + ", SIMULATED, measurement "
        + measurements.get(service).substring(0, 16) + "…) attested and provisioned by the CAS";
    return secure(o, what, System.currentTimeMillis() + o.getProvisioningTimeoutMillis());
  }

  /**
   * Deploys a secure verticle, again while the CAS is not ready (until {@code deadline}): in a
   * cluster the processes start in any order, and another node's enclave may ask before the CAS's
   * node has registered the CAS or set its manifest.
   */
  private Future<Void> secure(SecureVerticleOptions o, String what, long deadline) {
    return deploy(new SecureVerticle(metrics), new DeploymentOptions().setConfig(o.toJson()), what).recover(err -> {
      String m = String.valueOf(err.getMessage());
      boolean notReady = CAS_NOT_READY.stream().anyMatch(m::contains);
      if (!notReady || System.currentTimeMillis() + MANIFEST_RETRY_MILLIS > deadline) {
        return Future.failedFuture(err);
      }
      progress.accept("waiting        for the CAS (" + o.getService() + ": " + m + ")");
      return vertx.timer(MANIFEST_RETRY_MILLIS).compose(t -> secure(o, what, deadline));
    });
  }

  private Future<Void> deploy(io.vertx.core.Deployable verticle, DeploymentOptions d, String what) {
    return vertx.deployVerticle(verticle, d).map(id -> {
      deployments.add(id);
      progress.accept("started        " + what);
      return null;
    });
  }

  /** The generated dashboard users and passwords (on the node running the CAS role), in order. */
  public Map<String, String> credentials() {
    return Collections.unmodifiableMap(credentials);
  }

  /** The measurement of each service's bundle, as pinned in the manifest. */
  public Map<WsnmService, String> measurements() {
    return Collections.unmodifiableMap(measurements);
  }

  /** The dashboard's port, or -1 if this node runs no web role. */
  public int webPort() {
    return web == null ? -1 : web.actualPort();
  }

  /** The CAS's HTTPS port, or -1 if this node runs no CAS. */
  public int casPort() {
    return cas == null ? -1 : cas.actualPort();
  }

  /** The simulator (on a node running the simulator role), or null. */
  public DamSimulator simulator() {
    return simulator;
  }

  /** The metrics of this node's verticles (Prometheus). */
  public PrometheusMeterRegistry metrics() {
    return metrics;
  }

  /** Undeploys what this node started, newest first, and stops the loggers. */
  public Future<Void> stop() {
    Future<Void> f = Future.succeededFuture();
    if (simulator != null) {
      DamSimulator s = simulator;
      simulator = null;
      f = vertx.executeBlocking(() -> {
        s.close();
        return null;
      });
    }
    List<String> ids;
    synchronized (deployments) {
      ids = new ArrayList<>(deployments);
      deployments.clear();
    }
    Collections.reverse(ids);
    for (String id : ids) {
      f = f.compose(v -> vertx.undeploy(id).recover(err -> {
        LOG.log(System.Logger.Level.WARNING, "undeploying " + id + " failed: " + err.getMessage());
        return Future.succeededFuture();
      }));
    }
    return f;
  }

  @Override
  public void close() throws Exception {
    stop().await(120, java.util.concurrent.TimeUnit.SECONDS);
  }
}
