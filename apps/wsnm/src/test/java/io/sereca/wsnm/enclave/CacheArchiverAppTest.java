package io.sereca.wsnm.enclave;

import static org.assertj.core.api.Assertions.assertThat;

import io.sereca.wsnm.cloud.WsnmService;
import io.sereca.wsnm.cloud.WsnmTestBed;
import io.sereca.wsnm.data.Reading;
import io.sereca.wsnm.data.Scan;
import io.sereca.wsnm.data.WsnmAddresses;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cache archiver enclave (sim backend) fed scans on READINGS through the secure bus: latest,
 * window (bounded by the provisioned window of 1 minute), quality, de-duplication, bad queries.
 */
class CacheArchiverAppTest {

  private static final long T0 = 1_770_000_000L;

  @TempDir
  static Path dir;

  static WsnmTestBed bed;

  @BeforeAll
  static void deploy() throws Exception {
    bed = new WsnmTestBed(dir);
    bed.secret("sereca.env.WSNM_CACHE_WINDOW_MINUTES", "1".getBytes(StandardCharsets.UTF_8));
    bed.deploy(WsnmService.CACHE, "sim");
    // Saetta: one scan every 10 s of logger time for 3 minutes; the level rises 1 cm a scan.
    for (int i = 0; i < 18; i++) {
      publish(scan("SAETTA", i + 1, T0 + 10L * i, System.currentTimeMillis(), 1010.0 + i * 0.01, Scan.GOOD, 1));
    }
    publish(scan("CONZA", 5, T0, System.currentTimeMillis() - 120_000, 415.0, Scan.SUSPECT, 400));
    Awaitility.await().atMost(Duration.ofSeconds(20)).until(() ->
        query(new JsonObject().put("op", "latest")).getJsonArray("dams").size() == 2
        && query(new JsonObject().put("op", "latest").put("dam", "SAETTA")).getJsonArray("dams")
            .getJsonObject(0).getLong("scan") == 18);
  }

  @AfterAll
  static void close() throws Exception {
    bed.close();
  }

  static Scan scan(String dam, long counter, long loggerTime, long collectedAt, double level, int quality, int age) {
    return Scan.create(dam, counter, loggerTime, collectedAt, 0x8001, 12_750, 19.5, List.of(),
        List.of(Reading.create("RESERVOIR_LEVEL", level, quality, age),
            Reading.create("AIR_TEMPERATURE", 8.5, Scan.GOOD, age)));
  }

  static void publish(Scan s) throws Exception {
    bed.bus().publish(WsnmAddresses.READINGS, Buffer.buffer(s.toJson())).await(10, TimeUnit.SECONDS);
  }

  static JsonObject query(JsonObject q) throws Exception {
    Object body = bed.bus().request(WsnmAddresses.CACHE_QUERY, q).await(10, TimeUnit.SECONDS).body();
    return body instanceof JsonObject ? (JsonObject) body : new JsonObject((Buffer) body);
  }

