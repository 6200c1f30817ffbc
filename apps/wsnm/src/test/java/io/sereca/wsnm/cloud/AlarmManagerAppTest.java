package io.sereca.wsnm.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.sereca.bus.SecureMessage;
import io.sereca.wsnm.alarms.AlarmTicker;
import io.sereca.wsnm.data.Reading;
import io.sereca.wsnm.data.Scan;
import io.sereca.wsnm.data.WsnmAddresses;
import io.sereca.wsnm.json.Json;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.ReplyException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The alarm manager as it is deployed: its signed bundle in a secure verticle ("sim" and
 * "process" backends), provisioned by the dev provisioner, talked to over the secure event bus.
 */
class AlarmManagerAppTest {

  private static final long T0 = 1_772_323_200L; // 2026-03-01T00:00:00Z

  @TempDir
  Path dir;

  private static Scan scan(long counter, long loggerTime, double level) {
    return Scan.create("CONZA", counter, loggerTime, loggerTime * 1000, 0x8001, 12_800, 20.0, List.of(),
        List.of(Reading.create("RESERVOIR_LEVEL", level, Scan.GOOD, 2),
            Reading.create("PIEZOMETER_2", 410 + counter * 0.01, Scan.GOOD, 2)));
  }

  private static String text(Object body) {
    if (body instanceof Buffer) {
      return body.toString();
    }
    if (body instanceof byte[]) {
      return new String((byte[]) body, StandardCharsets.UTF_8);
    }
    return String.valueOf(body);
  }

  private static Map<String, Object> request(WsnmTestBed bed, String address, Map<String, Object> body)
      throws Exception {
    SecureMessage<Object> reply = bed.bus().<Object>request(address, Json.writeBytes(body)).await(30, TimeUnit.SECONDS);
    return Json.parseObject(text(reply.body()));
  }

