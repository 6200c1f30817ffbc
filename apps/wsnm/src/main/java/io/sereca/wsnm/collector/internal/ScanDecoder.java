package io.sereca.wsnm.collector.internal;

import io.sereca.wsnm.Channel;
import io.sereca.wsnm.Dam;
import io.sereca.wsnm.RegisterMap;
import io.sereca.wsnm.WordOrder;
import io.sereca.wsnm.data.Reading;
import io.sereca.wsnm.data.Scan;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the 90 input registers of one read into a {@link Scan}: header, word order (input
 * register 8), float32 values, the logger's quality and age per channel; a value outside the
 * channel's plausible range for the dam ({@link Channel#min(Dam)} … {@link Channel#max(Dam)}) is
 * marked SUSPECT even when the logger said GOOD, and a non-finite value BAD (0 on the wire).
 */
public final class ScanDecoder {

  private static final Channel[] CHANNELS = Channel.values();

  private ScanDecoder() {}

  /** What a decoded read says, before the collector compares it with the previous scan. */
  public record Decoded(Dam dam, long counter, long loggerTime, int status, int batteryMv, double loggerTempC,
      List<Reading> readings, int suspect) {}

  /**
   * Decodes one read.
   *
   * @throws IllegalArgumentException naming the header field that does not fit this register map
   */
  public static Decoded decode(Dam dam, int[] r) {
    if (r.length < RegisterMap.INPUT_REGISTER_COUNT) {
      throw new IllegalArgumentException("read returned " + r.length + " registers, expected "
          + RegisterMap.INPUT_REGISTER_COUNT);
    }
    if (r[RegisterMap.IR_MAP_VERSION] != RegisterMap.MAP_VERSION) {
      throw new IllegalArgumentException("register map version " + r[RegisterMap.IR_MAP_VERSION] + " is not "
          + RegisterMap.MAP_VERSION);
    }
    if (r[RegisterMap.IR_CHANNEL_COUNT] != CHANNELS.length) {
      throw new IllegalArgumentException("logger reports " + r[RegisterMap.IR_CHANNEL_COUNT] + " channels, expected "
          + CHANNELS.length);
    }
    WordOrder order = WordOrder.fromCode(r[RegisterMap.IR_WORD_ORDER]);
    long loggerTime = u32(r, RegisterMap.IR_EPOCH_HI);
    long counter = u32(r, RegisterMap.IR_SCAN_COUNTER_HI);
    int status = r[RegisterMap.IR_STATUS];
    int battery = r[RegisterMap.IR_BATTERY_MV];
    double temp = ((short) r[RegisterMap.IR_LOGGER_TEMP_DECI_C]) / 10.0;
    List<Reading> readings = new ArrayList<>(CHANNELS.length);
    int suspect = 0;
    for (int i = 0; i < CHANNELS.length; i++) {
      Channel c = CHANNELS[i];
      int a = RegisterMap.channelAddress(i);
      double v = order.decode(r[a], r[a + 1]);
      int quality = r[a + 2];
      int age = r[a + 3];
      if (quality > RegisterMap.QUALITY_NOT_MEASURED) {
        // An unknown code is not trusted as GOOD.
        quality = RegisterMap.QUALITY_BAD;
      }
      if (!Double.isFinite(v)) {
        v = 0;
        if (quality != RegisterMap.QUALITY_NOT_MEASURED) {
          quality = RegisterMap.QUALITY_BAD;
        }
      } else if (quality == RegisterMap.QUALITY_GOOD && (v < c.min(dam) || v > c.max(dam))) {
        quality = RegisterMap.QUALITY_SUSPECT;
        suspect++;
      }
      readings.add(Reading.create(c.name(), v, quality, age));
    }
    return new Decoded(dam, counter, loggerTime, status, battery, temp, readings, suspect);
  }

  private static long u32(int[] r, int hi) {
    return ((long) (r[hi] & 0xFFFF) << 16) | (r[hi + 1] & 0xFFFF);
  }

  /** The scan to forward, with the collector's flags and timestamp. */
  public static Scan toScan(Decoded d, long collectedAt, List<String> flags) {
    return Scan.create(d.dam().name(), d.counter(), d.loggerTime(), collectedAt, d.status(), d.batteryMv(),
        d.loggerTempC(), flags, d.readings());
  }
}
