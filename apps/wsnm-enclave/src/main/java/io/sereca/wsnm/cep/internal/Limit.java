package io.sereca.wsnm.cep.internal;

import java.util.Map;

/**
 * A rule's limit: a constant, or a dam parameter times a factor plus an offset
 * ({@code {param: maxLevel, offset: -0.3}}, {@code {param: seepageBaseline, factor: 1.5}}).
 */
public final class Limit {

  private final double constant;
  private final String param;
  private final double factor;
  private final double offset;

  private Limit(double constant, String param, double factor, double offset) {
    this.constant = constant;
    this.param = param;
    this.factor = factor;
    this.offset = offset;
  }

  /** A constant limit. */
  public static Limit of(double value) {
    return new Limit(value, null, 1, 0);
  }

  /** {@code param * factor + offset}. */
  public static Limit param(String param, double factor, double offset) {
    return new Limit(Double.NaN, param, factor, offset);
  }

  /** The parameter it refers to, or null for a constant. */
  public String param() {
    return param;
  }

  /** The value for a dam with {@code params}; NaN when the dam lacks the parameter. */
  public double resolve(Map<String, Double> params) {
    if (param == null) {
      return constant;
    }
    Double p = params == null ? null : params.get(param);
    return p == null ? Double.NaN : p * factor + offset;
  }
}