  private static ReplyException failure(WsnmTestBed bed, String address, Map<String, Object> body) {
    Throwable[] caught = new Throwable[1];
    assertThatThrownBy(() -> bed.bus().request(address, Json.writeBytes(body)).await(30, TimeUnit.SECONDS))
        .isInstanceOfSatisfying(ReplyException.class, e -> caught[0] = e);
    return (ReplyException) caught[0];
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> list(Map<String, Object> reply, String key) {
    return (List<Map<String, Object>>) (List<?>) reply.get(key);
  }

  private static Map<String, Object> status(WsnmTestBed bed) throws Exception {
    // Provisioning completes after the deployment: protected messages are dropped until then.
    return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
        .until(() -> request(bed, WsnmAddresses.ALARMS_QUERY, Map.of("op", "status")), r -> r != null);
  }

  @ParameterizedTest
  @ValueSource(strings = {"sim", "process"})
  void raisesAcknowledgesAndAnnouncesAlarmsAndSurvivesBadInput(String backend) throws Exception {
    try (WsnmTestBed bed = new WsnmTestBed(dir)) {
      bed.deploy(WsnmService.ALARMS, backend);
      List<Map<String, Object>> events = new CopyOnWriteArrayList<>();
      List<Map<String, Object>> stored = new CopyOnWriteArrayList<>();
      bed.bus().<Object>consumer(WsnmAddresses.ALARMS_EVENTS, m -> events.add(Json.parseObject(text(m.body()))));
      bed.bus().<Object>consumer(WsnmAddresses.STORAGE_ALARM, m -> stored.add(Json.parseObject(text(m.body()))));
      assertThat(status(bed)).containsEntry("rules", "built-in default rules").containsEntry("rulesError", null);

      // A malformed scan and a scan with a non-finite value are dropped; the enclave lives on.
      bed.bus().publish(WsnmAddresses.READINGS, "{not json".getBytes(StandardCharsets.UTF_8));
      bed.bus().publish(WsnmAddresses.READINGS, ("{\"dam\":\"CONZA\",\"scan\":1,\"loggerTime\":1,\"collectedAt\":1,"
          + "\"status\":0,\"batteryMv\":1,\"loggerTempC\":1,\"readings\":[[\"X\",\"high\",0,0]]}").getBytes(StandardCharsets.UTF_8));
      // CONZA above its regulation level (426 m) for longer than the 2 min on-delay.
      for (int i = 0; i < 4; i++) {
        bed.bus().publish(WsnmAddresses.READINGS, scan(100 + i, T0 + 60L * i, 426.6).toJson());
      }
      // At-least-once delivery: the same key again is dropped.
      bed.bus().publish(WsnmAddresses.READINGS, scan(103, T0 + 180, 426.6).toJson());

      await().atMost(Duration.ofSeconds(30)).until(() -> events.stream()
          .anyMatch(e -> "level-high/CONZA".equals(e.get("id")) && "raised".equals(e.get("event"))));
      List<Map<String, Object>> active = list(request(bed, WsnmAddresses.ALARMS_QUERY, Map.of("op", "active")), "alarms");
      Map<String, Object> high = active.stream().filter(a -> "level-high/CONZA".equals(a.get("id"))).findFirst().orElseThrow();
      assertThat(high).containsEntry("state", "ACTIVE_UNACK").containsEntry("priority", "medium")
          .containsEntry("dam", "CONZA").containsEntry("channel", "RESERVOIR_LEVEL").containsEntry("rule", "level-high");
      assertThat((Double) high.get("value")).isCloseTo(426.6, org.assertj.core.api.Assertions.within(1e-3));
      assertThat((String) high.get("message")).contains("CONZA").contains("426.");

      // Bad commands: each names what is wrong.
      assertThat(failure(bed, WsnmAddresses.ALARMS_COMMAND, Map.of("op", "ack", "id", "nope/CONZA", "user", "ana", "comment", "x")))
          .satisfies(e -> {
            assertThat(e.failureCode()).isEqualTo(400);
            assertThat(e.getMessage()).contains("no alarm 'nope/CONZA'");
          });
      assertThat(failure(bed, WsnmAddresses.ALARMS_COMMAND, Map.of("op", "ack", "id", "level-high/CONZA", "user", "ana")).getMessage())
          .contains("comment");
      assertThat(failure(bed, WsnmAddresses.ALARMS_COMMAND, Map.of("op", "reboot", "id", "level-high/CONZA", "user", "ana")).getMessage())
          .contains("unknown op");
      assertThat(failure(bed, WsnmAddresses.ALARMS_COMMAND, Map.of("op", "shelve", "id", "level-high/CONZA", "user", "ana",
          "comment", "maintenance", "minutes", 0)).getMessage()).contains("minutes");
      assertThat(failure(bed, WsnmAddresses.ALARMS_QUERY, Map.of("op", "history", "limit", 0)).getMessage()).contains("limit");

      Map<String, Object> acked = request(bed, WsnmAddresses.ALARMS_COMMAND,
          Map.of("op", "ack", "id", "level-high/CONZA", "user", "ana", "comment", "gate checked"));
      @SuppressWarnings("unchecked")
      Map<String, Object> alarm = (Map<String, Object>) acked.get("alarm");
      assertThat(alarm).containsEntry("state", "ACTIVE_ACK").containsEntry("ackedBy", "ana")
          .containsEntry("comment", "gate checked").containsEntry("event", "acknowledged");
      // Acknowledging twice is a bad command, not a crash.
      assertThat(failure(bed, WsnmAddresses.ALARMS_COMMAND,
          Map.of("op", "ack", "id", "level-high/CONZA", "user", "ana", "comment", "again")).getMessage())
          .contains("ACTIVE_ACK");

      // The level falls back: the acknowledged alarm clears to NORMAL.
      bed.bus().publish(WsnmAddresses.READINGS, scan(104, T0 + 240, 425.0).toJson());
      await().atMost(Duration.ofSeconds(30)).until(() -> events.stream()
          .anyMatch(e -> "level-high/CONZA".equals(e.get("id")) && "cleared".equals(e.get("event"))));
      assertThat(list(request(bed, WsnmAddresses.ALARMS_QUERY, Map.of("op", "active")), "alarms"))
          .noneMatch(a -> "level-high/CONZA".equals(a.get("id")));

      List<Map<String, Object>> history = list(request(bed, WsnmAddresses.ALARMS_QUERY, Map.of("op", "history", "limit", 10)), "history");
      assertThat(history).extracting(h -> h.get("event")).containsSubsequence("cleared", "acknowledged", "raised");
      await().atMost(Duration.ofSeconds(10)).until(() -> stored.size() >= 3);
      assertThat(stored).extracting(h -> h.get("event")).containsSubsequence("raised", "acknowledged", "cleared");
      assertThat(stored).allSatisfy(s -> assertThat(s).containsKeys("id", "dam", "state", "time"));

      Map<String, Object> status = request(bed, WsnmAddresses.ALARMS_QUERY, Map.of("op", "status"));
      assertThat(status).containsEntry("malformed", 2L).containsEntry("duplicates", 1L).containsEntry("scans", 5L);
    }
  }

  @Test
  void aBadProvisionedRuleFileKeepsTheDefaultsAndSaysWhy() throws Exception {
    String bad = "rules:\n  - id: level\n    type: threshold\n    priority: high\n    message: m\n"
        + "    channel: RESERVOIR_LEVEL\n    direction: high\n    limit: 1\n    onDelay: 5x\n";
    try (WsnmTestBed bed = new WsnmTestBed(dir)) {
      bed.file("/etc/wsnm/rules.yaml", bad.getBytes(StandardCharsets.UTF_8));
      bed.deploy(WsnmService.ALARMS, "sim");
      Map<String, Object> status = await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
          .until(() -> request(bed, WsnmAddresses.ALARMS_QUERY, Map.of("op", "status")), r -> r.get("rulesError") != null);
      assertThat(status).containsEntry("rules", "built-in default rules");
      assertThat((String) status.get("rulesError"))
          .isEqualTo("line 9: rules[0].onDelay: '5x' is not a duration (use 30s, 5m, 2h)");
    }
  }

  @Test
  void aProvisionedRuleFileReplacesTheDefaultsAndTicksDetectASilentLogger() throws Exception {
    String rules = "dams: {CONZA: {maxLevel: 426}}\nrules:\n"
        + "  - id: silent\n    type: absence\n    priority: high\n    message: \"{dam}: silent\"\n    after: 1s\n";
    try (WsnmTestBed bed = new WsnmTestBed(dir)) {
      bed.file("/etc/wsnm/rules.yaml", rules.getBytes(StandardCharsets.UTF_8));
      bed.deploy(WsnmService.ALARMS, "sim");
      Map<String, Object> status = await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
          .until(() -> request(bed, WsnmAddresses.ALARMS_QUERY, Map.of("op", "status")),
              r -> "/etc/wsnm/rules.yaml".equals(r.get("rules")));
      assertThat(status).containsEntry("ruleCount", 1L).containsEntry("rulesError", null);
      List<Map<String, Object>> events = new CopyOnWriteArrayList<>();
      bed.bus().<Object>consumer(WsnmAddresses.ALARMS_EVENTS, m -> events.add(Json.parseObject(text(m.body()))));
      bed.bus().publish(WsnmAddresses.READINGS, scan(1, T0, 420).toJson());
      // The host's tick (unprotected, empty) lets the enclave notice the silence.
      bed.vertx.deployVerticle(new AlarmTicker(Duration.ofMillis(200))).await(10, TimeUnit.SECONDS);
      await().atMost(Duration.ofSeconds(30)).until(() -> events.stream()
          .anyMatch(e -> "silent/CONZA".equals(e.get("id")) && "raised".equals(e.get("event"))));
      Map<String, Object> shelved = request(bed, WsnmAddresses.ALARMS_COMMAND,
          Map.of("op", "shelve", "id", "silent/CONZA", "user", "eng", "comment", "logger swap", "minutes", 30));
      assertThat(shelved.get("alarm")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
          .containsEntry("state", "SHELVED").containsEntry("shelvedBy", "eng");
      Map<String, Object> back = request(bed, WsnmAddresses.ALARMS_COMMAND,
          Map.of("op", "unshelve", "id", "silent/CONZA", "user", "eng"));
      assertThat(back.get("alarm")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
          .containsEntry("state", "ACTIVE_UNACK").containsEntry("event", "unshelved");
    }
  }
}
