package io.sereca.wsnm.enclave.store;

import io.sereca.wsnm.data.Reading;
import io.sereca.wsnm.data.Scan;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The plaintext of a stored scan: a compact binary form of {@link Scan} (about half its JSON and
 * much cheaper to read back, which matters when a trend query decrypts a year of rows). Decoding
 * re-validates every field with {@link Scan#create}; a record is only decoded after its
 * AES-GCM tag checked, so a failure here means a bug or a key compromise, never a host's edit.
 */
public final class ScanRecord {

  private static final int VERSION = 1;

  private ScanRecord() {}

  /** The record time of a scan: when the collector read it (epoch ms). */
  public static long time(Scan scan) {
    return scan.collectedAt();
  }

  /** Encodes a scan. */
  public static byte[] encode(Scan s) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + s.readings().size() * 32);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(VERSION);
      out.writeUTF(s.dam());
      out.writeInt((int) s.scan());
      out.writeLong(s.loggerTime());
      out.writeLong(s.collectedAt());
      out.writeShort(s.status());
      out.writeShort(s.batteryMv());
      out.writeDouble(s.loggerTempC());
      out.writeByte(s.flags().size());
      for (String f : s.flags()) {
        out.writeUTF(f);
      }
      out.writeByte(s.readings().size());
      for (Reading r : s.readings()) {
        out.writeUTF(r.channel());
        out.writeDouble(r.value());
        out.writeByte(r.quality());
        out.writeShort(r.ageSeconds());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /**
   * Decodes a scan.
   *
   * @throws IllegalArgumentException if the bytes are not a valid scan record
   */
  public static Scan decode(byte[] plaintext) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(plaintext))) {
      if (in.readUnsignedByte() != VERSION) {
        throw new IllegalArgumentException("scan record: unknown version");
      }
      String dam = in.readUTF();
      long scan = Integer.toUnsignedLong(in.readInt());
      long loggerTime = in.readLong();
      long collectedAt = in.readLong();
      int status = in.readUnsignedShort();
      int battery = in.readUnsignedShort();
      double temp = in.readDouble();
      int nf = in.readUnsignedByte();
      List<String> flags = new ArrayList<>(nf);
      for (int i = 0; i < nf; i++) {
        flags.add(in.readUTF());
      }
      int nr = in.readUnsignedByte();
      List<Reading> readings = new ArrayList<>(nr);
      for (int i = 0; i < nr; i++) {
        readings.add(Reading.create(in.readUTF(), in.readDouble(), in.readUnsignedByte(), in.readUnsignedShort()));
      }
      if (in.available() != 0) {
        throw new IllegalArgumentException("scan record: trailing bytes");
      }
      return Scan.create(dam, scan, loggerTime, collectedAt, status, battery, temp, flags, readings);
    } catch (IOException e) {
      throw new IllegalArgumentException("scan record: truncated");
    }
  }
}
