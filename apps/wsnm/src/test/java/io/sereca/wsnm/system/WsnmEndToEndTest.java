package io.sereca.wsnm.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Counter;
import io.sereca.wsnm.Dam;
import io.sereca.wsnm.Scenario;
import io.sereca.wsnm.data.WsnmAddresses;
import io.sereca.wsnm.web.GatewayClient;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * WSNM end to end in one JVM with the real CAS, the SIMULATED loggers running 600 times faster
 * than real time (a scan per simulated minute, ten per wall second per dam), and every service
 * in its enclave on the sim backend. Scenarios are switched through the loggers' Modbus holding
 * registers, alarms observed through the dashboard's encrypted gateway sessions.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WsnmEndToEndTest {

  @TempDir static Path dir;
  WsnmSystem system;
  GatewayClient.Session operator;

  @BeforeAll
  void start() throws Exception {
    system = new WsnmSystem(dir, "sim", 600, 60, 50);
    operator = system.login("operator");
    await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() ->
        WsnmSystem.body(operator, new JsonObject().put("op", "latest")).getJsonArray("dams").size() == 7);
  }

  @AfterAll
  void stop() throws Exception {
    if (system != null) {
      system.close();
    }
  }

  private JsonObject alarm(String dam, Set<String> rules) throws Exception {
    JsonArray active = WsnmSystem.activeAlarms(operator);
    for (int i = 0; i < active.size(); i++) {
      JsonObject a = active.getJsonObject(i);
      if (dam.equals(a.getString("dam")) && rules.contains(a.getString("rule"))) {
        return a;
      }
    }
    return null;
  }

  @Test
  @Order(1)
  void aFloodSwitchedAtTheLoggerRaisesFloodAlarmsThatAnOperatorAcknowledgesAndThatClearAfterwards()
      throws Exception {
    Set<String> flood = Set.of("flood-rain-and-rise");
    assertThat(alarm("CONZA", flood)).as("no flood before the scenario").isNull();
    system.setScenario(Dam.CONZA, Scenario.FLOOD);
    JsonObject raised = await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
        .until(() -> alarm("CONZA", flood), a -> a != null);
    assertThat(raised.getString("state")).isEqualTo("ACTIVE_UNACK");
    assertThat(raised.getString("priority")).isNotBlank();

    JsonObject ack = operator.call(new JsonObject().put("op", "ack").put("id", raised.getString("id"))
        .put("comment", "spillway crew informed"));
    assertThat(ack.getBoolean("ok")).as(ack.encode()).isTrue();
    assertThat(alarm("CONZA", flood).getString("state")).isEqualTo("ACTIVE_ACK");

    system.setScenario(Dam.CONZA, Scenario.NORMAL);
    await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
        .until(() -> alarm("CONZA", flood) == null);
  }

  @Test
  @Order(2)
  void aStuckPiezometerIsDetectedAndClearsWhenItMovesAgain() throws Exception {
    Set<String> stuck = Set.of("stuck-sensor");
    system.setScenario(Dam.SAETTA, Scenario.STUCK_SENSOR);
    JsonObject raised = await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
        .until(() -> alarm("SAETTA", stuck), a -> a != null);
    assertThat(raised.getString("channel")).isEqualTo("PIEZOMETER_2");
    system.setScenario(Dam.SAETTA, Scenario.NORMAL);
    await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).until(() -> {
      JsonObject a = alarm("SAETTA", stuck);
      return a == null || a.getString("state").equals("RTN_UNACK");
    });
  }

  @Test
  @Order(3)
  void measurementsTamperedWithBetweenCollectorAndCloudAreRejectedAndRaiseAnIntegrityAlarm() throws Exception {
    AtomicBoolean tamper = new AtomicBoolean(true);
    AtomicInteger tampered = new AtomicInteger();
    // The malicious host: drops each live reading it relays for a while and publishes a copy with
    // one bit flipped instead (the interceptor sees the sent message; its own publish passes).
    ThreadLocal<Boolean> relaying = ThreadLocal.withInitial(() -> false);
    system.vertx.eventBus().addOutboundInterceptor(ctx -> {
      if (tamper.get() && !relaying.get() && WsnmAddresses.READINGS.equals(ctx.message().address())
          && ctx.message().body() instanceof Buffer) {
        byte[] t = ((Buffer) ctx.message().body()).getBytes();
        t[t.length / 2] ^= 0x01;
        tampered.incrementAndGet();
        relaying.set(true);
        try {
          system.vertx.eventBus().publish(WsnmAddresses.READINGS, Buffer.buffer(t));
        } finally {
          relaying.set(false);
        }
        return;
      }
      ctx.next();
    });
    await().atMost(Duration.ofSeconds(30)).until(() -> tampered.get() >= 20);
    tamper.set(false);
    // Both receivers of the live readings (cache and alarm manager) reject every tampered copy.
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
        system.node.metrics().find("sereca.bus.rejected").counters().stream().mapToDouble(Counter::count).sum())
        .as("tampered envelopes rejected inside the enclaves (%d tampered): %s", tampered.get(),
            system.node.metrics().scrape().lines().filter(l -> l.startsWith("sereca_bus")).toList()).isGreaterThanOrEqualTo(2.0 * tampered.get()));
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() -> {
      JsonArray active = WsnmSystem.activeAlarms(operator);
      for (int i = 0; i < active.size(); i++) {
        if ("integrity".equals(active.getJsonObject(i).getString("rule"))) {
          return true;
        }
      }
      return false;
    });
  }
}
