package io.sereca.wsnm.cep.internal;

import io.sereca.wsnm.cep.RuleException;
import java.util.ArrayList;
import java.util.List;

/**
 * Rules over several conditions: {@code correlation} (every condition held at some scan within
 * the last {@code within}; 0 means all on the same scan) and {@code sequence} (condition
 * {@code then} starts to hold at most {@code within} after {@code first} held). O(conditions) per
 * scan, in data time.
 */
final class PatternRules {

  private PatternRules() {}

  static RuleDef.Factory correlation(RuleFields f, List<String> params) throws RuleException {
    YamlNode all = f.required("all");
    if (all.kind() != YamlNode.Kind.LIST || all.items().size() < 2 || all.items().size() > 8) {
      throw RuleFields.error(all, "must be a sequence of 2 to 8 conditions");
    }
    List<Condition> conditions = new ArrayList<>();
    for (YamlNode c : all.items()) {
      conditions.add(Condition.parse(c, params));
    }
    long within = f.duration("within", 0);
    return p -> {
      List<Condition.Instance> inst = new ArrayList<>();
      for (Condition c : conditions) {
        Condition.Instance i = c.instance(p);
        if (i == null) {
          return null;
        }
        inst.add(i);
      }
      long[] lastTrue = new long[inst.size()];
      java.util.Arrays.fill(lastTrue, Long.MIN_VALUE);
      return scan -> {
        boolean known = false;
        for (int i = 0; i < inst.size(); i++) {
          Boolean r = inst.get(i).test(scan);
          if (r != null) {
            known = true;
            if (r) {
              lastTrue[i] = scan.t;
            }
          }
        }
        if (!known) {
          return null;
        }
        boolean active = true;
        for (long t : lastTrue) {
          active &= t != Long.MIN_VALUE && scan.t - t <= within;
        }
        Condition.Instance first = inst.get(0);
        return new Verdict(active, first.value, conditions.get(0).channelName(), first.limit, null);
      };
    };
  }

  static RuleDef.Factory sequence(RuleFields f, List<String> params) throws RuleException {
    Condition first = Condition.parse(f.required("first"), params);
    Condition then = Condition.parse(f.required("then"), params);
    long within = f.duration("within");
    return p -> {
      Condition.Instance a = first.instance(p);
      Condition.Instance b = then.instance(p);
      if (a == null || b == null) {
        return null;
      }
      return new Detector() {
        private long armedAt = Long.MIN_VALUE;
        private boolean previousThen;
        private boolean active;

        @Override
        public Verdict onScan(ScanView scan) {
          Boolean ra = a.test(scan);
          Boolean rb = b.test(scan);
          if (Boolean.TRUE.equals(ra)) {
            armedAt = scan.t;
          }
          if (rb == null) {
            return null;
          }
          boolean started = rb && !previousThen;
          previousThen = rb;
          if (!active && started && armedAt != Long.MIN_VALUE && scan.t - armedAt <= within) {
            active = true;
          } else if (active && !rb) {
            active = false;
          }
          return new Verdict(active, b.value, then.channelName(), b.limit, null);
        }
      };
    };
  }
}
