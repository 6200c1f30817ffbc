package io.sereca.wsnm.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sereca.wsnm.data.StoreFrames;
import io.sereca.wsnm.data.StoreRow;
import io.sereca.wsnm.data.WsnmAddresses;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a {@link RecordStoreVerticle} must do on any database; subclasses bind it to a real SQLite
 * file or a real PostgreSQL server.
 */
abstract class RecordStoreContract {

  Vertx vertx;
  String deployment;

  /** The url of a fresh, empty database for one test. */
  abstract String freshUrl() throws Exception;

  @BeforeEach
  void deployStore() throws Exception {
    vertx = Vertx.vertx();
    deployment = deploy(freshUrl());
  }

  @AfterEach
  void closeVertx() throws Exception {
    vertx.close().await(30, TimeUnit.SECONDS);
  }

  String url;

  String deploy(String url) throws Exception {
    this.url = url;
    return vertx.deployVerticle(new RecordStoreVerticle(new RecordStoreOptions().setUrl(url).setTickIntervalMillis(0)
        .setMaxPageBytes(64 * 1024))).await(60, TimeUnit.SECONDS);
  }

  static byte[] tag(int n) {
    byte[] t = new byte[16];
    t[0] = (byte) (n >> 8);
    t[1] = (byte) n;
    return t;
  }

  static StoreRow row(int id, int series, long time, int size) {
    byte[] blob = new byte[size];
    java.util.Arrays.fill(blob, (byte) id);
    return new StoreRow(StoreFrames.STREAM_READINGS, tag(id), tag(1000 + series), time, blob);
  }

  byte[] request(String address, byte[] body) throws Exception {
    Message<Buffer> m = vertx.eventBus().<Buffer>request(address, Buffer.buffer(body)).await(30, TimeUnit.SECONDS);
    return m.body().getBytes();
  }

  boolean[] put(StoreRow... rows) throws Exception {
    return StoreFrames.decodePutReply(request(WsnmAddresses.DB_PUT, StoreFrames.encodePut(List.of(rows))), rows.length);
  }

  StoreFrames.ScanPage scan(StoreFrames.ScanRequest q) throws Exception {
    return StoreFrames.decodeScanReply(request(WsnmAddresses.DB_SCAN, StoreFrames.encodeScan(q)), q.stream);
  }

  ReplyException failure(String address, Object body) {
    return assertThrows(ReplyException.class,
        () -> vertx.eventBus().request(address, body).await(30, TimeUnit.SECONDS));
  }

  @Test
  void aDuplicateIdIsReportedAsDuplicateAndStoredOnce() throws Exception {
    assertArrayEquals(new boolean[] {false, false, true}, put(row(1, 1, 60_000, 10), row(2, 1, 60_000, 10),
        row(1, 1, 120_000, 99)));
    assertArrayEquals(new boolean[] {true, false}, put(row(2, 1, 60_000, 10), row(3, 1, 180_000, 10)));
    StoreFrames.ScanPage page = scan(new StoreFrames.ScanRequest(0, null, 0, Long.MAX_VALUE, 0, null, 100));
    assertEquals(3, page.rows.size());
    assertFalse(page.more);
    assertEquals(row(1, 1, 60_000, 10), page.rows.get(0), "the first write of id 1 is the one kept");
  }

