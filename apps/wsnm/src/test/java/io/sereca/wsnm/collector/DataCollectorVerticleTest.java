package io.sereca.wsnm.collector;

import static org.assertj.core.api.Assertions.assertThat;

import com.ghgande.j2mod.modbus.facade.ModbusTCPMaster;
import com.ghgande.j2mod.modbus.procimg.SimpleRegister;
import io.sereca.wsnm.Channel;
import io.sereca.wsnm.Dam;
import io.sereca.wsnm.DamSimulatorOptions;
import io.sereca.wsnm.RegisterMap;
import io.sereca.wsnm.Scenario;
import io.sereca.wsnm.WordOrder;
import io.sereca.wsnm.data.Reading;
import io.sereca.wsnm.data.Scan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The collector against the simulator's real Modbus servers and the real collector enclave: values,
 * store-and-forward, restart on the same buffer, an offline logger, word order, a full buffer.
 */
class DataCollectorVerticleTest {

  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir
  Path dir;

  private CollectorBed t;

  @AfterEach
  void close() throws Exception {
    if (t != null) {
      t.close();
    }
  }

  private CollectorBed bed(Dam... dams) throws Exception {
    return bed(new DamSimulatorOptions(), dams);
  }

  private CollectorBed bed(DamSimulatorOptions sim, Dam... dams) throws Exception {
    t = new CollectorBed(dir);
    t.simulator(EnumSet.of(dams[0], dams), sim);
    return t;
  }

  private static Map<Channel, Float> values(CollectorBed t, Dam dam) {
    Map<Channel, Float> m = new HashMap<>();
    for (Channel c : Channel.values()) {
      m.put(c, (float) t.sim.value(dam, c));
    }
    return m;
  }

  private void awaitStored(Dam... dams) {
    for (Dam d : dams) {
      String key = d.name() + "/" + t.sim.scanCounter(d);
      Awaitility.await(key + " stored").atMost(WAIT).until(() -> t.storedScans.containsKey(key));
    }
  }

  private void awaitPolled(Dam dam, double n) {
    Awaitility.await("polled " + n).atMost(WAIT)
        .until(() -> t.counter("wsnm.collector.scans.polled", "dam", dam.name()) >= n);
  }

  private void awaitDurable(double n) {
    Awaitility.await("durable " + n).atMost(WAIT).until(() -> t.counter("wsnm.collector.scans.durable") >= n);
  }

  @ParameterizedTest
  @ValueSource(strings = {"sim", "process"})
  void everyScanReachesReadingsAndStorageWithTheSimulatorsValues(String backend) throws Exception {
    bed(Dam.CONZA, Dam.SAETTA);
    t.enclave(backend);
    t.storageUp();
    t.listenReadings();
    t.collector(t.options(dir.resolve("buffer")));
    Map<String, Map<Channel, Float>> expected = new HashMap<>();
    for (int i = 0; i < 5; i++) {
      if (i > 0) {
        t.tick();
      }
      for (Dam d : List.of(Dam.CONZA, Dam.SAETTA)) {
        expected.put(d.name() + "/" + t.sim.scanCounter(d), values(t, d));
      }
      awaitStored(Dam.CONZA, Dam.SAETTA);
    }
    assertThat(t.distinctStored()).containsExactlyInAnyOrderElementsOf(expected.keySet());
    Awaitility.await().atMost(WAIT).until(() -> t.readings.size() >= expected.size());
    for (Scan s : t.readings) {
      Map<Channel, Float> want = expected.get(s.key());
      assertThat(want).as(s.key()).isNotNull();
      assertThat(s.flags()).isEmpty();
      assertThat(s.collectedAt()).isPositive();
      assertThat(s.status() & RegisterMap.STATUS_SIMULATED).isNotZero();
      assertThat(s.readings()).hasSize(Channel.values().length);
      for (Reading r : s.readings()) {
        assertThat((float) r.value()).as(s.key() + " " + r.channel()).isEqualTo(want.get(Channel.valueOf(r.channel())));
        assertThat(r.quality()).isEqualTo(Scan.GOOD);
      }
      assertThat(s).isEqualTo(t.storedScans.get(s.key()));
    }
    Awaitility.await().atMost(WAIT).until(() -> t.gauge("wsnm.collector.buffered") == 0);
    assertThat(t.counter("wsnm.collector.scans.acknowledged")).isGreaterThanOrEqualTo(10);
  }

