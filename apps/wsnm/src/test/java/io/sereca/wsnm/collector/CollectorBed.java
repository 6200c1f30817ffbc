package io.sereca.wsnm.collector;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sereca.bus.SecureMessageConsumer;
import io.sereca.wsnm.Dam;
import io.sereca.wsnm.DamSimulator;
import io.sereca.wsnm.DamSimulatorOptions;
import io.sereca.wsnm.SteppedClock;
import io.sereca.wsnm.cloud.WsnmService;
import io.sereca.wsnm.cloud.WsnmTestBed;
import io.sereca.wsnm.data.Scan;
import io.sereca.wsnm.data.WsnmAddresses;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * What the collector tests share: the WSNM test bed (real enclaves, dev provisioner), a SIMULATED
 * dam simulator on a stepped clock (real Modbus TCP servers on ephemeral ports), a storage
 * participant on the bed's secure bus that acks INGEST_STORAGE and counts keys, and a listener
 * on READINGS.
 */
final class CollectorBed implements AutoCloseable {

  static final String TOKEN = "collector-token-for-tests";
  static final Instant START = Instant.parse("2026-02-01T00:00:00Z");

  final WsnmTestBed bed;
  final SteppedClock clock = new SteppedClock(START);
  final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  DamSimulator sim;
  /** Keys in the order storage received them (repeats included). */
  final List<String> stored = new CopyOnWriteArrayList<>();
  final Map<String, Scan> storedScans = new ConcurrentHashMap<>();
  final List<Scan> readings = new CopyOnWriteArrayList<>();
  private SecureMessageConsumer<Object> storage;
  private SecureMessageConsumer<Object> readingsConsumer;

  CollectorBed(Path dir) throws Exception {
    bed = new WsnmTestBed(dir);
    // The collector enclave accepts scans only with this token (its host has it in its config).
    bed.secret("sereca.env.WSNM_COLLECTOR_TOKEN", TOKEN.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  DamSimulator simulator(Set<Dam> dams, DamSimulatorOptions base) throws IOException {
    DamSimulatorOptions o = new DamSimulatorOptions(base).setDams(EnumSet.copyOf(dams)).setTicking(false);
    for (Dam d : dams) {
      o.setPort(d, freePort());
    }
    sim = DamSimulator.create(o, clock);
    sim.start();
    return sim;
  }

  /** One scan interval (10 s) of simulated time: every logger scans once. */
  void tick() {
    clock.advance(Duration.ofSeconds(10));
    sim.tick();
  }

  String enclave(String backend) throws Exception {
    return bed.deploy(WsnmService.COLLECTOR, backend);
  }

  DataCollectorOptions options(Path buffer) {
    DataCollectorOptions o = new DataCollectorOptions().setCollectorId("test").setBufferDirectory(buffer.toString())
        .setPollIntervalMillis(20).setRetryBackoffMillis(50).setMaxRetryBackoffMillis(400)
        .setDeliveryTimeoutMillis(5000).setRequestTimeoutMillis(1000).setEnclaveToken(TOKEN);
    for (Dam d : sim.dams()) {
      o.addLogger(new LoggerEndpoint(d, "127.0.0.1", sim.port(d)));
    }
    return o;
  }

  String collector(DataCollectorOptions o) throws Exception {
    return bed.vertx.deployVerticle(new DataCollectorVerticle(registry), new DeploymentOptions().setConfig(o.toJson()))
        .await(30, TimeUnit.SECONDS);
  }

  void undeploy(String id) throws Exception {
    bed.vertx.undeploy(id).await(30, TimeUnit.SECONDS);
  }

  static Scan scanOf(Object body) {
    byte[] b = body instanceof Buffer ? ((Buffer) body).getBytes() : String.valueOf(body).getBytes();
    return Scan.fromJson(b);
  }

  void storageUp() throws Exception {
    storage = bed.bus().consumer(WsnmAddresses.INGEST_STORAGE, m -> {
      Scan s = scanOf(m.body());
      boolean dup = storedScans.putIfAbsent(s.key(), s) != null;
      stored.add(s.key());
      m.reply(new JsonObject().put("ack", true).put("key", s.key()).put("duplicate", dup));
    });
    storage.completion().await(10, TimeUnit.SECONDS);
  }

  void storageDown() throws Exception {
    storage.unregister().await(10, TimeUnit.SECONDS);
    storage = null;
  }

  void listenReadings() throws Exception {
    readingsConsumer = bed.bus().consumer(WsnmAddresses.READINGS, m -> readings.add(scanOf(m.body())));
    readingsConsumer.completion().await(10, TimeUnit.SECONDS);
  }

  /** Distinct keys stored, in the order of their first arrival. */
  List<String> distinctStored() {
    Map<String, Boolean> seen = new LinkedHashMap<>();
    stored.forEach(k -> seen.putIfAbsent(k, true));
    return new ArrayList<>(seen.keySet());
  }

  /** Keys of {@code dam} from counter {@code from} to {@code to}. */
  static List<String> keys(Dam dam, long from, long to) {
    List<String> out = new ArrayList<>();
    for (long c = from; c <= to; c++) {
      out.add(dam.name() + "/" + c);
    }
    return Collections.unmodifiableList(out);
  }

  double counter(String name, String... tags) {
    Counter c = registry.find(name).tags(tags).counter();
    return c == null ? 0 : c.count();
  }

  double gauge(String name) {
    Gauge g = registry.find(name).gauge();
    return g == null ? -1 : g.value();
  }

  @Override
  public void close() throws Exception {
    try {
      bed.close();
    } finally {
      if (sim != null) {
        sim.close();
      }
    }
  }
}
