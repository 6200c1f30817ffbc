package io.sereca.wsnm.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sereca.wsnm.Channel;
import io.sereca.wsnm.Dam;
import io.sereca.wsnm.RegisterMap;
import io.sereca.wsnm.Scenario;
import io.sereca.wsnm.SteppedClock;
import io.sereca.wsnm.WordOrder;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DamLoggerTest {

  private final SteppedClock clock = new SteppedClock(Instant.parse("2026-04-10T06:00:00Z"));
  private final DamLogger logger = new DamLogger(Dam.CONZA, clock, 17, 60, WordOrder.ABCD);

  private void scanEvery(Duration d, int scans) {
    for (int i = 0; i < scans; i++) {
      clock.advance(d);
      logger.scan();
    }
  }

  @Test
  void aStuckSensorFlatlinesWhileItsNeighboursKeepMoving() {
    scanEvery(Duration.ofMinutes(10), 3);
    logger.setScenario(Scenario.STUCK_SENSOR);
    Set<Double> stuck = new HashSet<>();
    Set<Double> neighbour = new HashSet<>();
    for (int i = 0; i < 20; i++) {
      scanEvery(Duration.ofMinutes(10), 1);
      stuck.add(logger.value(Channel.PIEZOMETER_2));
      neighbour.add(logger.value(Channel.PIEZOMETER_1));
      assertThat(logger.inputRegisters()[RegisterMap.qualityAddress(Channel.PIEZOMETER_2)])
          .as("a stuck sensor still claims good quality").isEqualTo(RegisterMap.QUALITY_GOOD);
    }
    assertThat(stuck).hasSize(1);
    assertThat(neighbour).hasSizeGreaterThan(15);
    logger.setScenario(Scenario.NORMAL);
    scanEvery(Duration.ofMinutes(10), 2);
    assertThat(logger.value(Channel.PIEZOMETER_2)).isNotIn(stuck);
  }

  @Test
  void anOfflineLoggerTakesNoScansAndResumesItsCounterAfterwards() {
    scanEvery(Duration.ofMinutes(1), 5);
    assertThat(logger.scanCounter()).isEqualTo(5);
    logger.setScenario(Scenario.LOGGER_OFFLINE);
    assertThat(logger.offline()).isTrue();
    scanEvery(Duration.ofMinutes(1), 5);
    assertThat(logger.scanCounter()).isEqualTo(5);
    logger.setScenario(Scenario.NORMAL);
    scanEvery(Duration.ofMinutes(1), 1);
    assertThat(logger.scanCounter()).isEqualTo(6);
    assertThat(logger.inputRegisters()[RegisterMap.IR_SCAN_COUNTER_LO]).isEqualTo(6);
  }

  @Test
  void tickScansOnlyWhenTheScanIntervalHasElapsed() {
    assertThat(logger.tick()).isTrue();
    clock.advance(Duration.ofSeconds(59));
    assertThat(logger.tick()).isFalse();
    clock.advance(Duration.ofSeconds(1));
    assertThat(logger.tick()).isTrue();
    assertThat(logger.scanCounter()).isEqualTo(2);
  }

  @Test
  void ageCountsSecondsSinceTheLastScan() {
    logger.scan();
    clock.advance(Duration.ofSeconds(42));
    assertThat(logger.inputRegisters()[RegisterMap.ageAddress(Channel.AIR_TEMPERATURE)]).isEqualTo(42);
  }

  @Test
  void badHoldingWritesAreRefusedNamingTheRegisterAndChangeNothing() {
    int[] before = logger.holdingRegisters();
    assertThatThrownBy(() -> logger.writeHolding(RegisterMap.HR_SCAN_INTERVAL, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("scan interval 0");
    assertThatThrownBy(() -> logger.writeHolding(RegisterMap.HR_SCAN_INTERVAL, 3601))
        .hasMessageContaining("3601");
    assertThatThrownBy(() -> logger.writeHolding(RegisterMap.HR_SCENARIO, 6))
        .hasMessageContaining("scenario code 6");
    assertThatThrownBy(() -> logger.writeHolding(RegisterMap.HR_WORD_ORDER, 2))
        .hasMessageContaining("word order code 2");
    assertThatThrownBy(() -> logger.writeHolding(99, 1))
        .hasMessageContaining("holding register 99");
    assertThat(logger.holdingRegisters()).isEqualTo(before);
  }

  @Test
  void theSeedTakesEffectWhenItsLowWordIsWritten() {
    logger.writeHolding(RegisterMap.HR_SEED_HI, 0x0001);
    assertThat(logger.seed()).isEqualTo(17);
    logger.writeHolding(RegisterMap.HR_SEED_LO, 0x0002);
    assertThat(logger.seed()).isEqualTo(0x0001_0002L);
  }

  @Test
  void theHeaderSaysSimulatedAndDescribesTheMap() {
    logger.scan();
    int[] r = logger.inputRegisters();
    assertThat(r[RegisterMap.IR_STATUS] & RegisterMap.STATUS_SIMULATED).isNotZero();
    assertThat(r[RegisterMap.IR_CHANNEL_COUNT]).isEqualTo(Channel.values().length);
    assertThat(r[RegisterMap.IR_MAP_VERSION]).isEqualTo(RegisterMap.MAP_VERSION);
    long epoch = ((long) r[RegisterMap.IR_EPOCH_HI] << 16) | r[RegisterMap.IR_EPOCH_LO];
    assertThat(epoch).isEqualTo(clock.instant().getEpochSecond());
    assertThat(r[RegisterMap.IR_BATTERY_MV]).isBetween(11_000, 14_500);
  }
}
