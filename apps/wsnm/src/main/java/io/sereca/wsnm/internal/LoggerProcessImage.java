package io.sereca.wsnm.internal;

import com.ghgande.j2mod.modbus.procimg.DigitalIn;
import com.ghgande.j2mod.modbus.procimg.DigitalOut;
import com.ghgande.j2mod.modbus.procimg.FIFO;
import com.ghgande.j2mod.modbus.procimg.File;
import com.ghgande.j2mod.modbus.procimg.IllegalAddressException;
import com.ghgande.j2mod.modbus.procimg.InputRegister;
import com.ghgande.j2mod.modbus.procimg.ProcessImage;
import com.ghgande.j2mod.modbus.procimg.Register;
import com.ghgande.j2mod.modbus.procimg.SimpleInputRegister;
import io.sereca.wsnm.RegisterMap;

/**
 * j2mod's view of a {@link DamLogger}: input registers rendered from the last scan on each read (so
 * one multi-register read is one consistent snapshot), holding registers written straight into the
 * logger.
 *
 * <p>j2mod 3.3.0's slave turns only an {@link IllegalAddressException} from a process image into a
 * Modbus exception response, always with code 02 (illegal data address); any other exception would
 * close the client's connection. So every refusal here, including a refused value and an offline
 * logger, is an {@code IllegalAddressException} naming the reason.
 */
public final class LoggerProcessImage implements ProcessImage {

  private final DamLogger logger;

  /** The image of {@code logger}. */
  public LoggerProcessImage(DamLogger logger) {
    this.logger = logger;
  }

  @Override
  public InputRegister[] getInputRegisterRange(int offset, int count) {
    if (logger.offline()) {
      throw new IllegalAddressException("logger of " + logger.dam().displayName() + " is offline");
    }
    checkRange("input register", offset, count, RegisterMap.INPUT_REGISTER_COUNT);
    int[] values = logger.inputRegisters();
    InputRegister[] out = new InputRegister[count];
    for (int i = 0; i < count; i++) {
      out[i] = new SimpleInputRegister(values[offset + i]);
    }
    return out;
  }

  @Override
  public InputRegister getInputRegister(int ref) {
    return getInputRegisterRange(ref, 1)[0];
  }

  @Override
  public int getInputRegisterCount() {
    return RegisterMap.INPUT_REGISTER_COUNT;
  }

  @Override
  public Register[] getRegisterRange(int offset, int count) {
    checkRange("holding register", offset, count, RegisterMap.HOLDING_REGISTER_COUNT);
    int[] snapshot = logger.holdingRegisters();
    Register[] out = new Register[count];
    for (int i = 0; i < count; i++) {
      out[i] = new HoldingRegister(offset + i, snapshot[offset + i]);
    }
    return out;
  }

  @Override
  public Register getRegister(int ref) {
    return getRegisterRange(ref, 1)[0];
  }

  @Override
  public int getRegisterCount() {
    return RegisterMap.HOLDING_REGISTER_COUNT;
  }

  @Override
  public DigitalOut[] getDigitalOutRange(int offset, int count) {
    throw new IllegalAddressException("the logger has no coils");
  }

  @Override
  public DigitalOut getDigitalOut(int ref) {
    throw new IllegalAddressException("the logger has no coils");
  }

  @Override
  public int getDigitalOutCount() {
    return 0;
  }

  @Override
  public DigitalIn[] getDigitalInRange(int offset, int count) {
    throw new IllegalAddressException("the logger has no discrete inputs");
  }

  @Override
  public DigitalIn getDigitalIn(int ref) {
    throw new IllegalAddressException("the logger has no discrete inputs");
  }

  @Override
  public int getDigitalInCount() {
    return 0;
  }

  @Override
  public File getFile(int ref) {
    throw new IllegalAddressException("the logger has no files");
  }

  @Override
  public File getFileByNumber(int ref) {
    throw new IllegalAddressException("the logger has no files");
  }

  @Override
  public int getFileCount() {
    return 0;
  }

  @Override
  public FIFO getFIFO(int ref) {
    throw new IllegalAddressException("the logger has no FIFO queues");
  }

  @Override
  public FIFO getFIFOByAddress(int ref) {
    throw new IllegalAddressException("the logger has no FIFO queues");
  }

  @Override
  public int getFIFOCount() {
    return 0;
  }

  private static void checkRange(String kind, int offset, int count, int size) {
    if (offset < 0 || count < 1 || offset + count > size) {
      throw new IllegalAddressException(kind + "s " + offset + ".." + (offset + count - 1)
          + " are outside 0.." + (size - 1));
    }
  }

  /** A holding register: reads what the logger holds, writes into the logger (validated there). */
  private final class HoldingRegister implements Register {
    private final int address;
    private volatile int value;

    HoldingRegister(int address, int value) {
      this.address = address;
      this.value = value & 0xFFFF;
    }

    @Override
    public int getValue() {
      return value;
    }

    @Override
    public int toUnsignedShort() {
      return value;
    }

    @Override
    public short toShort() {
      return (short) value;
    }

    @Override
    public byte[] toBytes() {
      return new byte[] {(byte) (value >> 8), (byte) value};
    }

    @Override
    public void setValue(int v) {
      try {
        logger.writeHolding(address, v & 0xFFFF);
      } catch (IllegalArgumentException e) {
        throw new IllegalAddressException(e.getMessage());
      }
      value = logger.holdingRegisters()[address];
    }

    @Override
    public void setValue(short s) {
      setValue(s & 0xFFFF);
    }

    @Override
    public void setValue(byte[] bytes) {
      if (bytes == null || bytes.length != 2) {
        throw new IllegalAddressException("a register value is 2 bytes");
      }
      setValue(((bytes[0] & 0xFF) << 8) | (bytes[1] & 0xFF));
    }
  }
}
