package io.sereca.bench.harness.internal;

import io.sereca.wsnm.Channel;
import io.sereca.wsnm.Dam;
import io.sereca.wsnm.DamSimulator;
import io.sereca.wsnm.DamSimulatorOptions;
import io.sereca.wsnm.data.Reading;
import io.sereca.wsnm.data.Scan;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * SIMULATED scans for the WSNM benchmark: per dam the values of the dam simulator's first scan
 * (NORMAL scenario: no alarm rule fires on them), each reading nudged a little from scan to scan
 * so no "stuck sensor" rule fires either, consecutive scan counters (no integrity alarm) and a
 * logger time one second per scan, starting now: the load looks like loggers scanning every second
 * whose backlog is replayed as fast as the cloud takes it. Thread-confined per dam.
 */
final class WsnmScans {

  /** Status bits of a healthy SIMULATED logger (logger OK, simulated). */
  static final int STATUS = 0x8001;
  /** The probe's spillway opening: above spillway-release's 0.5 % limit. */
  static final double GATE_OPEN = 10.0;

  private final Map<Dam, double[]> base = new EnumMap<>(Dam.class);
  private final Map<Dam, long[]> next = new EnumMap<>(Dam.class);
  private final long startSeconds = System.currentTimeMillis() / 1000;

  WsnmScans() {
    DamSimulator sim = DamSimulator.create(new DamSimulatorOptions().setTicking(false));
    sim.tick();
    for (Dam dam : Dam.values()) {
      double[] v = new double[Channel.values().length];
      for (Channel c : Channel.values()) {
        double x = sim.value(dam, c);
        v[c.ordinal()] = Double.isFinite(x) ? x : (c.min(dam) + c.max(dam)) / 2;
      }
      v[Channel.SPILLWAY_GATE.ordinal()] = 0;
      base.put(dam, v);
      next.put(dam, new long[] {1});
    }
  }

  /** The next scan of {@code dam}; {@code gate} is the spillway opening (0: closed). */
  Scan next(Dam dam, double gate) {
    long[] n = next.get(dam);
    long counter = n[0]++;
    double[] v = base.get(dam);
    // Alternating by a thousandth: values move (no flatline) without a trend (no rate alarm).
    double nudge = (counter & 1) == 0 ? 0 : 0.001;
    List<Reading> readings = new ArrayList<>(v.length);
    for (Channel c : Channel.values()) {
      double x = c == Channel.SPILLWAY_GATE ? gate : v[c.ordinal()] + nudge;
      readings.add(Reading.create(c.name(), x, Scan.GOOD, 1));
    }
    return Scan.create(dam.name(), counter, startSeconds + counter, System.currentTimeMillis(), STATUS, 12_800,
        21.5, List.of(), readings);
  }

  /** Scans handed out for {@code dam}. */
  long issued(Dam dam) {
    return next.get(dam)[0] - 1;
  }
}