  @Test
  void concurrentPutsAllCommitAndEachHearsItsOwnDuplicates() throws Exception {
    List<Future<Message<Buffer>>> replies = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      // Every id is put twice, by two different requests in flight at once.
      byte[] frame = StoreFrames.encodePut(List.of(row(i % 150, i % 7, 60_000L * (i % 150), 200)));
      replies.add(vertx.eventBus().request(WsnmAddresses.DB_PUT, Buffer.buffer(frame)));
    }
    int duplicates = 0;
    for (Future<Message<Buffer>> f : replies) {
      duplicates += StoreFrames.decodePutReply(f.await(60, TimeUnit.SECONDS).body().getBytes(), 1)[0] ? 1 : 0;
    }
    assertEquals(150, duplicates);
    List<StoreFrames.StreamStats> stats = StoreFrames.decodeStats(request(WsnmAddresses.DB_STATS, new byte[0]));
    assertEquals(150, stats.get(0).rows);
    assertEquals(0, stats.get(0).oldest);
    assertEquals(149 * 60_000L, stats.get(0).newest);
  }

  @Test
  void scansPageInTimeAndIdOrderWithinTheRangeAndSeries() throws Exception {
    List<StoreRow> rows = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      rows.add(row(100 - i, i % 2, 60_000L * (i / 3), 50));
    }
    put(rows.toArray(new StoreRow[0]));
    byte[] series = tag(1000);
    List<StoreRow> seen = new ArrayList<>();
    StoreFrames.ScanRequest q = new StoreFrames.ScanRequest(0, series, 60_000, 540_000, 0, null, 4);
    int pages = 0;
    while (true) {
      StoreFrames.ScanPage page = scan(q);
      pages++;
      seen.addAll(page.rows);
      if (!page.more) {
        break;
      }
      StoreRow last = page.rows.get(page.rows.size() - 1);
      q = new StoreFrames.ScanRequest(0, series, 60_000, 540_000, last.time(), last.id(), 4);
    }
    List<StoreRow> expected = new ArrayList<>();
    for (StoreRow r : rows) {
      if (java.util.Arrays.equals(r.series(), series) && r.time() >= 60_000 && r.time() < 540_000) {
        expected.add(r);
      }
    }
    expected.sort((a, b) -> a.time() != b.time() ? Long.compare(a.time(), b.time())
        : java.util.Arrays.compareUnsigned(a.id(), b.id()));
    assertEquals(expected, seen);
    assertEquals(3, pages, "12 rows in pages of 4; the third knows it is the last");
  }

  @Test
  void aPageStopsAtTheByteBoundButHoldsAtLeastOneRow() throws Exception {
    put(row(1, 0, 0, 40_000), row(2, 0, 0, 40_000), row(3, 0, 0, 40_000));
    StoreFrames.ScanPage page = scan(new StoreFrames.ScanRequest(0, null, 0, 60_000, 0, null, 100));
    assertEquals(1, page.rows.size());
    assertTrue(page.more);
  }

  @Test
  void deleteBeforeRemovesOnlyOlderRowsOfThatStream() throws Exception {
    put(row(1, 0, 0, 10), row(2, 0, 60_000, 10), row(3, 0, 120_000, 10),
        new StoreRow(StoreFrames.STREAM_ALARMS, tag(4), tag(5), 0, new byte[] {1}));
    assertEquals(2, StoreFrames.decodeCount(request(WsnmAddresses.DB_DELETE_BEFORE,
        StoreFrames.encodeDeleteBefore(StoreFrames.STREAM_READINGS, 120_000))));
    List<StoreFrames.StreamStats> stats = StoreFrames.decodeStats(request(WsnmAddresses.DB_STATS, new byte[0]));
    assertEquals(1, stats.get(0).rows);
    assertEquals(120_000, stats.get(0).oldest);
    assertEquals(1, stats.get(1).rows);
  }

  @Test
  void malformedRequestsFailWith400AndTheStoreLivesOn() throws Exception {
    ReplyException e = failure(WsnmAddresses.DB_PUT, Buffer.buffer(new byte[] {0, 1, 0}));
    assertEquals(400, e.failureCode());
    assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    e = failure(WsnmAddresses.DB_PUT, new JsonObject().put("id", "x"));
    assertEquals(400, e.failureCode());
    assertTrue(e.getMessage().contains("binary"), e.getMessage());
    byte[] scan = StoreFrames.encodeScan(new StoreFrames.ScanRequest(0, null, 0, 1, 0, null, 1));
    scan[0] = 7;
    e = failure(WsnmAddresses.DB_SCAN, Buffer.buffer(scan));
    assertEquals(400, e.failureCode());
    assertTrue(e.getMessage().contains("unknown stream 7"), e.getMessage());
    byte[] trailing = java.util.Arrays.copyOf(StoreFrames.encodeDeleteBefore(0, 5), 10);
    assertEquals(400, failure(WsnmAddresses.DB_DELETE_BEFORE, Buffer.buffer(trailing)).failureCode());
    assertEquals(400, failure(WsnmAddresses.DB_STATS, Buffer.buffer(new byte[] {1})).failureCode());
    assertArrayEquals(new boolean[] {false}, put(row(9, 0, 0, 10)));
  }

  @Test
  void rowsAndDeduplicationSurviveARestartOnTheSameDatabase() throws Exception {
    put(row(1, 0, 0, 10), row(2, 0, 60_000, 10));
    vertx.undeploy(deployment).await(30, TimeUnit.SECONDS);
    deployment = deploy(url);
    assertArrayEquals(new boolean[] {true, false}, put(row(1, 0, 0, 10), row(3, 0, 0, 10)));
    assertEquals(3, scan(new StoreFrames.ScanRequest(0, null, 0, Long.MAX_VALUE, 0, null, 100)).rows.size());
  }
}
