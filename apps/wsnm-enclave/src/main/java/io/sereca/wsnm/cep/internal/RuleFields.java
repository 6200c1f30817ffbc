package io.sereca.wsnm.cep.internal;

import io.sereca.wsnm.cep.RuleException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Typed access to one mapping of a rule file. Every error names the line and the field path;
 * {@link #done()} rejects the keys nobody asked for, so a misspelt key is an error, not a rule
 * that silently does something else.
 */
public final class RuleFields {

  private static final java.util.regex.Pattern NUMBER =
      java.util.regex.Pattern.compile("[-+]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?");
  private static final java.util.regex.Pattern DURATION = java.util.regex.Pattern.compile("(\\d{1,9})(ms|s|m|h|d)");
  /** A parameter name. */
  static final java.util.regex.Pattern PARAM = java.util.regex.Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}");

  private final YamlNode node;
  private final Set<String> used = new HashSet<>();

  private RuleFields(YamlNode node) {
    this.node = node;
  }

  /** The fields of a mapping node. */
  public static RuleFields of(YamlNode node) throws RuleException {
    if (node.kind() != YamlNode.Kind.MAP) {
      throw new RuleException(node.line(), node.path(), "must be a mapping, got " + node.describe());
    }
    return new RuleFields(node);
  }

  /** The node itself. */
  public YamlNode node() {
    return node;
  }

  /** Whether the key is present. */
  public boolean has(String key) {
    return node.entries().containsKey(key);
  }

  /** The child node; required. */
  public YamlNode required(String key) throws RuleException {
    used.add(key);
    YamlNode v = node.entries().get(key);
    if (v == null) {
      throw new RuleException(node.line(), join(key), "is missing");
    }
    return v;
  }

  /** The child node, or null. */
  public YamlNode optional(String key) {
    used.add(key);
    return node.entries().get(key);
  }

  /** A required string scalar. */
  public String string(String key) throws RuleException {
    return scalar(required(key));
  }

  /** An optional string scalar. */
  public String string(String key, String fallback) throws RuleException {
    YamlNode v = optional(key);
    return v == null ? fallback : scalar(v);
  }

  /** A required number. */
  public double number(String key) throws RuleException {
    return number(required(key));
  }

  /** An optional number. */
  public double number(String key, double fallback) throws RuleException {
    YamlNode v = optional(key);
    return v == null ? fallback : number(v);
  }

  /** An optional non-negative number. */
  public double nonNegative(String key, double fallback) throws RuleException {
    YamlNode v = optional(key);
    if (v == null) {
      return fallback;
    }
    double d = number(v);
    if (d < 0) {
      throw error(v, "must not be negative, got " + v.text());
    }
    return d;
  }

  /** An optional positive whole number. */
  public int count(String key, int fallback, int max) throws RuleException {
    YamlNode v = optional(key);
    if (v == null) {
      return fallback;
    }
    double d = number(v);
    if (d != Math.rint(d) || d < 1 || d > max) {
      throw error(v, "'" + v.text() + "' is not a whole number in 1.." + max);
    }
    return (int) d;
  }

  /** An optional boolean. */
  public boolean bool(String key, boolean fallback) throws RuleException {
    YamlNode v = optional(key);
    if (v == null) {
      return fallback;
    }
    String s = scalar(v);
    if (s.equals("true") && !v.quoted()) {
      return true;
    }
    if (s.equals("false") && !v.quoted()) {
      return false;
    }
    throw error(v, "'" + s + "' is not true or false");
  }

  /** A required duration, in ms. */
  public long duration(String key) throws RuleException {
    return duration(required(key));
  }

  /** An optional duration, in ms. */
  public long duration(String key, long fallbackMillis) throws RuleException {
    YamlNode v = optional(key);
    return v == null ? fallbackMillis : duration(v);
  }

  /** One of {@code allowed} (case-sensitive, as written in the docs). */
  public String choice(String key, String fallback, String... allowed) throws RuleException {
    YamlNode v = fallback == null ? required(key) : optional(key);
    if (v == null) {
      return fallback;
    }
    String s = scalar(v);
    for (String a : allowed) {
      if (a.equals(s)) {
        return s;
      }
    }
    throw error(v, "'" + s + "' is not one of " + String.join(", ", allowed));
  }

  /** A required known channel name; returns its index. */
  public int channel(String key) throws RuleException {
    return channel(required(key));
  }

  /** A sequence of channels (a single name is accepted too); null when absent. */
  public int[] channels(String key) throws RuleException {
    YamlNode v = optional(key);
    if (v == null) {
      return null;
    }
    List<YamlNode> items = v.kind() == YamlNode.Kind.LIST ? v.items() : List.of(v);
    if (items.isEmpty()) {
      throw error(v, "must name at least one channel");
    }
    int[] out = new int[items.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = channel(items.get(i));
    }
    return out;
  }

  /** A sequence of strings; null when absent. */
  public List<String> strings(String key) throws RuleException {
    YamlNode v = optional(key);
    if (v == null) {
      return null;
    }
    if (v.kind() != YamlNode.Kind.LIST) {
      throw error(v, "must be a sequence, got " + v.describe());
    }
    List<String> out = new ArrayList<>();
    for (YamlNode i : v.items()) {
      out.add(scalar(i));
    }
    return out;
  }

  /** A limit: a number, or {@code {param: NAME, factor: F, offset: O}}. */
  public Limit limit(String key) throws RuleException {
    YamlNode v = required(key);
    if (v.kind() == YamlNode.Kind.SCALAR) {
      return Limit.of(number(v));
    }
    RuleFields f = of(v);
    String param = f.string("param");
    if (!PARAM.matcher(param).matches()) {
      throw error(f.required("param"), "'" + param + "' is not a parameter name");
    }
    Limit l = Limit.param(param, f.number("factor", 1), f.number("offset", 0));
    f.done();
    return l;
  }

  /** Rejects any key not read so far. */
  public void done() throws RuleException {
    for (Map.Entry<String, YamlNode> e : node.entries().entrySet()) {
      if (!used.contains(e.getKey())) {
        throw new RuleException(e.getValue().line(), join(e.getKey()), "unknown key");
      }
    }
  }

  private String join(String key) {
    return node.path().isEmpty() ? key : node.path() + "." + key;
  }

  /** The text of a scalar node. */
  public static String scalar(YamlNode v) throws RuleException {
    if (v.kind() != YamlNode.Kind.SCALAR) {
      throw error(v, "must be a single value, got " + v.describe());
    }
    return v.text();
  }

  /** A number node. */
  public static double number(YamlNode v) throws RuleException {
    String s = scalar(v);
    if (!v.quoted() && NUMBER.matcher(s).matches()) {
      double d = Double.parseDouble(s);
      if (Double.isFinite(d)) {
        return d;
      }
    }
    throw error(v, "'" + s + "' is not a number");
  }

  /** A duration node: {@code 500ms}, {@code 30s}, {@code 5m}, {@code 2h}, {@code 1d}. */
  public static long duration(YamlNode v) throws RuleException {
    String s = scalar(v).toLowerCase(Locale.ROOT);
    java.util.regex.Matcher m = DURATION.matcher(s);
    if (v.quoted() || !m.matches()) {
      throw error(v, "'" + v.text() + "' is not a duration (use 30s, 5m, 2h)");
    }
    long n = Long.parseLong(m.group(1));
    switch (m.group(2)) {
      case "ms": return n;
      case "s": return n * 1000;
      case "m": return n * 60_000;
      case "h": return n * 3_600_000;
      default: return n * 86_400_000;
    }
  }

  /** A channel node. */
  public static int channel(YamlNode v) throws RuleException {
    String s = scalar(v);
    int i = Channels.index(s);
    if (i < 0) {
      throw error(v, "'" + s + "' is not a channel (one of " + String.join(", ", Channels.NAMES) + ")");
    }
    return i;
  }

  /** An error at {@code v}. */
  public static RuleException error(YamlNode v, String problem) {
    return new RuleException(v.line(), v.path(), problem);
  }
}
