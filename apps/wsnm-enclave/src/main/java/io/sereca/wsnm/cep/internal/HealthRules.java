package io.sereca.wsnm.cep.internal;

import io.sereca.wsnm.cep.RuleException;
import io.sereca.wsnm.data.Scan;
import java.util.List;

/**
 * Rules about the data rather than the dam: {@code absence} (no scan for a time, by the engine
 * clock), {@code flatline} (a channel repeats the same GOOD value while others move: a stuck
 * sensor) and {@code stale} (a reading older than a limit). Integrity is {@link IntegrityRule}.
 */
final class HealthRules {

  private HealthRules() {}

  static RuleDef.Factory absence(RuleFields f) throws RuleException {
    long after = f.duration("after");
    if (after <= 0) {
      throw RuleFields.error(f.required("after"), "must be longer than 0");
    }
    return p -> new Detector() {
      private long lastSeen = Long.MIN_VALUE;

      @Override
      public Verdict onScan(ScanView scan) {
        lastSeen = scan.receivedAt;
        return new Verdict(false, 0, null, after / 1000.0, null);
      }

      @Override
      public Verdict onTick(long now) {
        if (lastSeen == Long.MIN_VALUE) {
          return null;
        }
        double silent = (now - lastSeen) / 1000.0;
        return new Verdict(now - lastSeen > after, silent, null, after / 1000.0,
            "no scan for " + Math.round(silent) + " s");
      }
    };
  }

  static RuleDef.Factory flatline(RuleFields f) throws RuleException {
    int[] channels = f.channels("channels");
    if (channels == null) {
      throw new RuleException(f.node().line(), f.node().path() + ".channels", "is missing");
    }
    int scans = f.count("scans", 30, 1_000_000);
    long over = f.duration("over", 0);
    double tolerance = f.nonNegative("tolerance", 0);
    int[] moving = f.channels("whileMoving");
    return p -> new Detector() {
      private final double[] ref = new double[channels.length];
      private final int[] run = new int[channels.length];
      private final long[] since = new long[channels.length];
      // Values of the "moving" channels when each run started: did anything else change since?
      private final double[][] movingRef = new double[channels.length][moving == null ? 0 : moving.length];
      private final boolean[] moved = new boolean[channels.length];

      @Override
      public Verdict onScan(ScanView scan) {
        boolean known = false;
        int flat = -1;
        for (int i = 0; i < channels.length; i++) {
          int c = channels[i];
          if (!scan.good(c)) {
            // A reading that is not GOOD breaks the run: quality problems are another alarm.
            run[i] = 0;
            continue;
          }
          known = true;
          double v = scan.value(c);
          if (run[i] > 0 && Math.abs(v - ref[i]) <= tolerance) {
            run[i]++;
            if (!moved[i] && moving != null) {
              for (int j = 0; j < moving.length; j++) {
                if (!scan.good(moving[j])) {
                  continue;
                }
                if (Double.isNaN(movingRef[i][j])) {
                  movingRef[i][j] = scan.value(moving[j]);
                } else if (Math.abs(scan.value(moving[j]) - movingRef[i][j]) > tolerance) {
                  moved[i] = true;
                }
              }
            }
          } else {
            ref[i] = v;
            run[i] = 1;
            since[i] = scan.t;
            moved[i] = moving == null;
            if (moving != null) {
              for (int j = 0; j < moving.length; j++) {
                movingRef[i][j] = scan.good(moving[j]) ? scan.value(moving[j]) : Double.NaN;
              }
            }
          }
          if (flat < 0 && run[i] >= scans && scan.t - since[i] >= over && moved[i]) {
            flat = i;
          }
        }
        if (!known) {
          return null;
        }
        if (flat < 0) {
          return new Verdict(false, Double.NaN, null, scans, null);
        }
        return new Verdict(true, ref[flat], Channels.name(channels[flat]), scans,
            Channels.name(channels[flat]) + " unchanged for " + run[flat] + " scans");
      }
    };
  }

  static RuleDef.Factory stale(RuleFields f) throws RuleException {
    int[] given = f.channels("channels");
    long maxAge = f.duration("maxAge");
    int[] channels = given != null ? given : allLoggerChannels();
    return p -> scan -> {
      int worst = -1;
      for (int c : channels) {
        if (scan.present(c) && c < Channels.LOGGER_CHANNELS
            && (worst < 0 || scan.age(c) > scan.age(worst))) {
          worst = c;
        }
      }
      if (worst < 0) {
        return null;
      }
      boolean active = scan.age(worst) * 1000L > maxAge;
      return new Verdict(active, scan.age(worst), Channels.name(worst), maxAge / 1000.0,
          active ? Channels.name(worst) + " is " + scan.age(worst) + " s old" : null);
    };
  }

  private static int[] allLoggerChannels() {
    int[] all = new int[Channels.LOGGER_CHANNELS];
    for (int i = 0; i < all.length; i++) {
      all[i] = i;
    }
    return all;
  }

  /** Collector flags an integrity rule may watch. */
  static final List<String> FLAGS = List.of(Scan.FLAG_COUNTER_REGRESSED, Scan.FLAG_COUNTER_JUMP,
      Scan.FLAG_TIME_BACKWARDS);
}
