package io.sereca.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.ghgande.j2mod.modbus.facade.ModbusTCPMaster;
import com.ghgande.j2mod.modbus.procimg.InputRegister;
import io.sereca.cli.Cli;
import io.sereca.cli.SerecaCommand;
import io.sereca.wsnm.Channel;
import io.sereca.wsnm.Dam;
import io.sereca.wsnm.RegisterMap;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class WsnmCommandTest {

  /** A base port with seven free ports after it (checked by binding each on loopback). */
  static int freeBasePort() {
    for (int attempt = 0; attempt < 50; attempt++) {
      int base = ThreadLocalRandom.current().nextInt(20_000, 60_000);
      boolean free = true;
      for (int i = 0; i < Dam.values().length && free; i++) {
        try (ServerSocket s = new ServerSocket(base + i, 1, InetAddress.getLoopbackAddress())) {
          s.setReuseAddress(true);
        } catch (IOException taken) {
          free = false;
        }
      }
      if (free) {
        return base;
      }
    }
    throw new IllegalStateException("no 7 consecutive free ports found");
  }

  @Test
  void simulatorServesEveryDamOverModbusAndSaysItIsSimulated() throws Exception {
    int base = freeBasePort();
    CompletableFuture<Cli.Result> run = CompletableFuture.supplyAsync(() -> Cli.run("wsnm", "simulator",
        "--base-port", String.valueOf(base), "--seed", "7", "--scan-interval", "1", "--run-for", "15"));
    // Generous: on a loaded machine the seven loggers can take seconds to come up.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    InputRegister[] regs = null;
    while (regs == null && System.nanoTime() < deadline && !run.isDone()) {
      ModbusTCPMaster master = new ModbusTCPMaster("127.0.0.1", base + Dam.GENZANO.ordinal(), 1000, false);
      try {
        master.connect();
        regs = master.readInputRegisters(RegisterMap.UNIT_ID, 0, RegisterMap.INPUT_REGISTER_COUNT);
      } catch (Exception notYet) {
        Thread.sleep(100);
      } finally {
        master.disconnect();
      }
    }
    assertThat(regs).as("Genzano's logger answered on base port + 6").isNotNull();
    assertThat(regs[RegisterMap.IR_STATUS].getValue() & RegisterMap.STATUS_SIMULATED).isNotZero();
    assertThat(regs[RegisterMap.IR_CHANNEL_COUNT].getValue()).isEqualTo(Channel.values().length);
    Cli.Result r = run.get(60, TimeUnit.SECONDS);
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(SerecaCommand.EXIT_OK);
    assertThat(r.out()).contains("SIMULATED").contains("Monte Cotugno").contains("127.0.0.1:" + base)
        .contains("127.0.0.1:" + (base + 6)).contains("simulator stopped");
  }

  @Test
  void aBadSeedIsAUsageErrorNamingIt() {
    Cli.Result r = Cli.run("wsnm", "simulator", "--seed", "-5");
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(SerecaCommand.EXIT_USAGE);
    assertThat(r.err()).contains("seed -5");
  }

  @Test
  void withoutASubcommandItAsksForOne() {
    Cli.Result r = Cli.run("wsnm");
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(SerecaCommand.EXIT_USAGE);
    assertThat(r.err()).contains("simulator");
  }
}
