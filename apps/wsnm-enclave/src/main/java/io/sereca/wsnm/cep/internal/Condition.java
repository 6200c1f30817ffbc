package io.sereca.wsnm.cep.internal;

import io.sereca.wsnm.cep.RuleException;
import java.util.List;
import java.util.Map;

/**
 * One channel test used by {@code correlation} and {@code sequence} rules:
 * {@code {channel: C, test: above|below, limit: L}} on the value, or
 * {@code {channel: C, test: rise|fall|steady, limit: L, over: 1h}} on the change per hour over
 * a window ({@code steady}: |rate| below the limit).
 */
final class Condition {

  private final int channel;
  private final String test;
  private final Limit limit;
  private final long over;

  private Condition(int channel, String test, Limit limit, long over) {
    this.channel = channel;
    this.test = test;
    this.limit = limit;
    this.over = over;
  }

  static Condition parse(YamlNode node, List<String> params) throws RuleException {
    RuleFields f = RuleFields.of(node);
    int channel = f.channel("channel");
    String test = f.choice("test", null, "above", "below", "rise", "fall", "steady");
    Limit limit = f.limit("limit");
    long over = 0;
    if (test.equals("rise") || test.equals("fall") || test.equals("steady")) {
      over = f.duration("over");
      if (over <= 0) {
        throw RuleFields.error(f.required("over"), "must be longer than 0");
      }
    }
    f.done();
    ValueRules.note(params, limit);
    return new Condition(channel, test, limit, over);
  }

  String channelName() {
    return Channels.name(channel);
  }

  /** The per-dam state; null when the limit does not resolve for the dam. */
  Instance instance(Map<String, Double> params) {
    double l = limit.resolve(params);
    return Double.isNaN(l) ? null : new Instance(l);
  }

  /** A condition evaluated for one dam. */
  final class Instance {
    final double limit;
    private final Window window;
    double value = Double.NaN;

    Instance(double limit) {
      this.limit = limit;
      this.window = over > 0 ? new Window(over) : null;
    }

    /** TRUE/FALSE, or null when the scan has no GOOD reading (or too short a history for a rate). */
    Boolean test(ScanView scan) {
      if (!scan.good(channel)) {
        return null;
      }
      double v = scan.value(channel);
      if (window != null) {
        if (!window.add(scan.t, v)) {
          return null;
        }
        v = window.ratePerHour();
        if (Double.isNaN(v)) {
          return null;
        }
      }
      value = v;
      switch (test) {
        case "above":
        case "rise":
          return v > limit;
        case "below":
          return v < limit;
        case "fall":
          return -v > limit;
        default:
          return Math.abs(v) < limit;
      }
    }
  }
}
