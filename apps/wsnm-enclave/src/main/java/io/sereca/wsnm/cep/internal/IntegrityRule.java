package io.sereca.wsnm.cep.internal;

import io.sereca.wsnm.cep.RuleException;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code integrity} rule: the scan counter goes back or jumps (scans missing, e.g. an
 * envelope rejected between collector and cloud), the logger clock goes back, or the collector
 * flagged the scan ({@code Scan.flags()}). Each problem holds the alarm for {@code clearAfter}
 * clean scans; a repeated counter (a duplicate) is not a problem. The counter wraps at 2^32.
 */
final class IntegrityRule {

  private static final List<String> CHECKS = List.of("counterRegressed", "counterJump", "timeBackwards", "flags");

  private IntegrityRule() {}

  static RuleDef.Factory parse(RuleFields f) throws RuleException {
    List<String> checks = f.strings("checks");
    if (checks == null) {
      checks = CHECKS;
    }
    for (int i = 0; i < checks.size(); i++) {
      if (!CHECKS.contains(checks.get(i))) {
        throw new RuleException(f.required("checks").line(), f.node().path() + ".checks[" + i + "]",
            "'" + checks.get(i) + "' is not one of " + String.join(", ", CHECKS));
      }
    }
    boolean regress = checks.contains("counterRegressed");
    boolean jump = checks.contains("counterJump");
    boolean time = checks.contains("timeBackwards");
    boolean flags = checks.contains("flags");
    int clearAfter = f.count("clearAfter", 1, 1_000_000);
    return p -> new Detector() {
      private long lastCounter = -1;
      private long lastTime = Long.MIN_VALUE;
      private int clean;
      private boolean active;
      private String detail;
      private double value;

      @Override
      public Verdict onScan(ScanView view) {
        List<String> problems = new ArrayList<>(2);
        long counter = view.scan.scan();
        double gap = 0;
        if (lastCounter >= 0 && counter != lastCounter) {
          long ahead = (counter - lastCounter) & 0xFFFF_FFFFL;
          if (ahead > 0x8000_0000L) {
            if (regress) {
              problems.add("scan counter went back " + lastCounter + " -> " + counter);
              gap = -((lastCounter - counter) & 0xFFFF_FFFFL);
            }
          } else if (ahead > 1 && jump) {
            problems.add("scan counter jumped " + lastCounter + " -> " + counter + " (" + (ahead - 1) + " scans missing)");
            gap = ahead - 1;
          }
        }
        if (time && lastTime != Long.MIN_VALUE && view.t < lastTime) {
          problems.add("logger clock went back " + (lastTime - view.t) / 1000 + " s");
        }
        if (flags) {
          for (String flag : view.scan.flags()) {
            problems.add("collector flag " + flag);
          }
        }
        if (lastCounter < 0 || counter != lastCounter) {
          lastCounter = counter;
        }
        lastTime = Math.max(lastTime, view.t);
        if (!problems.isEmpty()) {
          active = true;
          clean = 0;
          detail = String.join("; ", problems);
          value = gap;
        } else if (active && ++clean >= clearAfter) {
          active = false;
        }
        return new Verdict(active, value, null, Double.NaN, detail);
      }
    };
  }
}