  @Test
  void withoutStorageScansStayOnDiskAndAllArriveInOrderOnceItIsBack() throws Exception {
    bed(Dam.PERTUSILLO);
    t.enclave("sim");
    Path buffer = dir.resolve("buffer");
    t.collector(t.options(buffer));
    long first = t.sim.scanCounter(Dam.PERTUSILLO);
    for (int i = 1; i <= 6; i++) {
      awaitDurable(i);
      t.tick();
    }
    awaitDurable(7);
    long last = t.sim.scanCounter(Dam.PERTUSILLO);
    // Delivery was attempted (and failed: nobody stores) while the scans sat on disk.
    Awaitility.await().atMost(WAIT).until(() -> t.counter("wsnm.collector.delivery.failures") > 0);
    assertThat(t.gauge("wsnm.collector.buffered")).isEqualTo(7);
    assertThat(t.stored).isEmpty();
    long bytes;
    try (Stream<Path> s = Files.list(buffer)) {
      bytes = s.filter(p -> p.getFileName().toString().startsWith("seg-")).mapToLong(p -> p.toFile().length()).sum();
    }
    assertThat(bytes).as("journal bytes").isGreaterThan(7 * 500);

    t.storageUp();
    Awaitility.await().atMost(WAIT).until(() -> t.storedScans.size() == 7);
    assertThat(t.distinctStored()).containsExactlyElementsOf(CollectorBed.keys(Dam.PERTUSILLO, first, last));
    Awaitility.await().atMost(WAIT).until(() -> t.gauge("wsnm.collector.buffered") == 0);
  }

  @Test
  void aRestartOnTheSameBufferResendsWhatWasNotAcknowledged() throws Exception {
    bed(Dam.CAMASTRA);
    t.enclave("sim");
    Path buffer = dir.resolve("buffer");
    String id = t.collector(t.options(buffer));
    long first = t.sim.scanCounter(Dam.CAMASTRA);
    for (int i = 1; i <= 4; i++) {
      awaitDurable(i);
      t.tick();
    }
    awaitDurable(5);
    long beforeStop = t.sim.scanCounter(Dam.CAMASTRA);
    t.undeploy(id);
    // Two scans happen while the collector is down: the logger keeps only its latest scan.
    t.tick();
    t.tick();
    long missed = beforeStop + 1;
    t.storageUp();
    t.collector(t.options(buffer));
    long now = t.sim.scanCounter(Dam.CAMASTRA);
    Awaitility.await().atMost(WAIT).until(() -> t.storedScans.containsKey("CAMASTRA/" + now));
    assertThat(t.distinctStored()).containsExactlyElementsOf(
        List.of("CAMASTRA/" + first, "CAMASTRA/" + (first + 1), "CAMASTRA/" + (first + 2), "CAMASTRA/" + (first + 3),
            "CAMASTRA/" + beforeStop, "CAMASTRA/" + now));
    assertThat(t.storedScans).doesNotContainKey("CAMASTRA/" + missed);
    // The gap is visible downstream: the first scan after it says the counter jumped.
    assertThat(t.storedScans.get("CAMASTRA/" + now).flags()).containsExactly(Scan.FLAG_COUNTER_JUMP);
    assertThat(t.storedScans.get("CAMASTRA/" + beforeStop).flags()).isEmpty();
  }

  @Test
  void anOfflineLoggerProducesNoScansIsCountedAndResumesWhenSwitchedBack() throws Exception {
    bed(Dam.GENZANO);
    t.enclave("sim");
    t.storageUp();
    t.collector(t.options(dir.resolve("buffer")));
    awaitStored(Dam.GENZANO);
    long before = t.sim.scanCounter(Dam.GENZANO);
    ModbusTCPMaster m = new ModbusTCPMaster("127.0.0.1", t.sim.port(Dam.GENZANO), 2000, false);
    m.connect();
    try {
      m.writeSingleRegister(RegisterMap.UNIT_ID, RegisterMap.HR_SCENARIO, new SimpleRegister(Scenario.LOGGER_OFFLINE.code()));
      assertThat(t.sim.scenario(Dam.GENZANO)).isEqualTo(Scenario.LOGGER_OFFLINE);
      for (int i = 0; i < 3; i++) {
        t.tick();
      }
      Awaitility.await().atMost(WAIT).until(() ->
          t.counter("wsnm.collector.logger.errors", "dam", "GENZANO", "kind", "exception") >= 3);
      assertThat(t.storedScans).hasSize(1);
      assertThat(t.sim.scanCounter(Dam.GENZANO)).isEqualTo(before);

      m.writeSingleRegister(RegisterMap.UNIT_ID, RegisterMap.HR_SCENARIO, new SimpleRegister(Scenario.NORMAL.code()));
      t.tick();
      awaitStored(Dam.GENZANO);
    } finally {
      m.disconnect();
    }
    Scan back = t.storedScans.get("GENZANO/" + (before + 1));
    assertThat(back).isNotNull();
    assertThat(back.flags()).isEmpty();
    assertThat(t.storedScans).hasSize(2);
  }

