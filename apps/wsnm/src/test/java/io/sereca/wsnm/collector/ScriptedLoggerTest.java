package io.sereca.wsnm.collector;

import static org.assertj.core.api.Assertions.assertThat;

import com.ghgande.j2mod.modbus.procimg.SimpleInputRegister;
import com.ghgande.j2mod.modbus.procimg.SimpleProcessImage;
import com.ghgande.j2mod.modbus.slave.ModbusSlave;
import com.ghgande.j2mod.modbus.slave.ModbusSlaveFactory;
import io.sereca.wsnm.Channel;
import io.sereca.wsnm.Dam;
import io.sereca.wsnm.RegisterMap;
import io.sereca.wsnm.WordOrder;
import io.sereca.wsnm.data.Scan;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The collector's own checks, against a real j2mod Modbus TCP server whose input registers the
 * test writes (the simulator cannot be made to misbehave this way): a GOOD value outside the
 * plausible range becomes SUSPECT; counter jumps, regressions and a clock going back are flagged;
 * a register map it does not know is refused.
 */
class ScriptedLoggerTest {

  private static final Dam DAM = Dam.CONZA;
  private static final long T0 = 1_770_000_000L;

  @TempDir
  Path dir;

  private CollectorBed t;
  private ModbusSlave server;
  private final SimpleProcessImage image = new SimpleProcessImage(RegisterMap.UNIT_ID);

  @AfterEach
  void close() throws Exception {
    if (server != null) {
      ModbusSlaveFactory.close(server);
    }
    if (t != null) {
      t.close();
    }
  }

  private void set(int address, int value) {
    ((SimpleInputRegister) image.getInputRegister(address)).setValue(value & 0xFFFF);
  }

  private void setFloat(Channel c, float v) {
    int[] words = WordOrder.ABCD.encode(v);
    set(RegisterMap.channelAddress(c), words[0]);
    set(RegisterMap.channelAddress(c) + 1, words[1]);
  }

  /** Writes a scan's header; the counter last, so a read never sees a new counter with old data. */
  private void scan(long counter, long time) {
    set(RegisterMap.IR_EPOCH_HI, (int) (time >>> 16));
    set(RegisterMap.IR_EPOCH_LO, (int) time);
    set(RegisterMap.IR_SCAN_COUNTER_LO, (int) counter);
    set(RegisterMap.IR_SCAN_COUNTER_HI, (int) (counter >>> 16));
  }

  private Scan awaitScan(long counter) {
    String key = DAM.name() + "/" + counter;
    Awaitility.await(key).atMost(Duration.ofSeconds(30)).until(() -> t.storedScans.containsKey(key));
    return t.storedScans.get(key);
  }

  private void start() throws Exception {
    for (int i = 0; i < RegisterMap.INPUT_REGISTER_COUNT; i++) {
      image.addInputRegister(new SimpleInputRegister(0));
    }
    set(RegisterMap.IR_STATUS, RegisterMap.STATUS_LOGGER_OK | RegisterMap.STATUS_SIMULATED);
    set(RegisterMap.IR_BATTERY_MV, 12_800);
    set(RegisterMap.IR_LOGGER_TEMP_DECI_C, -35);
    set(RegisterMap.IR_CHANNEL_COUNT, Channel.values().length);
    set(RegisterMap.IR_WORD_ORDER, WordOrder.ABCD.code());
    set(RegisterMap.IR_MAP_VERSION, RegisterMap.MAP_VERSION);
    for (Channel c : Channel.values()) {
      setFloat(c, (float) ((c.min(DAM) + c.max(DAM)) / 2));
      set(RegisterMap.qualityAddress(c), RegisterMap.QUALITY_GOOD);
      set(RegisterMap.ageAddress(c), 4);
    }
    // Above the crest + 10 m, yet the logger says GOOD.
    setFloat(Channel.RESERVOIR_LEVEL, 9999f);
    scan(1, T0);
    int port = CollectorBed.freePort();
    server = ModbusSlaveFactory.createTCPSlave(InetAddress.getLoopbackAddress(), port, 4, false);
    server.addProcessImage(RegisterMap.UNIT_ID, image);
    server.open();
    t = new CollectorBed(dir);
    t.enclave("sim");
    t.storageUp();
    DataCollectorOptions o = new DataCollectorOptions().setCollectorId("test")
        .setBufferDirectory(dir.resolve("buffer").toString()).setPollIntervalMillis(20).setRetryBackoffMillis(50)
        .setMaxRetryBackoffMillis(400).setEnclaveToken(CollectorBed.TOKEN)
        .addLogger(new LoggerEndpoint(DAM, "127.0.0.1", port));
    t.collector(o);
  }

  @Test
  void aGoodValueOutsideThePlausibleRangeIsSuspectAndCounterAndClockAnomaliesAreFlagged() throws Exception {
    start();
    Scan first = awaitScan(1);
    assertThat(first.reading("RESERVOIR_LEVEL").quality()).isEqualTo(Scan.SUSPECT);
    assertThat(first.reading("RESERVOIR_LEVEL").value()).isEqualTo(9999.0);
    assertThat(first.reading("INFLOW").quality()).isEqualTo(Scan.GOOD);
    assertThat(first.reading("INFLOW").ageSeconds()).isEqualTo(4);
    assertThat(first.loggerTempC()).isEqualTo(-3.5);
    assertThat(first.batteryMv()).isEqualTo(12_800);
    assertThat(first.loggerTime()).isEqualTo(T0);
    assertThat(first.flags()).isEmpty();
    assertThat(t.counter("wsnm.collector.scans.suspect", "dam", DAM.name())).isGreaterThanOrEqualTo(1);

    setFloat(Channel.RESERVOIR_LEVEL, 420f);
    scan(2, T0 + 10);
    Scan second = awaitScan(2);
    assertThat(second.reading("RESERVOIR_LEVEL").quality()).isEqualTo(Scan.GOOD);
    assertThat(second.flags()).isEmpty();

    scan(5, T0 + 20);
    assertThat(awaitScan(5).flags()).containsExactly(Scan.FLAG_COUNTER_JUMP);
    scan(3, T0 + 30);
    assertThat(awaitScan(3).flags()).containsExactly(Scan.FLAG_COUNTER_REGRESSED);
    scan(4, T0 - 100);
    assertThat(awaitScan(4).flags()).containsExactly(Scan.FLAG_TIME_BACKWARDS);
  }

  @Test
  void aRegisterMapItDoesNotKnowIsRefusedAndCounted() throws Exception {
    start();
    awaitScan(1);
    set(RegisterMap.IR_MAP_VERSION, 2);
    scan(2, T0 + 10);
    Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
        t.counter("wsnm.collector.logger.errors", "dam", DAM.name(), "kind", "decode") >= 3);
    assertThat(t.storedScans).doesNotContainKey(DAM.name() + "/2");
    set(RegisterMap.IR_MAP_VERSION, RegisterMap.MAP_VERSION);
    assertThat(awaitScan(2).flags()).isEmpty();
  }
}