  static ReplyException failure(Object q) {
    try {
      bed.bus().request(WsnmAddresses.CACHE_QUERY, q).await(10, TimeUnit.SECONDS);
      throw new AssertionError("query " + q + " did not fail");
    } catch (ReplyException e) {
      return e;
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  /** The {@code [channel, value, quality, age]} reading of {@code channel} in a latest scan. */
  private static JsonArray reading(JsonObject scan, String channel) {
    return scan.getJsonArray("readings").stream().map(o -> (JsonArray) o)
        .filter(r -> channel.equals(r.getString(0))).findFirst().orElseThrow();
  }

  @Test
  void latestHoldsTheHeaderAndEveryChannelOfTheNewestScan() throws Exception {
    JsonArray dams = query(new JsonObject().put("op", "latest")).getJsonArray("dams");
    assertThat(dams.stream().map(o -> ((JsonObject) o).getString("dam")).toList()).containsExactly("CONZA", "SAETTA");
    JsonObject saetta = query(new JsonObject().put("op", "latest").put("dam", "SAETTA")).getJsonArray("dams").getJsonObject(0);
    assertThat(saetta.getLong("scan")).isEqualTo(18);
    assertThat(saetta.getLong("loggerTime")).isEqualTo(T0 + 170);
    assertThat(saetta.getInteger("batteryMv")).isEqualTo(12_750);
    assertThat(saetta.getInteger("status")).isEqualTo(0x8001);
    JsonArray level = reading(saetta, "RESERVOIR_LEVEL");
    assertThat(level.getDouble(1)).isEqualTo(1010.17);
    assertThat(level.getInteger(2)).isZero();
    assertThat(level.getInteger(3)).isEqualTo(1);
    assertThat(query(new JsonObject().put("op", "latest").put("dam", "GENZANO")).getJsonArray("dams")).isEmpty();
  }

  @Test
  void theWindowKeepsTheProvisionedMinuteOfLoggerTime() throws Exception {
    JsonArray points = query(new JsonObject().put("op", "window").put("dam", "SAETTA").put("channel", "RESERVOIR_LEVEL"))
        .getJsonArray("points");
    // 1 minute before the newest point (T0+170 s) and the newest itself: T0+110 … T0+170.
    List<Long> times = new ArrayList<>();
    points.forEach(p -> times.add(((JsonArray) p).getLong(0)));
    assertThat(times).containsExactly((T0 + 110) * 1000, (T0 + 120) * 1000, (T0 + 130) * 1000, (T0 + 140) * 1000,
        (T0 + 150) * 1000, (T0 + 160) * 1000, (T0 + 170) * 1000);
    assertThat(points.getJsonArray(6).getDouble(1)).isEqualTo(1010.17);
    assertThat(points.getJsonArray(6).getInteger(2)).isZero();
    JsonArray slice = query(new JsonObject().put("op", "window").put("dam", "SAETTA").put("channel", "RESERVOIR_LEVEL")
        .put("from", (T0 + 125) * 1000).put("to", (T0 + 150) * 1000)).getJsonArray("points");
    assertThat(slice.size()).isEqualTo(3);
  }

  @Test
  void aResentScanIsDroppedAndALateOneDoesNotReplaceTheLatest() throws Exception {
    long before = query(new JsonObject().put("op", "quality")).getLong("duplicatesDropped");
    // The collector resends SAETTA/18 (at-least-once): same key, dropped.
    publish(scan("SAETTA", 18, T0 + 170, System.currentTimeMillis(), 999.0, Scan.GOOD, 1));
    Awaitility.await().atMost(Duration.ofSeconds(10)).until(() ->
        query(new JsonObject().put("op", "quality")).getLong("duplicatesDropped") == before + 1);
    JsonObject saetta = query(new JsonObject().put("op", "latest").put("dam", "SAETTA")).getJsonArray("dams").getJsonObject(0);
    assertThat(reading(saetta, "RESERVOIR_LEVEL").getDouble(1)).isEqualTo(1010.17);
    JsonArray points = query(new JsonObject().put("op", "window").put("dam", "SAETTA").put("channel", "RESERVOIR_LEVEL"))
        .getJsonArray("points");
    assertThat(points.size()).isEqualTo(7);
  }

  @Test
  void qualityReportsStaleAndNotGoodChannelsPerDam() throws Exception {
    JsonObject q = query(new JsonObject().put("op", "quality").put("staleSeconds", 300));
    JsonObject conza = null;
    JsonObject saetta = null;
    for (Object o : q.getJsonArray("dams")) {
      JsonObject d = (JsonObject) o;
      if (d.getString("dam").equals("CONZA")) {
        conza = d;
      } else {
        saetta = d;
      }
    }
    assertThat(conza).isNotNull();
    assertThat(saetta).isNotNull();
    // CONZA: reported ages 400 s (> 300) and collected 2 minutes ago; its level is SUSPECT.
    assertThat(conza.getJsonArray("stale").getList()).containsExactly("RESERVOIR_LEVEL", "AIR_TEMPERATURE");
    assertThat(conza.getJsonArray("notGood").getJsonObject(0).getMap())
        .containsEntry("channel", "RESERVOIR_LEVEL").containsEntry("quality", 1);
    assertThat(conza.getLong("lastScanTime")).isEqualTo(T0);
    assertThat(conza.getInteger("batteryMv")).isEqualTo(12_750);
    assertThat(saetta.getJsonArray("stale")).isEmpty();
    assertThat(saetta.getJsonArray("notGood")).isEmpty();
  }

  @Test
  void badQueriesFailWith400NamingTheProblemAndTheCacheLivesOn() throws Exception {
    assertThat(failure(new JsonObject().put("op", "nearest")).getMessage()).contains("unknown op 'nearest'");
    assertThat(failure(new JsonObject()).getMessage()).contains("op");
    assertThat(failure("{not json").failureCode()).isEqualTo(400);
    assertThat(failure(new JsonObject().put("op", "window").put("dam", "SAETTA")).getMessage()).contains("channel");
    assertThat(failure(new JsonObject().put("op", "window").put("dam", "SAETTA").put("channel", "INFLOW")
        .put("from", 10).put("to", 5)).getMessage()).contains("after");
    assertThat(failure(new JsonObject().put("op", "latest").put("dam", 7)).getMessage()).contains("dam");
    assertThat(query(new JsonObject().put("op", "latest")).getJsonArray("dams").size()).isEqualTo(2);
  }
}
