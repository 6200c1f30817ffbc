package io.sereca.bench.harness;

/**
 * One target (issue 7, issue 6) checked against one run.
 *
 * @param name what is compared, e.g. {@code "sim: secure/regular throughput at 1 KiB"}
 * @param measured the measured value
 * @param threshold the target value
 * @param atLeast whether the measured value must be at least (true) or at most (false) the target
 * @param unit how the values are printed: {@code "x"} (a ratio), {@code "%"} (an overhead) or an
 *     absolute unit printed after the value ({@code "readings/s"}, {@code "ms"})
 */
public record TargetVerdict(String name, double measured, double threshold, boolean atLeast, String unit) {

  /** Whether the target is met. */
  public boolean met() {
    return atLeast ? measured >= threshold : measured <= threshold;
  }

  /** One line: name, measured, target, met/missed. */
  public String describe() {
    return String.format(java.util.Locale.ROOT, "%-58s %9s  target %s %s  %s", name, format(measured),
        atLeast ? ">=" : "<=", format(threshold), met() ? "met" : "MISSED");
  }

  private String format(double v) {
    if ("%".equals(unit)) {
      return String.format(java.util.Locale.ROOT, "%.1f%%", v);
    }
    if ("x".equals(unit)) {
      return String.format(java.util.Locale.ROOT, "%.3fx", v);
    }
    // Absolute units (WSNM: "readings/s", "ms").
    return String.format(java.util.Locale.ROOT, Math.abs(v) >= 1000 ? "%,.0f %s" : "%.1f %s", v, unit);
  }
}
