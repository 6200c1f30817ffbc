package io.sereca.wsnm.cep.internal;

import io.sereca.wsnm.data.Reading;
import io.sereca.wsnm.data.Scan;
import java.util.Arrays;

/**
 * A scan laid out for the detectors: readings in arrays by {@link Channels} index (unknown
 * channels are ignored), the logger time in milliseconds (the time base of every data window)
 * and the engine's clock at receipt (the time base of absence and of alarm times).
 */
public final class ScanView {

  /** The scan. */
  public final Scan scan;
  /** Logger time of the scan, epoch ms. */
  public final long t;
  /** Engine clock when the scan was received, epoch ms. */
  public final long receivedAt;
  private final double[] values = new double[Channels.NAMES.size()];
  private final int[] quality = new int[Channels.NAMES.size()];
  private final int[] age = new int[Channels.NAMES.size()];

  /** The view of {@code scan} received at {@code receivedAt}. */
  public ScanView(Scan scan, long receivedAt) {
    this.scan = scan;
    this.t = scan.loggerTime() * 1000;
    this.receivedAt = receivedAt;
    Arrays.fill(quality, -1);
    for (Reading r : scan.readings()) {
      int i = Channels.index(r.channel());
      if (i >= 0 && i < Channels.LOGGER_CHANNELS) {
        values[i] = r.value();
        quality[i] = r.quality();
        age[i] = r.ageSeconds();
      }
    }
    values[Channels.BATTERY] = scan.batteryMv() / 1000.0;
    quality[Channels.BATTERY] = Scan.GOOD;
    values[Channels.LOGGER_TEMPERATURE] = scan.loggerTempC();
    quality[Channels.LOGGER_TEMPERATURE] = Scan.GOOD;
  }

  /** Whether channel {@code i} is in the scan. */
  public boolean present(int i) {
    return quality[i] >= 0;
  }

  /** Whether channel {@code i} is in the scan with GOOD quality: the only readings value rules use. */
  public boolean good(int i) {
    return quality[i] == Scan.GOOD;
  }

  /** The value of channel {@code i} (meaningful when {@link #present}). */
  public double value(int i) {
    return values[i];
  }

  /** The age in seconds of channel {@code i}. */
  public int age(int i) {
    return age[i];
  }
}
