package io.sereca.wsnm.cep.internal;

import io.sereca.wsnm.cep.RuleException;
import java.util.List;

/**
 * The value rules on one channel: {@code threshold} (the value), {@code rate} (change per hour
 * over a window) and {@code aggregate} (avg, min, max, stddev or median over a window), each
 * compared with a limit through a {@link Hysteresis}. Only GOOD readings are used.
 */
final class ValueRules {

  private ValueRules() {}

  static RuleDef.Factory threshold(RuleFields f, List<String> params) throws RuleException {
    int channel = f.channel("channel");
    boolean high = "high".equals(f.choice("direction", null, "high", "low"));
    Limit limit = f.limit("limit");
    double deadband = f.nonNegative("deadband", 0);
    long onDelay = f.duration("onDelay", 0);
    note(params, limit);
    return p -> {
      double l = limit.resolve(p);
      if (Double.isNaN(l)) {
        return null;
      }
      Hysteresis h = new Hysteresis(high, deadband, onDelay);
      return scan -> {
        if (!scan.good(channel)) {
          return null;
        }
        double v = scan.value(channel);
        return new Verdict(h.update(v, l, scan.t), v, Channels.name(channel), l, null);
      };
    };
  }

  static RuleDef.Factory rate(RuleFields f, List<String> params) throws RuleException {
    int channel = f.channel("channel");
    String direction = f.choice("direction", null, "rise", "fall", "either");
    Limit limit = f.limit("limit");
    long window = window(f);
    double deadband = f.nonNegative("deadband", 0);
    long onDelay = f.duration("onDelay", 0);
    note(params, limit);
    return p -> {
      double l = limit.resolve(p);
      if (Double.isNaN(l)) {
        return null;
      }
      Window w = new Window(window);
      Hysteresis h = new Hysteresis(true, deadband, onDelay);
      return scan -> {
        if (!scan.good(channel) || !w.add(scan.t, scan.value(channel))) {
          return null;
        }
        double rate = w.ratePerHour();
        if (Double.isNaN(rate)) {
          return null;
        }
        double signed = direction.equals("rise") ? rate : direction.equals("fall") ? -rate : Math.abs(rate);
        return new Verdict(h.update(signed, l, scan.t), rate, Channels.name(channel), l, null);
      };
    };
  }

  static RuleDef.Factory aggregate(RuleFields f, List<String> params) throws RuleException {
    int channel = f.channel("channel");
    String function = f.choice("function", null, "avg", "min", "max", "stddev", "median");
    boolean high = "high".equals(f.choice("direction", null, "high", "low"));
    Limit limit = f.limit("limit");
    long window = window(f);
    int minSamples = f.count("minSamples", 3, Window.MAX_SAMPLES);
    double deadband = f.nonNegative("deadband", 0);
    long onDelay = f.duration("onDelay", 0);
    note(params, limit);
    return p -> {
      double l = limit.resolve(p);
      if (Double.isNaN(l)) {
        return null;
      }
      Window w = new Window(window);
      Hysteresis h = new Hysteresis(high, deadband, onDelay);
      return scan -> {
        if (!scan.good(channel) || !w.add(scan.t, scan.value(channel)) || w.size() < minSamples) {
          return null;
        }
        double v;
        switch (function) {
          case "avg": v = w.mean(); break;
          case "min": v = w.min(); break;
          case "max": v = w.max(); break;
          case "stddev": v = w.stddev(); break;
          default: v = w.median(); break;
        }
        return new Verdict(h.update(v, l, scan.t), v, Channels.name(channel), l, function);
      };
    };
  }

  static long window(RuleFields f) throws RuleException {
    long w = f.duration("window");
    if (w <= 0 || w > 31 * 86_400_000L) {
      throw RuleFields.error(f.required("window"), "must be between 1ms and 31d");
    }
    return w;
  }

  static void note(List<String> params, Limit limit) {
    if (limit.param() != null && !params.contains(limit.param())) {
      params.add(limit.param());
    }
  }
}
