package io.sereca.wsnm;

import com.ghgande.j2mod.modbus.ModbusException;
import com.ghgande.j2mod.modbus.slave.ModbusSlave;
import com.ghgande.j2mod.modbus.slave.ModbusSlaveFactory;
import com.ghgande.j2mod.modbus.slave.ModbusSlaveType;
import io.sereca.wsnm.internal.DamLogger;
import io.sereca.wsnm.internal.LoggerProcessImage;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * SIMULATED dam data loggers: one Modbus TCP server per {@link Dam} on a loopback address, each
 * serving a deterministic physics model in the {@link RegisterMap} layout.
 *
 * <p>Time comes from the injected {@link Clock}: the loggers scan when {@link #tick()} finds their
 * scan interval elapsed. With {@link DamSimulatorOptions#isTicking()} a daemon thread ticks every
 * second of wall time; without it the caller drives time (tests advance a clock and tick, no
 * sleeping). The same seed, clock start and sequence of ticks and scenario switches give the same
 * readings.
 *
 * <p>{@link #start()} blocks until the servers listen; the caller runs it off any event loop.
 */
public final class DamSimulator implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(DamSimulator.class.getName());

  private final DamSimulatorOptions options;
  private final Map<Dam, DamLogger> loggers = new EnumMap<>(Dam.class);
  private final List<ModbusSlave> servers = new ArrayList<>();
  private ScheduledExecutorService ticker;
  private boolean started;

  private DamSimulator(DamSimulatorOptions options, Clock clock) {
    this.options = new DamSimulatorOptions(options);
    for (Dam dam : this.options.getDams()) {
      loggers.put(dam, new DamLogger(dam, clock, this.options.getSeed(),
          this.options.getScanIntervalSeconds(), this.options.getWordOrder()));
    }
  }

  /** A simulator on the system clock (UTC). */
  public static DamSimulator create(DamSimulatorOptions options) {
    return create(options, Clock.systemUTC());
  }

  /** A simulator whose physics and timestamps follow {@code clock}. */
  public static DamSimulator create(DamSimulatorOptions options, Clock clock) {
    return new DamSimulator(Objects.requireNonNull(options, "options"), Objects.requireNonNull(clock, "clock"));
  }

  /**
   * Takes a first scan of every logger, opens the Modbus servers and, when ticking, starts the
   * ticker.
   *
   * @throws IOException naming the dam and port when a server cannot listen (all are closed again)
   */
  public synchronized void start() throws IOException {
    if (started) {
      throw new IllegalStateException("simulator already started");
    }
    started = true;
    tick();
    InetAddress address = InetAddress.getByName(options.getHost());
    for (DamLogger logger : loggers.values()) {
      int port = options.getPort(logger.dam());
      try {
        ModbusSlave server;
        // j2mod keeps one slave per port per JVM and hands an existing one back: taking it would
        // hijack another simulator's server, so a port already served here is refused.
        synchronized (ModbusSlaveFactory.class) {
          if (ModbusSlaveFactory.getSlave(ModbusSlaveType.TCP, port) != null) {
            throw new ModbusException("port already served by another Modbus server in this JVM");
          }
          server = ModbusSlaveFactory.createTCPSlave(address, port, options.getMaxConnections(), false);
        }
        server.addProcessImage(RegisterMap.UNIT_ID, new LoggerProcessImage(logger));
        servers.add(server);
        server.open();
      } catch (ModbusException e) {
        close();
        throw new IOException("Modbus server of " + logger.dam().displayName() + " cannot listen on "
            + options.getHost() + ":" + port + ": " + e.getMessage(), e);
      }
      LOG.log(System.Logger.Level.INFO, "SIMULATED data logger of {0} on {1}:{2,number,#}",
          logger.dam().displayName(), options.getHost(), port);
    }
    if (options.isTicking()) {
      ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "wsnm-simulator-ticker");
        t.setDaemon(true);
        return t;
      });
      ticker.scheduleAtFixedRate(this::tickSafely, 1, 1, TimeUnit.SECONDS);
    }
  }

  /** Lets every logger whose scan interval has elapsed take a scan. */
  public void tick() {
    for (DamLogger logger : loggers.values()) {
      logger.tick();
    }
  }

  private void tickSafely() {
    try {
      tick();
    } catch (RuntimeException e) {
      // The ticker must survive a bad step; the next tick tries again.
      LOG.log(System.Logger.Level.WARNING, "simulator tick failed", e);
    }
  }

  /** The dams simulated. */
  public Set<Dam> dams() {
    return options.getDams();
  }

  /** The port of {@code dam}'s Modbus server. */
  public int port(Dam dam) {
    logger(dam);
    return options.getPort(dam);
  }

  /** The scenario of {@code dam}'s logger. */
  public Scenario scenario(Dam dam) {
    return logger(dam).scenario();
  }

  /** Switches {@code dam}'s scenario, as writing the scenario holding register does. */
  public void setScenario(Dam dam, Scenario scenario) {
    logger(dam).setScenario(Objects.requireNonNull(scenario, "scenario"));
  }

  /** The last scanned value of {@code channel} at {@code dam} (NaN before the first scan). */
  public double value(Dam dam, Channel channel) {
    return logger(dam).value(channel);
  }

  /** Scans taken by {@code dam}'s logger. */
  public long scanCounter(Dam dam) {
    return logger(dam).scanCounter();
  }

  private DamLogger logger(Dam dam) {
    DamLogger logger = loggers.get(Objects.requireNonNull(dam, "dam"));
    if (logger == null) {
      throw new IllegalArgumentException(dam.displayName() + " is not simulated here");
    }
    return logger;
  }

  /** Stops the ticker and closes every server; idempotent. */
  @Override
  public synchronized void close() {
    if (ticker != null) {
      ticker.shutdownNow();
      ticker = null;
    }
    for (ModbusSlave server : servers) {
      ModbusSlaveFactory.close(server);
    }
    servers.clear();
  }
}
