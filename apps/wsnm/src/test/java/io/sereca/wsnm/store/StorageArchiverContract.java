package io.sereca.wsnm.store;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sereca.bus.SecureEventBus;
import io.sereca.bus.SecureMessage;
import io.sereca.wsnm.cloud.WsnmService;
import io.sereca.wsnm.cloud.WsnmTestBed;
import io.sereca.wsnm.data.Reading;
import io.sereca.wsnm.data.Scan;
import io.sereca.wsnm.data.StoreFrames;
import io.sereca.wsnm.data.StoreRow;
import io.sereca.wsnm.data.WsnmAddresses;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The storage archiver end to end: the {@code StorageArchiverApp} in a secure verticle, its host's
 * {@link RecordStoreVerticle} on a real database, and a participant on the secure bus holding the
 * WSNM keys. Subclasses choose the backend and the database.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class StorageArchiverContract {

  static final long DAY = 86_400_000L;
  static final long MINUTE = 60_000L;

  WsnmTestBed bed;
  SecureEventBus bus;
  Path dir;
  String url;
  String storeDeployment;
  String enclaveDeployment;

  abstract String backend();

  /** A fresh database url for this class. */
  abstract String databaseUrl(Path dir) throws Exception;

  /** A plain JDBC connection to that database (the test acting as the curious host). */
  abstract Connection jdbc() throws Exception;

  /** Every byte the database keeps at rest (files and/or table contents). */
  abstract List<byte[]> bytesAtRest() throws Exception;

  @BeforeAll
  void startArchiver() throws Exception {
    dir = Files.createTempDirectory("wsnm-storage-test");
    url = databaseUrl(dir);  // first: skips the class before anything starts when there is no database
    bed = new WsnmTestBed(dir);
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    bed.secret(io.sereca.wsnm.enclave.store.RecordSealer.SECRET, key);
    bed.secret("sereca.env.WSNM_RETENTION_DAYS", "30".getBytes());
    deployBoth();
    bus = bed.bus();
  }

  void deployBoth() throws Exception {
    storeDeployment = bed.vertx.deployVerticle(new RecordStoreVerticle(new RecordStoreOptions().setUrl(url)
        .setTickIntervalMillis(0))).await(60, TimeUnit.SECONDS);
    enclaveDeployment = bed.deploy(WsnmService.STORAGE, backend());
  }

  @AfterAll
  void stopArchiver() throws Exception {
    if (bed != null) {
      bed.close();
    }
  }

  static Scan scan(String dam, long counter, long collectedAt, double... values) {
    List<Reading> readings = new ArrayList<>();
    for (int i = 0; i < values.length; i++) {
      readings.add(Reading.create("CH" + i, values[i], 0, 2));
    }
    return Scan.create(dam, counter, collectedAt / 1000, collectedAt, 0x8001, 12_800, 21.5, List.of(), readings);
  }

  static JsonObject json(Object body) {
    if (body instanceof Buffer) {
      return new JsonObject((Buffer) body);
    }
    if (body instanceof String) {
      return new JsonObject((String) body);
    }
    if (body instanceof byte[]) {
      return new JsonObject(Buffer.buffer((byte[]) body));
    }
    return (JsonObject) body;
  }

  JsonObject ingest(Scan s) throws Exception {
    return json(bus.<Object>request(WsnmAddresses.INGEST_STORAGE, Buffer.buffer(s.toJson()))
        .await(60, TimeUnit.SECONDS).body());
  }

  JsonObject query(JsonObject q) throws Exception {
    return json(bus.<Object>request(WsnmAddresses.STORAGE_QUERY, Buffer.buffer(q.encode()))
        .await(60, TimeUnit.SECONDS).body());
  }

  ReplyException refused(String address, String body) {
    return assertThrows(ReplyException.class,
        () -> bus.<Object>request(address, Buffer.buffer(body)).await(60, TimeUnit.SECONDS));
  }

  long readingRows() throws Exception {
    return query(new JsonObject().put("op", "stats")).getJsonObject("database").getJsonObject("readings")
        .getLong("rows");
  }

  /** A recent, granule-aligned time, distinct per test (retention must not touch it). */
  static long recent(int slot) {
    long now = System.currentTimeMillis();
    return (now - DAY / 2) / MINUTE * MINUTE - slot * 3 * 3_600_000L;
  }

  @Test
  void ingestIsAcknowledgedOnceStoredAndADuplicateIsStoredOnce() throws Exception {
    long rows = readingRows();
    Scan s = scan("ACK_DAM", 42, recent(1), 1.0, 2.0);
    JsonObject ack = ingest(s);
    assertEquals(new JsonObject().put("ack", true).put("key", "ACK_DAM/42").put("duplicate", false), ack);
    assertEquals(rows + 1, readingRows());
    JsonObject again = ingest(s);
    assertTrue(again.getBoolean("duplicate"), again.encode());
    assertEquals(rows + 1, readingRows(), "the duplicate is not stored again");
    // The same counter at another time is the same scan (the contract's key): still a duplicate.
    assertTrue(ingest(scan("ACK_DAM", 42, recent(1) + 5_000, 9.0)).getBoolean("duplicate"));
    assertFalse(ingest(scan("ACK_DAM_2", 42, recent(1), 1.0)).getBoolean("duplicate"), "another dam's scan 42");
  }

  @Test
  void noAcknowledgementWhenTheDatabaseIsNotThere() throws Exception {
    bed.vertx.undeploy(storeDeployment).await(30, TimeUnit.SECONDS);
    try {
      ReplyException e = refused(WsnmAddresses.INGEST_STORAGE, new String(scan("NOACK", 1, recent(1), 1).toJson()));
      assertEquals(503, e.failureCode());
      assertTrue(e.getMessage().contains("storage write failed"), e.getMessage());
    } finally {
      storeDeployment = bed.vertx.deployVerticle(new RecordStoreVerticle(new RecordStoreOptions().setUrl(url)
          .setTickIntervalMillis(0))).await(60, TimeUnit.SECONDS);
    }
    assertFalse(ingest(scan("NOACK", 1, recent(1), 1)).getBoolean("duplicate"), "it was never stored");
  }

  @Test
  void trendDownsamplesLikeAHandComputation() throws Exception {
    long t0 = recent(2);
    // Twelve scans 10 s apart, CH0 = 1.5 * i; scan 5's CH0 is BAD and must not count.
    List<Future<?>> acks = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      List<Reading> r = List.of(Reading.create("CH0", 1.5 * i, i == 5 ? 2 : 0, 1), Reading.create("CH1", -i, 0, 1));
      Scan s = Scan.create("TREND_DAM", 100 + i, t0 / 1000 + 10 * i, t0 + 10_000L * i, 0, 12_000, 20.0, List.of(), r);
      acks.add(bus.request(WsnmAddresses.INGEST_STORAGE, Buffer.buffer(s.toJson())));
    }
    ingest(scan("TREND_DAM", 99, t0 - 1, 1000.0));          // just before the range
    ingest(scan("TREND_DAM", 200, t0 + 120_000, 1000.0));   // at 'to': excluded
    ingest(scan("OTHER_DAM", 1, t0 + 1, 1000.0));           // another dam
    Future.all(new ArrayList<>(acks)).await(60, TimeUnit.SECONDS);
    JsonObject t = query(new JsonObject().put("op", "trend").put("dam", "TREND_DAM").put("channel", "CH0")
        .put("from", t0).put("to", t0 + 120_000).put("buckets", 3));
    // Width 40 s: bucket 0 = i 0..3 (0, 1.5, 3, 4.5); bucket 1 = i 4..7 without 5 (6, 9, 10.5);
    // bucket 2 = i 8..11 (12, 13.5, 15, 16.5).
    JsonArray expected = new JsonArray()
        .add(new JsonArray().add(t0).add(0.0).add(2.25).add(4.5).add(4))
        .add(new JsonArray().add(t0 + 40_000).add(6.0).add(8.5).add(10.5).add(3))
        .add(new JsonArray().add(t0 + 80_000).add(12.0).add(14.25).add(16.5).add(4));
    JsonArray points = t.getJsonArray("points");
    assertEquals(3, points.size(), t.encode());
    for (int b = 0; b < 3; b++) {
      JsonArray p = points.getJsonArray(b);
      JsonArray e = expected.getJsonArray(b);
      assertEquals(e.getLong(0), p.getLong(0), "bucket start " + b);
      for (int k = 1; k <= 3; k++) {
        assertEquals(e.getDouble(k), p.getDouble(k), 1e-9, "bucket " + b + " column " + k);
      }
      assertEquals(e.getLong(4), p.getLong(4), "bucket count " + b);
    }
    assertEquals(40_000, t.getLong("bucketMillis"));
    assertEquals(12, t.getLong("records"));
    assertEquals(1, t.getLong("notGood"));
    assertEquals(0, t.getLong("tampered"));
  }

  @Test
  void csvHasAHeaderAndOneRowPerReadingAndABound() throws Exception {
    long t0 = recent(3);
    ingest(scan("CSV_DAM", 1, t0, 412.25, 7.5));
    ingest(scan("CSV_DAM", 2, t0 + 10_000, 412.5, 7.0));
    JsonObject all = query(new JsonObject().put("op", "csv").put("dam", "CSV_DAM").put("from", t0)
        .put("to", t0 + MINUTE));
    String[] lines = all.getString("csv").split("\r\n");
    assertEquals("time,dam,scan,loggerTime,channel,value,quality,ageSeconds", lines[0]);
    assertEquals(5, lines.length, all.getString("csv"));
    String iso = java.time.Instant.ofEpochMilli(t0).toString();
    String loggerIso = java.time.Instant.ofEpochSecond(t0 / 1000).toString();
    assertEquals(iso + ",CSV_DAM,1," + loggerIso + ",CH0,412.25,0,2", lines[1]);
    assertEquals(4, all.getLong("rows"));
    JsonObject one = query(new JsonObject().put("op", "csv").put("dam", "CSV_DAM").put("channel", "CH1")
        .put("from", t0).put("to", t0 + MINUTE));
    assertEquals(3, one.getString("csv").split("\r\n").length);
    assertTrue(one.getString("csv").endsWith(",CH1,7.0,0,2\r\n"), one.getString("csv"));

    // Past the bound: 64,000 rows of ~80 characters is more than the 4 MiB a reply may carry.
    long t1 = recent(4);
    List<Future<?>> acks = new ArrayList<>();
    double[] twenty = new double[20];
    for (int i = 0; i < 3200; i++) {
      acks.add(bus.request(WsnmAddresses.INGEST_STORAGE, Buffer.buffer(scan("BIG_DAM", i, t1 + i * 1000L, twenty).toJson())));
    }
    Future.all(new ArrayList<>(acks)).await(120, TimeUnit.SECONDS);
    ReplyException e = refused(WsnmAddresses.STORAGE_QUERY, new JsonObject().put("op", "csv").put("dam", "BIG_DAM")
        .put("from", t1).put("to", t1 + DAY).encode());
    assertEquals(413, e.failureCode());
    assertTrue(e.getMessage().contains("shorter time range"), e.getMessage());
    assertEquals(3201, query(new JsonObject().put("op", "csv").put("dam", "BIG_DAM").put("channel", "CH3")
        .put("from", t1).put("to", t1 + DAY)).getString("csv").split("\r\n").length);
  }

  @Test
  void alarmTransitionsBecomeAHistoryNewestFirst() throws Exception {
    long t0 = recent(5);
    String[] states = {"UNACK_ACTIVE", "ACK_ACTIVE", "UNACK_RTN", "NORMAL"};
    for (int i = 0; i < states.length; i++) {
      bus.send(WsnmAddresses.STORAGE_ALARM, Buffer.buffer(new JsonObject().put("id", "A-17").put("dam", "ALARM_DAM")
          .put("state", states[i]).put("time", t0 + i * 1000).put("rule", "level-high").encode()));
    }
    JsonObject resent = new JsonObject().put("id", "A-17").put("dam", "ALARM_DAM").put("state", "NORMAL")
        .put("time", t0 + 3000).put("rule", "level-high");
    JsonObject ack = json(bus.<Object>request(WsnmAddresses.STORAGE_ALARM, Buffer.buffer(resent.encode()))
        .await(60, TimeUnit.SECONDS).body());
    assertTrue(ack.getBoolean("duplicate"), "an identical resend is a duplicate");
    bus.send(WsnmAddresses.STORAGE_ALARM, Buffer.buffer(new JsonObject().put("id", "B-1").put("dam", "ALARM_DAM_2")
        .put("state", "UNACK_ACTIVE").put("time", t0 + 500).encode()));
    JsonObject q = new JsonObject().put("op", "alarms").put("dam", "ALARM_DAM").put("from", t0).put("to", t0 + MINUTE)
        .put("limit", 3);
    await().atMost(Duration.ofSeconds(30)).until(() -> query(q).getLong("matched") == 4);
    JsonObject h = query(q);
    JsonArray alarms = h.getJsonArray("alarms");
    assertEquals(3, alarms.size());
    assertEquals("NORMAL", alarms.getJsonObject(0).getString("state"));
    assertEquals("UNACK_RTN", alarms.getJsonObject(1).getString("state"));
    assertEquals("ACK_ACTIVE", alarms.getJsonObject(2).getString("state"));
    assertEquals("level-high", alarms.getJsonObject(0).getString("rule"), "stored as sent");
    JsonObject everyDam = query(new JsonObject().put("op", "alarms").put("from", t0).put("to", t0 + MINUTE));
    assertEquals(5, everyDam.getLong("matched"));
    assertEquals("B-1", everyDam.getJsonArray("alarms").getJsonObject(3).getString("id"));
    ReplyException e = refused(WsnmAddresses.STORAGE_ALARM, new JsonObject().put("id", "X").put("dam", "D")
        .put("state", "S").encode());
    assertEquals(400, e.failureCode());
    assertTrue(e.getMessage().contains("needs a time"), e.getMessage());
  }

  @Test
  void retentionDeletesOldRecordsOnTheTickAndOnRequest() throws Exception {
    long now = System.currentTimeMillis();
    ingest(scan("RETAIN_DAM", 1, now - 40 * DAY, 1));
    ingest(scan("RETAIN_DAM", 2, now - 10 * DAY, 2));
    ingest(scan("RETAIN_DAM", 3, now - 2 * DAY, 3));
    JsonObject window = new JsonObject().put("op", "csv").put("dam", "RETAIN_DAM").put("from", now - 60 * DAY)
        .put("to", now);
    assertEquals(3, query(window).getLong("records"));
    // The host only says "now"; the enclave's configured 30 days (WSNM_RETENTION_DAYS) decide.
    bed.vertx.eventBus().send(WsnmAddresses.TICK_STORAGE, Buffer.buffer());
    await().atMost(Duration.ofSeconds(30)).until(() -> query(window).getLong("records") == 2);
    JsonObject r = query(new JsonObject().put("op", "retention").put("days", 5));
    assertEquals(1, r.getJsonObject("purged").getLong("readings"), r.encode());
    assertEquals(1, query(window).getLong("records"));
    assertEquals(30, query(new JsonObject().put("op", "stats")).getInteger("retentionDays"));
    assertEquals(400, refused(WsnmAddresses.STORAGE_QUERY, "{\"op\":\"retention\",\"days\":0}").failureCode());
  }

  @Test
  void aRestartWithTheSameDatabaseAndKeyKeepsDataAndDeduplication() throws Exception {
    long t0 = recent(6);
    ingest(scan("RESTART_DAM", 7, t0, 3.25));
    bed.vertx.undeploy(enclaveDeployment).await(60, TimeUnit.SECONDS);
    bed.vertx.undeploy(storeDeployment).await(60, TimeUnit.SECONDS);
    deployBoth();
    JsonObject csv = query(new JsonObject().put("op", "csv").put("dam", "RESTART_DAM").put("from", t0)
        .put("to", t0 + MINUTE));
    assertTrue(csv.getString("csv").contains(",RESTART_DAM,7,"), csv.encode());
    assertTrue(ingest(scan("RESTART_DAM", 7, t0, 3.25)).getBoolean("duplicate"));
  }

  @Test
  void tamperedRowsAreSkippedCountedAndNeverReturned() throws Exception {
    long t0 = recent(7);
    Map<String, Long> before = ids();
    for (int i = 0; i < 5; i++) {
      ingest(scan("TAMPER_DAM", i, t0 + i * MINUTE, 100 + i));
    }
    List<byte[]> mine = new ArrayList<>();
    Map<String, Long> after = ids();
    after.keySet().removeAll(before.keySet());
    after.entrySet().stream().sorted(Map.Entry.comparingByValue())
        .forEach(e -> mine.add(java.util.HexFormat.of().parseHex(e.getKey())));
    assertEquals(5, mine.size());
    try (Connection c = jdbc()) {
      byte[] blob = blob(c, mine.get(0));
      blob[blob.length - 3] ^= 1;
      update(c, "UPDATE wsnm_records SET ciphertext = ? WHERE id = ?", blob, mine.get(0));
      try (PreparedStatement ps = c.prepareStatement("UPDATE wsnm_records SET t_coarse = t_coarse + ? WHERE id = ?")) {
        ps.setLong(1, 2 * MINUTE);
        ps.setBytes(2, mine.get(1));
        assertEquals(1, ps.executeUpdate());
      }
      byte[] third = blob(c, mine.get(2));
      byte[] fourth = blob(c, mine.get(3));
      update(c, "UPDATE wsnm_records SET ciphertext = ? WHERE id = ?", fourth, mine.get(2));
      update(c, "UPDATE wsnm_records SET ciphertext = ? WHERE id = ?", third, mine.get(3));
    }
    long tamperedBefore = query(new JsonObject().put("op", "stats")).getLong("tampered");
    JsonObject csv = query(new JsonObject().put("op", "csv").put("dam", "TAMPER_DAM").put("from", t0)
        .put("to", t0 + 10 * MINUTE));
    assertEquals(4, csv.getLong("tampered"), csv.encode());
    assertEquals(1, csv.getLong("records"));
    String[] lines = csv.getString("csv").split("\r\n");
    assertEquals(2, lines.length, "header and the one intact reading");
    assertTrue(lines[1].contains(",TAMPER_DAM,4,") && lines[1].contains(",104.0,"), lines[1]);
    JsonObject trend = query(new JsonObject().put("op", "trend").put("dam", "TAMPER_DAM").put("channel", "CH0")
        .put("from", t0).put("to", t0 + 10 * MINUTE).put("buckets", 10));
    assertEquals(4, trend.getLong("tampered"));
    assertEquals(1, trend.getJsonArray("points").size());
    assertEquals(tamperedBefore + 8, query(new JsonObject().put("op", "stats")).getLong("tampered"));
  }

  @Test
  void aHostThatRepeatsRowsOrMixesInAnotherDamCannotSkewATrend() throws Exception {
    long t0 = recent(10);
    List<byte[]> mine = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      Map<String, Long> before = ids();
      ingest(scan("DUP_DAM", i, t0 + i * MINUTE, i + 1));
      mine.add(newRow(before));
    }
    Map<String, Long> before = ids();
    ingest(scan("DUP_OTHER", 1, t0 + MINUTE, 100));
    byte[] other = newRow(before);
    List<StoreRow> rows = new ArrayList<>();
    try (Connection c = jdbc()) {
      for (byte[] id : List.of(mine.get(0), mine.get(0), mine.get(1), other, mine.get(2))) {
        rows.add(stored(c, id));
      }
    }
    // The test plays a host whose scan answers with a repeated row and another dam's row.
    bed.vertx.undeploy(storeDeployment).await(30, TimeUnit.SECONDS);
    io.vertx.core.eventbus.MessageConsumer<Buffer> liar = bed.vertx.eventBus().consumer(WsnmAddresses.DB_SCAN,
        m -> m.reply(Buffer.buffer(StoreFrames.encodeScanReply(new StoreFrames.ScanPage(rows, false)))));
    liar.completion().await(30, TimeUnit.SECONDS);
    JsonObject trend;
    try {
      trend = query(new JsonObject().put("op", "trend").put("dam", "DUP_DAM").put("channel", "CH0").put("from", t0)
          .put("to", t0 + 3 * MINUTE).put("buckets", 1));
    } finally {
      liar.unregister().await(30, TimeUnit.SECONDS);
      storeDeployment = bed.vertx.deployVerticle(new RecordStoreVerticle(new RecordStoreOptions().setUrl(url)
          .setTickIntervalMillis(0))).await(60, TimeUnit.SECONDS);
    }
    assertEquals(3, trend.getLong("records"), trend.encode());
    assertEquals(2, trend.getLong("tampered"), trend.encode());
    JsonArray point = trend.getJsonArray("points").getJsonArray(0);
    assertEquals(2.0, point.getDouble(2), 1e-9, "the mean of 1, 2, 3: no repeated 1, no 100");
    assertEquals(3, point.getLong(4));
  }

  private byte[] newRow(Map<String, Long> before) throws Exception {
    Map<String, Long> after = ids();
    after.keySet().removeAll(before.keySet());
    assertEquals(1, after.size());
    return java.util.HexFormat.of().parseHex(after.keySet().iterator().next());
  }

  static StoreRow stored(Connection c, byte[] id) throws Exception {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT stream, series, t_coarse, ciphertext FROM wsnm_records WHERE id = ?")) {
      ps.setBytes(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        assertTrue(rs.next());
        return new StoreRow(rs.getInt(1), id, rs.getBytes(2), rs.getLong(3), rs.getBytes(4));
      }
    }
  }

  @Test
  void malformedRequestsAreRefusedWith400AndTheEnclaveLivesOn() throws Exception {
    ReplyException e = refused(WsnmAddresses.INGEST_STORAGE, "{\"dam\":\"X\"");
    assertEquals(400, e.failureCode());
    e = refused(WsnmAddresses.INGEST_STORAGE, "{\"dam\":\"X\",\"scan\":1}");
    assertEquals(400, e.failureCode());
    assertTrue(e.getMessage().contains("readings"), e.getMessage());
    e = refused(WsnmAddresses.STORAGE_QUERY, "{\"op\":\"drop table\"}");
    assertEquals(400, e.failureCode());
    assertTrue(e.getMessage().contains("unknown op"), e.getMessage());
    e = refused(WsnmAddresses.STORAGE_QUERY, "{\"op\":\"trend\",\"dam\":\"D\",\"from\":0,\"to\":10}");
    assertEquals(400, e.failureCode());
    assertTrue(e.getMessage().contains("'channel'"), e.getMessage());
    e = refused(WsnmAddresses.STORAGE_QUERY, "{\"op\":\"trend\",\"dam\":\"D\",\"channel\":\"C\",\"from\":10,\"to\":5}");
    assertEquals(400, e.failureCode());
    e = refused(WsnmAddresses.STORAGE_QUERY, "{\"op\":\"trend\",\"dam\":\"D\",\"channel\":\"C\",\"from\":0,\"to\":5,\"buckets\":0}");
    assertEquals(400, e.failureCode());
    e = refused(WsnmAddresses.STORAGE_QUERY, "{\"op\":\"csv\",\"dam\":\"a b\",\"from\":0,\"to\":5}");
    assertEquals(400, e.failureCode());
    e = refused(WsnmAddresses.STORAGE_QUERY, "[1,2]");
    assertEquals(400, e.failureCode());
    assertFalse(ingest(scan("ALIVE_DAM", 1, recent(1), 1)).getBoolean("duplicate"));
    assertTrue(query(new JsonObject().put("op", "stats")).getLong("rejected") >= 8);
  }

  @Test
  void theDatabaseHoldsNoPlaintext() throws Exception {
    double canaryValue = 98765.4321;
    long t0 = recent(8);
    Scan s = Scan.create("CANARYDAMQX", 4242, t0 / 1000, t0, 0x8001, 12_345, 21.5, List.of("counter_jump"),
        List.of(Reading.create("CANARY_CHANNEL_ZX", canaryValue, 0, 3)));
    ingest(s);
    bus.<Object>request(WsnmAddresses.STORAGE_ALARM, Buffer.buffer(new JsonObject().put("id", "CANARY_ALARM_ID")
        .put("dam", "CANARYDAMQX").put("state", "UNACK_ACTIVE").put("time", t0).put("text", "CANARY_ALARM_TEXT")
        .encode())).await(60, TimeUnit.SECONDS);
    List<byte[]> needles = new ArrayList<>();
    for (String text : List.of("CANARYDAMQX", "CANARY_CHANNEL_ZX", "CANARY_ALARM_ID", "CANARY_ALARM_TEXT", "98765.4321")) {
      needles.add(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    long bits = Double.doubleToLongBits(canaryValue);
    needles.add(java.nio.ByteBuffer.allocate(8).putLong(bits).array());
    needles.add(java.nio.ByteBuffer.allocate(8).order(java.nio.ByteOrder.LITTLE_ENDIAN).putLong(bits).array());
    List<byte[]> haystacks = bytesAtRest();
    assertFalse(haystacks.isEmpty());
    int hits = 0;
    for (byte[] hay : haystacks) {
      for (byte[] needle : needles) {
        hits += indexOf(hay, needle) >= 0 ? 1 : 0;
      }
    }
    assertEquals(0, hits, "plaintext canaries found at rest");
    assertTrue(query(new JsonObject().put("op", "csv").put("dam", "CANARYDAMQX").put("from", t0)
        .put("to", t0 + MINUTE)).getString("csv").contains("CANARY_CHANNEL_ZX,98765.4321"), "readable through the enclave");
  }

  static int indexOf(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  Map<String, Long> ids() throws Exception {
    Map<String, Long> out = new HashMap<>();
    try (Connection c = jdbc(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT id, t_coarse FROM wsnm_records")) {
      while (rs.next()) {
        out.put(java.util.HexFormat.of().formatHex(rs.getBytes(1)), rs.getLong(2));
      }
    }
    return out;
  }

  static byte[] blob(Connection c, byte[] id) throws Exception {
    try (PreparedStatement ps = c.prepareStatement("SELECT ciphertext FROM wsnm_records WHERE id = ?")) {
      ps.setBytes(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        assertTrue(rs.next());
        return rs.getBytes(1);
      }
    }
  }

  static void update(Connection c, String sql, byte[] a, byte[] b) throws Exception {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setBytes(1, a);
      ps.setBytes(2, b);
      assertEquals(1, ps.executeUpdate());
    }
  }
}
