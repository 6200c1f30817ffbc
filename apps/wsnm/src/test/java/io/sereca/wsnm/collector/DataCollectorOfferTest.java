package io.sereca.wsnm.collector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sereca.wsnm.Dam;
import io.sereca.wsnm.DamSimulatorOptions;
import io.sereca.wsnm.data.Reading;
import io.sereca.wsnm.data.Scan;
import io.vertx.core.DeploymentOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link DataCollectorVerticle#offer}: a scan that did not come from a logger (a load generator's)
 * takes the polled scans' path, journal, enclave, storage acknowledgement, and bad offers fail
 * with the reason while the collector lives on.
 */
class DataCollectorOfferTest {

  @TempDir
  Path dir;

  private CollectorBed t;

  @AfterEach
  void close() throws Exception {
    if (t != null) {
      t.close();
    }
  }

  private static Scan scan(Dam dam, long counter) {
    return Scan.create(dam.name(), counter, 1_770_000_000L + counter, System.currentTimeMillis(), 0x8001, 12_800,
        21.5, List.of(), List.of(Reading.create("RESERVOIR_LEVEL", 410.0 + counter / 100.0, Scan.GOOD, 1)));
  }

  @Test
  void offeredScansAreJournaledPublishedStoredAndAcknowledgedAndBadOffersFail() throws Exception {
    t = new CollectorBed(dir);
    t.simulator(EnumSet.of(Dam.CONZA), new DamSimulatorOptions());
    t.enclave("sim");
    t.storageUp();
    t.listenReadings();
    DataCollectorVerticle collector = new DataCollectorVerticle(t.registry);

    assertThatThrownBy(() -> collector.offer(scan(Dam.GENZANO, 1)).await(10, TimeUnit.SECONDS))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("not deployed");

    t.bed.vertx.deployVerticle(collector, new DeploymentOptions().setConfig(t.options(dir.resolve("buffer")).toJson()))
        .await(30, TimeUnit.SECONDS);
    Scan scan3 = null;
    for (long c = 1; c <= 5; c++) {
      Scan s = scan(Dam.GENZANO, c);
      scan3 = c == 3 ? s : scan3;
      assertThat(collector.offer(s).await(10, TimeUnit.SECONDS)).isTrue();
    }
    Awaitility.await().atMost(Duration.ofSeconds(30))
        .until(() -> t.storedScans.keySet().containsAll(CollectorBed.keys(Dam.GENZANO, 1, 5)));
    Awaitility.await().atMost(Duration.ofSeconds(30))
        .until(() -> t.readings.stream().filter(s -> s.dam().equals("GENZANO")).count() >= 5);
    // Storage got the scan as offered.
    assertThat(t.storedScans.get("GENZANO/3")).isEqualTo(scan3);
    Awaitility.await().atMost(Duration.ofSeconds(30))
        .until(() -> t.counter("wsnm.collector.scans.acknowledged") >= 5 && t.gauge("wsnm.collector.buffered") == 0);
    // Offered scans are not polled ones.
    assertThat(t.counter("wsnm.collector.scans.polled", "dam", "GENZANO")).isZero();

    Scan unknown = Scan.create("ATLANTIS", 1, 1, 1, 0, 0, 0, List.of(), List.of());
    assertThatThrownBy(() -> collector.offer(unknown).await(10, TimeUnit.SECONDS))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown dam 'ATLANTIS'");
    assertThat(collector.offer(scan(Dam.GENZANO, 6)).await(10, TimeUnit.SECONDS)).isTrue();
    Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> t.storedScans.containsKey("GENZANO/6"));
  }
}