  @Test
  void cdabWordOrderDecodesToTheSameValuesAlsoWhenSwitchedMidRun() throws Exception {
    bed(new DamSimulatorOptions().setWordOrder(WordOrder.CDAB), Dam.ACERENZA);
    t.enclave("sim");
    t.storageUp();
    t.collector(t.options(dir.resolve("buffer")));
    Map<String, Map<Channel, Float>> expected = new HashMap<>();
    expected.put("ACERENZA/" + t.sim.scanCounter(Dam.ACERENZA), values(t, Dam.ACERENZA));
    awaitStored(Dam.ACERENZA);
    ModbusTCPMaster m = new ModbusTCPMaster("127.0.0.1", t.sim.port(Dam.ACERENZA), 2000, false);
    m.connect();
    try {
      m.writeSingleRegister(RegisterMap.UNIT_ID, RegisterMap.HR_WORD_ORDER, new SimpleRegister(WordOrder.ABCD.code()));
    } finally {
      m.disconnect();
    }
    t.tick();
    expected.put("ACERENZA/" + t.sim.scanCounter(Dam.ACERENZA), values(t, Dam.ACERENZA));
    awaitStored(Dam.ACERENZA);
    for (Map.Entry<String, Map<Channel, Float>> e : expected.entrySet()) {
      Scan s = t.storedScans.get(e.getKey());
      for (Reading r : s.readings()) {
        assertThat((float) r.value()).as(e.getKey() + " " + r.channel()).isEqualTo(e.getValue().get(Channel.valueOf(r.channel())));
      }
    }
  }

  @Test
  void aFullBufferRefusesNewScansLoudlyAndTheGapIsFlagged() throws Exception {
    bed(Dam.MONTE_COTUGNO);
    t.enclave("sim");
    t.collector(t.options(dir.resolve("buffer")).setMaxBufferedScans(3));
    long first = t.sim.scanCounter(Dam.MONTE_COTUGNO);
    for (int i = 1; i <= 3; i++) {
      awaitDurable(i);
      t.tick();
    }
    awaitPolled(Dam.MONTE_COTUGNO, 4);
    t.tick();
    awaitPolled(Dam.MONTE_COTUGNO, 5);
    assertThat(t.counter("wsnm.collector.scans.refused", "dam", "MONTE_COTUGNO")).isEqualTo(2);
    assertThat(t.gauge("wsnm.collector.buffer.full")).isEqualTo(1);
    assertThat(t.gauge("wsnm.collector.buffered")).isEqualTo(3);

    t.storageUp();
    Awaitility.await().atMost(WAIT).until(() -> t.storedScans.size() == 3);
    assertThat(t.distinctStored()).containsExactlyElementsOf(CollectorBed.keys(Dam.MONTE_COTUGNO, first, first + 2));
    t.tick();
    awaitStored(Dam.MONTE_COTUGNO);
    Scan after = t.storedScans.get("MONTE_COTUGNO/" + t.sim.scanCounter(Dam.MONTE_COTUGNO));
    assertThat(after.flags()).containsExactly(Scan.FLAG_COUNTER_JUMP);
    assertThat(t.gauge("wsnm.collector.buffer.full")).isEqualTo(0);
    List<String> all = new ArrayList<>(t.distinctStored());
    assertThat(all).hasSize(4);
  }

  @Test
  void badOptionsAreRefusedNamingTheProblem() throws Exception {
    t = new CollectorBed(dir);
    io.vertx.core.json.JsonObject typo = new DataCollectorOptions().setBufferDirectory(dir.toString()).toJson()
        .put("pollIntervall", 5);
    assertThat(deployFailure(typo)).hasMessageContaining("unknown key 'pollIntervall'");
    assertThat(deployFailure(new DataCollectorOptions().setBufferDirectory(dir.toString()).toJson()))
        .hasMessageContaining("at least one logger");
    assertThat(deployFailure(new DataCollectorOptions().addLogger(new LoggerEndpoint(Dam.CONZA, "127.0.0.1", 1)).toJson()))
        .hasMessageContaining("bufferDirectory");
  }

  private Throwable deployFailure(io.vertx.core.json.JsonObject config) {
    return t.bed.vertx.deployVerticle(new DataCollectorVerticle(t.registry),
        new io.vertx.core.DeploymentOptions().setConfig(config)).map(x -> (Throwable) null).otherwise(e -> e).await();
  }
}
