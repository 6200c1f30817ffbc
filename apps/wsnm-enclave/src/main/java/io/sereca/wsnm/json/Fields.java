package io.sereca.wsnm.json;

import java.util.List;
import java.util.Map;

/**
 * Typed, validating access to the fields of a parsed JSON object. Every failure names the field
 * and what was expected, so bad input gets an error a user can act on.
 */
public final class Fields {

  private final Map<String, Object> map;
  private final String what;

  private Fields(Map<String, Object> map, String what) {
    this.map = map;
    this.what = what;
  }

  /** Fields of {@code map}; {@code what} names the document in error messages ("scan", "query"). */
  public static Fields of(Map<String, Object> map, String what) {
    return new Fields(map, what);
  }

  /** Parses UTF-8 JSON bytes holding an object. */
  public static Fields parse(byte[] utf8, String what) {
    try {
      return new Fields(Json.parseObject(utf8), what);
    } catch (JsonException e) {
      throw new JsonException(what + ": " + e.getMessage());
    }
  }

  /** The underlying map. */
  public Map<String, Object> map() {
    return map;
  }

  /** Whether the field is present and not null. */
  public boolean has(String name) {
    return map.get(name) != null;
  }

  /** A required string. */
  public String string(String name) {
    Object v = require(name);
    if (!(v instanceof String)) {
      throw wrong(name, "a string", v);
    }
    return (String) v;
  }

  /** An optional string. */
  public String string(String name, String fallback) {
    return has(name) ? string(name) : fallback;
  }

  /** A required integral number. */
  public long integer(String name) {
    Object v = require(name);
    if (v instanceof Long) {
      return (Long) v;
    }
    if (v instanceof Double && (Double) v == Math.rint((Double) v) && Math.abs((Double) v) < 9e15) {
      return (long) (double) (Double) v;
    }
    throw wrong(name, "an integer", v);
  }

  /** An optional integral number. */
  public long integer(String name, long fallback) {
    return has(name) ? integer(name) : fallback;
  }

  /** A required finite number. */
  public double number(String name) {
    Object v = require(name);
    if (!(v instanceof Number)) {
      throw wrong(name, "a number", v);
    }
    return ((Number) v).doubleValue();
  }

  /** An optional number. */
  public double number(String name, double fallback) {
    return has(name) ? number(name) : fallback;
  }

  /** An optional boolean. */
  public boolean bool(String name, boolean fallback) {
    if (!has(name)) {
      return fallback;
    }
    Object v = map.get(name);
    if (!(v instanceof Boolean)) {
      throw wrong(name, "true or false", v);
    }
    return (Boolean) v;
  }

  /** A required nested object. */
  @SuppressWarnings("unchecked")
  public Fields object(String name) {
    Object v = require(name);
    if (!(v instanceof Map)) {
      throw wrong(name, "an object", v);
    }
    return new Fields((Map<String, Object>) v, what + "." + name);
  }

  /** A required array. */
  @SuppressWarnings("unchecked")
  public List<Object> array(String name) {
    Object v = require(name);
    if (!(v instanceof List)) {
      throw wrong(name, "an array", v);
    }
    return (List<Object>) v;
  }

  /** An optional array; empty when absent. */
  public List<Object> array(String name, List<Object> fallback) {
    return has(name) ? array(name) : fallback;
  }

  private Object require(String name) {
    Object v = map.get(name);
    if (v == null) {
      throw new JsonException(what + ": missing field '" + name + "'");
    }
    return v;
  }

  private JsonException wrong(String name, String expected, Object v) {
    return new JsonException(what + ": field '" + name + "' must be " + expected + ", got " + Json.kind(v));
  }
}
