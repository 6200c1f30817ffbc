package io.sereca.wsnm.collector.internal;

import com.ghgande.j2mod.modbus.ModbusSlaveException;
import com.ghgande.j2mod.modbus.facade.ModbusTCPMaster;
import com.ghgande.j2mod.modbus.procimg.InputRegister;
import io.sereca.wsnm.RegisterMap;
import io.sereca.wsnm.collector.LoggerEndpoint;

/**
 * Reads one logger with j2mod's (blocking) Modbus TCP master: all 90 input registers in one
 * function-04 request. Runs on a worker thread, one read at a time; the caller schedules it and
 * keeps the back-off. A Modbus exception response (the logger is reachable but refuses, as an
 * offline logger does) keeps the connection; any other failure drops it, and the next read
 * connects again.
 */
public final class LoggerPoller {

  /** Why a read failed, for metrics and logs. */
  public enum Failure {
    /** The logger answered with a Modbus exception response. */
    EXCEPTION,
    /** No connection, timeout, or a broken connection. */
    IO,
    /** The answer does not fit the register map. */
    DECODE
  }

  /** A failed read. */
  public static final class ReadFailure extends Exception {
    private static final long serialVersionUID = 1L;
    private final Failure kind;

    ReadFailure(Failure kind, String message, Throwable cause) {
      super(message, cause);
      this.kind = kind;
    }

    /** What failed. */
    public Failure kind() {
      return kind;
    }
  }

  private final LoggerEndpoint endpoint;
  private final int timeoutMillis;
  private ModbusTCPMaster master;

  /** A poller of {@code endpoint} with {@code timeoutMillis} per connect and request. */
  public LoggerPoller(LoggerEndpoint endpoint, int timeoutMillis) {
    this.endpoint = new LoggerEndpoint(endpoint);
    this.timeoutMillis = timeoutMillis;
  }

  /** The endpoint read. */
  public LoggerEndpoint endpoint() {
    return endpoint;
  }

  /** Reads the input registers (blocking). */
  public synchronized int[] read() throws ReadFailure {
    try {
      if (master == null) {
        ModbusTCPMaster m = new ModbusTCPMaster(endpoint.getHost(), endpoint.getPort(), timeoutMillis, false);
        // One attempt per poll: the poll interval and the back-off are the retries.
        m.setRetries(0);
        m.connect();
        master = m;
      }
      InputRegister[] regs = master.readInputRegisters(endpoint.getUnitId(), 0, RegisterMap.INPUT_REGISTER_COUNT);
      if (regs == null || regs.length != RegisterMap.INPUT_REGISTER_COUNT) {
        throw new ReadFailure(Failure.DECODE, "read returned " + (regs == null ? 0 : regs.length) + " registers", null);
      }
      int[] out = new int[regs.length];
      for (int i = 0; i < regs.length; i++) {
        out[i] = regs[i].toUnsignedShort();
      }
      return out;
    } catch (ModbusSlaveException e) {
      throw new ReadFailure(Failure.EXCEPTION, "Modbus exception " + e.getType() + " (" + e.getMessage() + ")", e);
    } catch (ReadFailure e) {
      throw e;
    } catch (Exception e) {
      close();
      throw new ReadFailure(Failure.IO, e.getClass().getSimpleName() + ": " + e.getMessage(), e);
    }
  }

  /** Drops the connection (the next read reconnects). */
  public synchronized void close() {
    if (master != null) {
      try {
        master.disconnect();
      } catch (RuntimeException e) {
        // Closing a broken connection may fail; it is dropped either way.
      }
      master = null;
    }
  }
}
