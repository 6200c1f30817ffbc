package io.sereca.wsnm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ghgande.j2mod.modbus.Modbus;
import com.ghgande.j2mod.modbus.ModbusException;
import com.ghgande.j2mod.modbus.ModbusSlaveException;
import com.ghgande.j2mod.modbus.facade.ModbusTCPMaster;
import com.ghgande.j2mod.modbus.procimg.InputRegister;
import com.ghgande.j2mod.modbus.procimg.Register;
import com.ghgande.j2mod.modbus.procimg.SimpleRegister;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The simulators' Modbus TCP servers read and written by j2mod's standard Modbus TCP client. */
class DamSimulatorModbusTest {

  private static final Instant START = Instant.parse("2026-02-01T00:00:00Z");

  private final List<AutoCloseable> open = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (int i = open.size() - 1; i >= 0; i--) {
      open.get(i).close();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private DamSimulator start(DamSimulatorOptions options, SteppedClock clock) throws IOException {
    for (Dam dam : options.getDams()) {
      options.setPort(dam, freePort());
    }
    DamSimulator sim = clock == null ? DamSimulator.create(options) : DamSimulator.create(options, clock);
    open.add(sim);
    sim.start();
    return sim;
  }

  private static DamSimulatorOptions one(Dam dam) {
    return new DamSimulatorOptions().setDams(EnumSet.of(dam)).setTicking(false);
  }

  private ModbusTCPMaster client(DamSimulator sim, Dam dam) throws Exception {
    ModbusTCPMaster master = new ModbusTCPMaster("127.0.0.1", sim.port(dam), 2000, false);
    master.connect();
    open.add(master::disconnect);
    return master;
  }

  private static int[] inputs(ModbusTCPMaster m) throws ModbusException {
    // A Modbus read carries at most 125 registers; the map has fewer.
    InputRegister[] r = m.readInputRegisters(RegisterMap.UNIT_ID, 0, RegisterMap.INPUT_REGISTER_COUNT);
    int[] out = new int[r.length];
    for (int i = 0; i < r.length; i++) {
      out[i] = r[i].toUnsignedShort();
    }
    return out;
  }

  private static float channel(int[] regs, Channel c, WordOrder order) {
    int a = RegisterMap.channelAddress(c);
    return order.decode(regs[a], regs[a + 1]);
  }

  private static long u32(int[] regs, int hiAddress) {
    return ((long) regs[hiAddress] << 16) | regs[hiAddress + 1];
  }

  private static void write(ModbusTCPMaster m, int address, int value) throws ModbusException {
    m.writeSingleRegister(RegisterMap.UNIT_ID, address, new SimpleRegister(value));
  }

  private static void runFor(DamSimulator sim, SteppedClock clock, Duration total, Duration interval) {
    for (Duration t = Duration.ZERO; t.compareTo(total) < 0; t = t.plus(interval)) {
      clock.advance(interval);
      sim.tick();
    }
  }

  @Test
  void floatsDecodeToTheScannedValuesInBothWordOrders() throws Exception {
    for (WordOrder order : WordOrder.values()) {
      SteppedClock clock = new SteppedClock(START);
      DamSimulator sim = start(one(Dam.PERTUSILLO).setWordOrder(order), clock);
      int[] regs = inputs(client(sim, Dam.PERTUSILLO));
      assertThat(regs[RegisterMap.IR_WORD_ORDER]).isEqualTo(order.code());
      for (Channel c : Channel.values()) {
        assertThat(channel(regs, c, order)).as(c + " in " + order)
            .isEqualTo((float) sim.value(Dam.PERTUSILLO, c));
      }
      float level = channel(regs, Channel.RESERVOIR_LEVEL, order);
      assertThat(level).isBetween((float) Dam.PERTUSILLO.minOperatingLevel(), (float) Dam.PERTUSILLO.crestLevel());
      // Read in the other order the level is garbage: the order really is applied.
      WordOrder other = order == WordOrder.ABCD ? WordOrder.CDAB : WordOrder.ABCD;
      assertThat(channel(regs, Channel.RESERVOIR_LEVEL, other)).isNotEqualTo(level);
    }
  }

  @Test
  void theWordOrderCanBeSwitchedThroughItsHoldingRegister() throws Exception {
    SteppedClock clock = new SteppedClock(START);
    DamSimulator sim = start(one(Dam.CONZA), clock);
    ModbusTCPMaster m = client(sim, Dam.CONZA);
    write(m, RegisterMap.HR_WORD_ORDER, WordOrder.CDAB.code());
    int[] regs = inputs(m);
    assertThat(regs[RegisterMap.IR_WORD_ORDER]).isEqualTo(WordOrder.CDAB.code());
    assertThat(channel(regs, Channel.RESERVOIR_LEVEL, WordOrder.CDAB))
        .isEqualTo((float) sim.value(Dam.CONZA, Channel.RESERVOIR_LEVEL));
  }

  @Test
  void theScanCounterAndTimestampAdvanceWithEachScan() throws Exception {
    SteppedClock clock = new SteppedClock(START);
    DamSimulator sim = start(one(Dam.SAETTA).setScanIntervalSeconds(10), clock);
    ModbusTCPMaster m = client(sim, Dam.SAETTA);
    int[] first = inputs(m);
    runFor(sim, clock, Duration.ofSeconds(50), Duration.ofSeconds(10));
    int[] later = inputs(m);
    assertThat(u32(first, RegisterMap.IR_SCAN_COUNTER_HI)).isEqualTo(1);
    assertThat(u32(later, RegisterMap.IR_SCAN_COUNTER_HI)).isEqualTo(6);
    assertThat(u32(later, RegisterMap.IR_EPOCH_HI) - u32(first, RegisterMap.IR_EPOCH_HI)).isEqualTo(50);
    assertThat(u32(first, RegisterMap.IR_EPOCH_HI)).isEqualTo(START.getEpochSecond());
  }

  @Test
  void theSameSeedGivesTheSameRegistersAndAnotherSeedOthers() throws Exception {
    int[][] regs = new int[3][];
    long[] seeds = {1234, 1234, 1235};
    for (int i = 0; i < 3; i++) {
      SteppedClock clock = new SteppedClock(START);
      DamSimulator sim = start(one(Dam.MONTE_COTUGNO).setSeed(seeds[i]).setScanIntervalSeconds(60), clock);
      runFor(sim, clock, Duration.ofHours(6), Duration.ofMinutes(1));
      regs[i] = inputs(client(sim, Dam.MONTE_COTUGNO));
    }
    assertThat(regs[1]).isEqualTo(regs[0]);
    assertThat(regs[2]).isNotEqualTo(regs[0]);
  }

  @Test
  void aSeedWrittenThroughTheHoldingRegistersRestartsThePhysicsReproducibly() throws Exception {
    int[][] regs = new int[2][];
    long[] initialSeeds = {1, 99};
    for (int i = 0; i < 2; i++) {
      SteppedClock clock = new SteppedClock(START);
      DamSimulator sim = start(one(Dam.GENZANO).setSeed(initialSeeds[i]), clock);
      ModbusTCPMaster m = client(sim, Dam.GENZANO);
      m.writeMultipleRegisters(RegisterMap.UNIT_ID, RegisterMap.HR_SEED_HI,
          new Register[] {new SimpleRegister(0x00AB), new SimpleRegister(0xCDEF)});
      Register[] hr = m.readMultipleRegisters(RegisterMap.UNIT_ID, 0, RegisterMap.HOLDING_REGISTER_COUNT);
      assertThat(hr[RegisterMap.HR_SEED_HI].getValue()).isEqualTo(0x00AB);
      assertThat(hr[RegisterMap.HR_SEED_LO].getValue()).isEqualTo(0xCDEF);
      runFor(sim, clock, Duration.ofHours(1), Duration.ofSeconds(10));
      regs[i] = inputs(m);
    }
    // Same seed from the same instant: same readings, whatever the seed before was.
    assertThat(regs[1]).isEqualTo(regs[0]);
  }

  @Test
  void floodSwitchedThroughTheScenarioRegisterRaisesRainAndLevel() throws Exception {
    SteppedClock clock = new SteppedClock(START);
    DamSimulator sim = start(one(Dam.ACERENZA).setScanIntervalSeconds(600), clock);
    ModbusTCPMaster m = client(sim, Dam.ACERENZA);
    int[] before = inputs(m);
    assertThat(before[RegisterMap.IR_STATUS] & RegisterMap.STATUS_SCENARIO_ACTIVE).isZero();
    write(m, RegisterMap.HR_SCENARIO, Scenario.FLOOD.code());
    assertThat(sim.scenario(Dam.ACERENZA)).isEqualTo(Scenario.FLOOD);
    runFor(sim, clock, Duration.ofHours(12), Duration.ofMinutes(10));
    int[] after = inputs(m);
    assertThat(after[RegisterMap.IR_STATUS] & RegisterMap.STATUS_SCENARIO_ACTIVE).isNotZero();
    assertThat(channel(after, Channel.RAIN_INTENSITY, WordOrder.ABCD)).isGreaterThan(10f);
    assertThat(channel(after, Channel.INFLOW, WordOrder.ABCD))
        .isGreaterThan(5 * channel(before, Channel.INFLOW, WordOrder.ABCD));
    assertThat(channel(after, Channel.RESERVOIR_LEVEL, WordOrder.ABCD))
        .isGreaterThan(channel(before, Channel.RESERVOIR_LEVEL, WordOrder.ABCD) + 0.5f);
  }

  @Test
  void badWritesGetAModbusExceptionAndTheServerLivesOn() throws Exception {
    SteppedClock clock = new SteppedClock(START);
    DamSimulator sim = start(one(Dam.CAMASTRA), clock);
    ModbusTCPMaster m = client(sim, Dam.CAMASTRA);
    int[][] bad = {
      {RegisterMap.HR_SCAN_INTERVAL, 0},
      {RegisterMap.HR_SCAN_INTERVAL, 7200},
      {RegisterMap.HR_SCENARIO, 6},
      {RegisterMap.HR_SCENARIO, 0xFFFF},
      {RegisterMap.HR_WORD_ORDER, 2},
      {RegisterMap.HOLDING_REGISTER_COUNT, 1},
    };
    for (int[] w : bad) {
      assertThatThrownBy(() -> write(m, w[0], w[1])).as("write %d <- %d", w[0], w[1])
          .isInstanceOfSatisfying(ModbusSlaveException.class,
              e -> assertThat(e.getType()).isEqualTo(Modbus.ILLEGAL_ADDRESS_EXCEPTION));
    }
    assertThatThrownBy(() -> m.readInputRegisters(RegisterMap.UNIT_ID, RegisterMap.INPUT_REGISTER_COUNT - 1, 2))
        .isInstanceOf(ModbusSlaveException.class);
    Register[] hr = m.readMultipleRegisters(RegisterMap.UNIT_ID, 0, RegisterMap.HOLDING_REGISTER_COUNT);
    assertThat(hr[RegisterMap.HR_SCAN_INTERVAL].getValue()).isEqualTo(DamSimulatorOptions.DEFAULT_SCAN_INTERVAL_SECONDS);
    assertThat(hr[RegisterMap.HR_SCENARIO].getValue()).isEqualTo(Scenario.NORMAL.code());
    // Same connection, still served; a good write is still accepted.
    write(m, RegisterMap.HR_SCAN_INTERVAL, 30);
    assertThat(m.readMultipleRegisters(RegisterMap.UNIT_ID, RegisterMap.HR_SCAN_INTERVAL, 1)[0].getValue()).isEqualTo(30);
    assertThat(inputs(m)[RegisterMap.IR_CHANNEL_COUNT]).isEqualTo(Channel.values().length);
  }

  @Test
  void anOfflineLoggerRefusesMeasurementReadsUntilSwitchedBack() throws Exception {
    SteppedClock clock = new SteppedClock(START);
    DamSimulator sim = start(one(Dam.CONZA), clock);
    ModbusTCPMaster m = client(sim, Dam.CONZA);
    write(m, RegisterMap.HR_SCENARIO, Scenario.LOGGER_OFFLINE.code());
    runFor(sim, clock, Duration.ofMinutes(5), Duration.ofSeconds(10));
    assertThatThrownBy(() -> inputs(m)).isInstanceOfSatisfying(ModbusSlaveException.class,
        e -> assertThat(e.getType()).isEqualTo(Modbus.ILLEGAL_ADDRESS_EXCEPTION));
    assertThat(m.readMultipleRegisters(RegisterMap.UNIT_ID, RegisterMap.HR_SCENARIO, 1)[0].getValue())
        .isEqualTo(Scenario.LOGGER_OFFLINE.code());
    write(m, RegisterMap.HR_SCENARIO, Scenario.NORMAL.code());
    runFor(sim, clock, Duration.ofSeconds(10), Duration.ofSeconds(10));
    int[] regs = inputs(m);
    // One scan at start, none while offline, one after.
    assertThat(u32(regs, RegisterMap.IR_SCAN_COUNTER_HI)).isEqualTo(2);
  }

  @Test
  void sevenServersListenOnDistinctPortsAndServeTheirOwnDam() throws Exception {
    DamSimulator sim = start(new DamSimulatorOptions().setTicking(false), new SteppedClock(START));
    Set<Integer> ports = new HashSet<>();
    Set<Float> levels = new HashSet<>();
    for (Dam dam : Dam.values()) {
      ports.add(sim.port(dam));
      int[] regs = inputs(client(sim, dam));
      assertThat(regs[RegisterMap.IR_STATUS] & RegisterMap.STATUS_SIMULATED).isNotZero();
      float level = channel(regs, Channel.RESERVOIR_LEVEL, WordOrder.ABCD);
      assertThat(level).as(dam.displayName())
          .isBetween((float) dam.minOperatingLevel(), (float) dam.maxOperatingLevel());
      levels.add(level);
    }
    assertThat(ports).hasSize(7);
    assertThat(levels).hasSize(7);
  }

  @Test
  void aSecondServerOnATakenPortFailsNamingTheDamAndPort() throws Exception {
    DamSimulator first = start(one(Dam.SAETTA), new SteppedClock(START));
    DamSimulatorOptions clash = one(Dam.SAETTA).setPort(Dam.SAETTA, first.port(Dam.SAETTA));
    DamSimulator second = DamSimulator.create(clash, new SteppedClock(START));
    open.add(second);
    assertThatThrownBy(second::start).isInstanceOf(IOException.class)
        .hasMessageContaining("Saetta").hasMessageContaining(String.valueOf(first.port(Dam.SAETTA)));
    // The first simulator's server is untouched by the refused one.
    assertThat(inputs(client(first, Dam.SAETTA))[RegisterMap.IR_CHANNEL_COUNT]).isEqualTo(Channel.values().length);
  }

  @Test
  void aPortTakenByAnotherProgramFailsTheStart() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      DamSimulatorOptions o = one(Dam.CONZA).setPort(Dam.CONZA, taken.getLocalPort());
      DamSimulator sim = DamSimulator.create(o, new SteppedClock(START));
      open.add(sim);
      assertThatThrownBy(sim::start).isInstanceOf(IOException.class).hasMessageContaining("Conza");
    }
  }

  @Test
  void onTheSystemClockTheTickerScansByItself() throws Exception {
    DamSimulator sim = start(one(Dam.GENZANO).setTicking(true).setScanIntervalSeconds(1), null);
    ModbusTCPMaster m = client(sim, Dam.GENZANO);
    long first = u32(inputs(m), RegisterMap.IR_SCAN_COUNTER_HI);
    Awaitility.await().atMost(Duration.ofSeconds(10))
        .until(() -> u32(inputs(m), RegisterMap.IR_SCAN_COUNTER_HI) >= first + 2);
  }

  @Test
  void optionsRefuseNonLoopbackHostsAndBadValues() {
    DamSimulatorOptions o = new DamSimulatorOptions();
    assertThatThrownBy(() -> o.setHost("192.0.2.1")).hasMessageContaining("not a loopback");
    assertThatThrownBy(() -> o.setSeed(-1)).hasMessageContaining("seed -1");
    assertThatThrownBy(() -> o.setScanIntervalSeconds(0)).hasMessageContaining("scan interval 0");
    assertThatThrownBy(() -> o.setBasePort(65530)).hasMessageContaining("base port 65530");
    assertThat(o.getPort(Dam.MONTE_COTUGNO)).isEqualTo(5021);
    assertThat(o.getPort(Dam.GENZANO)).isEqualTo(5027);
  }
}
