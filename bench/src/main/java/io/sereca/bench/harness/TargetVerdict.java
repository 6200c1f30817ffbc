package io.sereca.bench.harness;

import java.util.Locale;

/**
 * One target (issue 7, issue 6) checked against one run.
 *
 * <p>Where the run was measured in several paired slices, {@code low} and {@code high} bound a 95%
 * bootstrap interval of the measured value over those slices (see docs/benchmarks.md, "How sure a
 * verdict is"); else both are NaN. The verdict itself ({@link #met()}) is the point estimate's, as
 * the targets are stated; {@link #settled()} says whether the interval lies wholly on one side of
 * the threshold, that is whether the run's own slice-to-slice spread could have flipped it.
 *
 * @param name what is compared, e.g. {@code "sim: secure/regular throughput at 1 KiB"}
 * @param measured the measured value
 * @param threshold the target value
 * @param atLeast whether the measured value must be at least (true) or at most (false) the target
 * @param unit how the values are printed: {@code "x"} (a ratio), {@code "%"} (an overhead) or an
 *     absolute unit printed after the value ({@code "readings/s"}, {@code "ms"})
 * @param low lower bound of the 95% interval, or NaN
 * @param high upper bound of the 95% interval, or NaN
 */
public record TargetVerdict(String name, double measured, double threshold, boolean atLeast, String unit,
    double low, double high) {

  /** A verdict without an interval (a single measurement). */
  public TargetVerdict(String name, double measured, double threshold, boolean atLeast, String unit) {
    this(name, measured, threshold, atLeast, unit, Double.NaN, Double.NaN);
  }

  /** Whether the target is met. */
  public boolean met() {
    return atLeast ? measured >= threshold : measured <= threshold;
  }

  /** Whether there is an interval. */
  public boolean hasInterval() {
    return !Double.isNaN(low) && !Double.isNaN(high);
  }

  /** Whether the interval lies wholly on one side of the threshold (false without an interval). */
  public boolean settled() {
    return hasInterval() && (low > threshold || high < threshold);
  }

  /** One line: name, measured (and its interval), target, met/missed. */
  public String describe() {
    String value = format(measured);
    if (hasInterval()) {
      value += " [" + format(low) + ", " + format(high) + "]";
    }
    String verdict = met() ? "met" : "MISSED";
    if (hasInterval() && !settled()) {
      verdict += " (interval spans the target: within this run's noise)";
    }
    return String.format(Locale.ROOT, "%-58s %9s  target %s %s  %s", name, value, atLeast ? ">=" : "<=",
        format(threshold), verdict);
  }

  private String format(double v) {
    if ("%".equals(unit)) {
      return String.format(Locale.ROOT, "%.1f%%", v);
    }
    if ("x".equals(unit)) {
      return String.format(Locale.ROOT, "%.3fx", v);
    }
    // Absolute units (WSNM: "readings/s", "ms").
    return String.format(Locale.ROOT, Math.abs(v) >= 1000 ? "%,.0f %s" : "%.1f %s", v, unit);
  }
}
