package io.sereca.wsnm.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sereca.wsnm.cloud.WsnmService;
import io.sereca.wsnm.cloud.WsnmTestBed;
import io.sereca.wsnm.enclave.web.UserDirectory;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;

/**
 * The dashboard in a real headless Chromium against the web proxy and the web gateway enclave
 * (sim backend), with the other services played by {@link StandInServices}. Skipped, saying why,
 * where Debian's chromium or chromedriver is missing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardBrowserTest {

  WsnmTestBed bed;
  StandInServices services;
  WebProxyVerticle proxy;
  String url;
  Path dir;

  @BeforeAll
  void start() throws Exception {
    assumeTrue(DashboardBrowser.unavailable().isEmpty(),
        () -> "no browser test: " + DashboardBrowser.unavailable().orElse(""));
    dir = Files.createTempDirectory(Path.of("target"), "dashboard-browser");
    byte[] users = new Users().setIterations(2000).add("otto", "operator", "otto-pw")
        .add("vera", "viewer", "vera-pw").toJson();
    bed = new WsnmTestBed(dir).file(UserDirectory.PATH, users);
    services = new StandInServices(bed.bus()).start(true);
    bed.deploy(WsnmService.WEB, "sim");
    proxy = new WebProxyVerticle();
    bed.vertx.deployVerticle(proxy, new DeploymentOptions().setConfig(new WebProxyOptions().setPort(0).toJson()))
        .await();
    url = "http://127.0.0.1:" + proxy.actualPort() + "/wsnm/";
  }

  @AfterAll
  void stop() throws Exception {
    if (bed != null) {
      bed.close();
    }
  }

  @Test
  void anOperatorSeesTheDamsAPushedAlarmAndAcknowledgesIt() throws Exception {
    try (DashboardBrowser b = DashboardBrowser.open(url, dir.resolve("chrome-operator"))) {
      assertThat(b.driver().findElement(By.id("simulated-banner")).getText()).contains("SIMULATED");
      b.login("otto", "otto-pw");
      b.until(d -> b.damCards().size() == 7 && b.damCards().stream()
          .allMatch(c -> c.findElement(By.className("level")).getText().endsWith(" m")));
      assertThat(b.damCard("CONZA").getDomAttribute("data-severity")).isEqualTo("normal");
      assertThat(b.driver().findElement(By.id("whoami")).getText()).isEqualTo("otto (operator)");

      services.raise(StandInServices.alarm("ALM-CONZA-1", "CONZA", "RESERVOIR_LEVEL", "critical", "ACTIVE_UNACK"));
      b.alarmRow("ALM-CONZA-1");
      String shown = b.until(d -> b.alarmState("ALM-CONZA-1"));
      assertThat(shown).isEqualTo("ACTIVE_UNACK");
      b.until(d -> "critical".equals(b.damCard("CONZA").getDomAttribute("data-severity")));
      b.until(d -> b.driver().findElements(By.cssSelector("#quality-list tr")).size() == 7);
      b.screenshot(Path.of("target", "screenshots", "dashboard-overview.png"));

      int before = services.commands.size();
      b.acknowledge("ALM-CONZA-1", "");
      b.until(d -> b.toast().contains("comment is required"));
      assertThat(services.commands).hasSize(before);

      b.acknowledge("ALM-CONZA-1", "level checked with the dam keeper");
      await().atMost(Duration.ofSeconds(20)).until(() -> services.commands.size() > before);
      JsonObject ack = services.commands.get(services.commands.size() - 1);
      assertThat(ack.getString("op")).isEqualTo("ack");
      assertThat(ack.getString("id")).isEqualTo("ALM-CONZA-1");
      assertThat(ack.getString("user")).isEqualTo("otto");
      assertThat(ack.getString("comment")).isEqualTo("level checked with the dam keeper");
      b.until(d -> "ACTIVE_ACK".equals(b.alarmState("ALM-CONZA-1")));

      b.openDam("CONZA");
      assertThat(b.script("return document.querySelectorAll('#dam-view .uplot').length")).isEqualTo(3L);
      assertThat(b.driver().findElements(By.cssSelector("#chart-levels canvas"))).isNotEmpty();
      b.until(d -> d.findElements(By.cssSelector("#dam-live tr[data-channel]")).size() == 20);
      b.screenshot(Path.of("target", "screenshots", "dashboard-dam-conza.png"));
      b.range("7d");
      assertThat(services.queries).anyMatch(q -> "trend".equals(q.getString("op")) && "CONZA".equals(q.getString("dam")));
      assertThat(b.driver().findElement(By.id("range-source")).getText()).contains("storage");
      b.screenshot(Path.of("target", "screenshots", "dashboard-dam-conza-7d.png"));
      assertThat(b.consoleLog()).as("no script errors or failed requests in the page").doesNotContain("SEVERE");
    }
  }

  @Test
  void aViewerHasNoAcknowledgeButtonAndAWrongPasswordIsRefused() throws Exception {
    try (DashboardBrowser b = DashboardBrowser.open(url, dir.resolve("chrome-viewer"))) {
      assertThat(b.failedLogin("vera", "wrong")).contains("login refused");
      b.driver().findElement(By.id("login-password")).clear();
      b.driver().findElement(By.id("login-user")).clear();
      b.login("vera", "vera-pw");
      services.raise(StandInServices.alarm("ALM-SAETTA-1", "SAETTA", "PIEZOMETER_2", "medium", "ACTIVE_UNACK"));
      b.alarmRow("ALM-SAETTA-1");
      assertThat(b.driver().findElements(By.cssSelector("button[data-action='ack'][data-alarm-id='ALM-SAETTA-1']")))
          .isEmpty();
      b.driver().findElement(By.id("logout-button")).click();
      b.until(d -> d.findElement(By.id("login-view")).isDisplayed());
    }
  }
}
