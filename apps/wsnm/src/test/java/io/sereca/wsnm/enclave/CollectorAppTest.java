package io.sereca.wsnm.enclave;

import static org.assertj.core.api.Assertions.assertThat;

import io.sereca.bus.SecureMessageConsumer;
import io.sereca.wsnm.cloud.WsnmService;
import io.sereca.wsnm.cloud.WsnmTestBed;
import io.sereca.wsnm.data.Reading;
import io.sereca.wsnm.data.Scan;
import io.sereca.wsnm.data.WsnmAddresses;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The collector enclave on the sim backend: validation, sealing to READINGS and storage, ack or 503. */
class CollectorAppTest {

  @TempDir
  static Path dir;

  static WsnmTestBed bed;
  static final String TOKEN = "dam-site-7f3a9c";

  @BeforeAll
  static void deploy() throws Exception {
    bed = new WsnmTestBed(dir);
    bed.secret("sereca.env.WSNM_COLLECTOR_TOKEN", TOKEN.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    bed.deploy(WsnmService.COLLECTOR, "sim");
  }

  @AfterAll
  static void close() throws Exception {
    bed.close();
  }

  private static Scan scan(long counter) {
    return Scan.create("CONZA", counter, 1_770_000_000L + counter, System.currentTimeMillis(), 0x8001, 12_800, 21.5,
        List.of(), List.of(Reading.create("RESERVOIR_LEVEL", 415.25, Scan.GOOD, 2)));
  }

  private static Object hand(Object body) throws Exception {
    return hand(body, TOKEN);
  }

  private static Object hand(Object body, String token) throws Exception {
    DeliveryOptions o = new DeliveryOptions().setLocalOnly(true).setSendTimeout(10_000);
    if (token != null) {
      o.addHeader(CollectorApp.TOKEN_HEADER, token);
    }
    try {
      return bed.vertx.eventBus().request(CollectorApp.SCAN_ADDRESS, body, o).await(20, TimeUnit.SECONDS).body();
    } catch (ReplyException e) {
      return e;
    }
  }

  @Test
  void aScanIsPublishedStoredAndAcknowledgedOnlyAfterStorageAcked() throws Exception {
    List<Scan> live = new CopyOnWriteArrayList<>();
    List<Scan> stored = new CopyOnWriteArrayList<>();
    SecureMessageConsumer<Buffer> readings = bed.bus().consumer(WsnmAddresses.READINGS,
        m -> live.add(Scan.fromJson(m.body().getBytes())));
    SecureMessageConsumer<Buffer> storage = bed.bus().consumer(WsnmAddresses.INGEST_STORAGE, m -> {
      Scan s = Scan.fromJson(m.body().getBytes());
      boolean dup = stored.stream().anyMatch(x -> x.key().equals(s.key()));
      stored.add(s);
      m.reply(new JsonObject().put("ack", true).put("key", s.key()).put("duplicate", dup));
    });
    readings.completion().await(10, TimeUnit.SECONDS);
    storage.completion().await(10, TimeUnit.SECONDS);
    try {
      Scan s = scan(42);
      Object reply = hand(Buffer.buffer(s.toJson()));
      assertThat(new JsonObject((Buffer) reply).getMap()).containsEntry("acked", true).containsEntry("duplicate", false);
      assertThat(stored).containsExactly(s);
      Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> live.size() == 1);
      assertThat(live).containsExactly(s);
      // A resend is acknowledged again, storage says it is a duplicate.
      Object again = hand(Buffer.buffer(s.toJson()));
      assertThat(new JsonObject((Buffer) again).getBoolean("duplicate")).isTrue();
    } finally {
      readings.unregister().await(10, TimeUnit.SECONDS);
      storage.unregister().await(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void withoutStorageTheHandOverFailsWith503SoTheHostKeepsTheScan() throws Exception {
    Object reply = hand(Buffer.buffer(scan(7).toJson()));
    assertThat(reply).isInstanceOf(ReplyException.class);
    assertThat(((ReplyException) reply).failureCode()).isEqualTo(503);
    assertThat(((ReplyException) reply).getMessage()).contains("CONZA/7");
  }

  @Test
  void storageThatRefusesIsNotAnAck() throws Exception {
    SecureMessageConsumer<Buffer> storage = bed.bus().consumer(WsnmAddresses.INGEST_STORAGE,
        m -> m.fail(500, "disk full"));
    storage.completion().await(10, TimeUnit.SECONDS);
    try {
      Object reply = hand(Buffer.buffer(scan(8).toJson()));
      assertThat(((ReplyException) reply).failureCode()).isEqualTo(503);
    } finally {
      storage.unregister().await(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void withATokenProvisionedAScanWithoutItOrWithAnotherIsRefusedWith403() throws Exception {
    Object none = hand(Buffer.buffer(scan(11).toJson()), null);
    assertThat(((ReplyException) none).failureCode()).isEqualTo(403);
    Object wrong = hand(Buffer.buffer(scan(11).toJson()), "dam-site-7f3a9d");
    assertThat(((ReplyException) wrong).failureCode()).isEqualTo(403);
  }

  @Test
  void malformedScansFailWith400NamingTheProblemAndTheEnclaveLivesOn() throws Exception {
    Object notJson = hand("not json at all");
    assertThat(((ReplyException) notJson).failureCode()).isEqualTo(400);
    assertThat(((ReplyException) notJson).getMessage()).startsWith("bad scan");
    JsonObject noDam = new JsonObject(Buffer.buffer(scan(9).toJson()));
    noDam.remove("dam");
    Object missing = hand(noDam.toBuffer());
    assertThat(((ReplyException) missing).failureCode()).isEqualTo(400);
    assertThat(((ReplyException) missing).getMessage()).contains("dam");
    JsonObject badQuality = new JsonObject(Buffer.buffer(scan(9).toJson()));
    badQuality.getJsonArray("readings").getJsonArray(0).set(2, 9);
    Object quality = hand(badQuality.toBuffer());
    assertThat(((ReplyException) quality).getMessage()).contains("quality 9");
    // Still alive: a good scan is handled (and fails only for lack of storage).
    Object ok = hand(Buffer.buffer(scan(10).toJson()));
    assertThat(((ReplyException) ok).failureCode()).isEqualTo(503);
  }
}
