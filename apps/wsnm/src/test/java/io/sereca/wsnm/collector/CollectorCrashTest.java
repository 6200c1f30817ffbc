package io.sereca.wsnm.collector;

import static org.assertj.core.api.Assertions.assertThat;

import io.sereca.wsnm.Dam;
import io.sereca.wsnm.DamSimulatorOptions;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of the collector's JVM: every scan it had made durable is delivered by the collector
 * restarted on the same buffer (here, with the real collector enclave and a storage participant).
 */
class CollectorCrashTest {

  @TempDir
  Path dir;

  @Test
  void everyDurableScanSurvivesAKillAndIsDeliveredAfterTheRestart() throws Exception {
    try (CollectorBed t = new CollectorBed(dir)) {
      t.simulator(EnumSet.of(Dam.SAETTA), new DamSimulatorOptions());
      Path buffer = dir.resolve("buffer");
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
          CollectorProcessMain.class.getName(), buffer.toString(), "SAETTA", Integer.toString(t.sim.port(Dam.SAETTA)))
          .redirectErrorStream(true).start();
      AtomicLong durable = new AtomicLong();
      Thread reader = new Thread(() -> {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
          for (String line = r.readLine(); line != null; line = r.readLine()) {
            if (line.startsWith("DURABLE ")) {
              durable.set(Long.parseLong(line.substring(8).trim()));
            }
          }
        } catch (java.io.IOException e) {
          // the child was killed
        }
      });
      reader.setDaemon(true);
      reader.start();
      long first = t.sim.scanCounter(Dam.SAETTA);
      try {
        for (int i = 1; i <= 8; i++) {
          long want = i;
          Awaitility.await("durable " + want).atMost(Duration.ofSeconds(60)).until(() -> durable.get() >= want);
          t.tick();
        }
        // The ninth scan exists at the logger; the kill may come before, during or after its fsync.
        Thread.sleep(30);
      } finally {
        child.destroyForcibly();
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
      }
      long madeDurable = durable.get();
      assertThat(madeDurable).isGreaterThanOrEqualTo(8);

      t.enclave("sim");
      t.storageUp();
      t.collector(t.options(buffer));
      long upTo = first + madeDurable - 1;
      Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> t.storedScans.containsKey("SAETTA/" + upTo));
      List<String> delivered = t.distinctStored();
      assertThat(delivered.subList(0, (int) madeDurable)).containsExactlyElementsOf(CollectorBed.keys(Dam.SAETTA, first, upTo));
      // Whatever came after (the ninth, made durable or read again after the restart) is at most
      // one more scan, never a gap.
      assertThat(delivered.size()).isBetween((int) madeDurable, (int) madeDurable + 1);
      t.tick();
      long next = t.sim.scanCounter(Dam.SAETTA);
      Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> t.storedScans.containsKey("SAETTA/" + next));
    }
  }
}
