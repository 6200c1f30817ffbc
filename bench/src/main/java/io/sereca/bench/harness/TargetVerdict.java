package io.sereca.bench.harness;

/**
 * One target of issue 7 checked against one run.
 *
 * @param name what is compared, e.g. {@code "sim: secure/regular throughput at 1 KiB"}
 * @param measured the measured value
 * @param threshold the target value
 * @param atLeast whether the measured value must be at least (true) or at most (false) the target
 * @param unit how the values are printed: {@code "x"} (a ratio) or {@code "%"} (an overhead)
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
    return "%".equals(unit) ? String.format(java.util.Locale.ROOT, "%.1f%%", v)
        : String.format(java.util.Locale.ROOT, "%.3fx", v);
  }
}
