package io.sereca.wsnm.json;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small, strict JSON reader and writer for code that runs inside an enclave, where no JSON
 * library may go (the enclave side is JDK-only).
 *
 * <p>Objects read as {@code Map<String, Object>} (insertion ordered), arrays as {@code List<Object>},
 * integral numbers without fraction or exponent as {@link Long} (when they fit), other numbers as
 * {@link Double}, and {@code true}/{@code false}/{@code null} as themselves. Input is bounded in
 * size and nesting depth; duplicate keys, trailing data, NaN and control characters in strings
 * are errors that name the offset.
 */
public final class Json {

  /** Largest document {@link #parse} accepts, in characters. */
  public static final int MAX_CHARS = 16 << 20;
  /** Deepest nesting {@link #parse} accepts. */
  public static final int MAX_DEPTH = 64;

  private final String s;
  private int pos;

  private Json(String s) {
    this.s = s;
  }

  /**
   * Parses one JSON value.
   *
   * @throws JsonException naming the offset and what was wrong
   */
  public static Object parse(String text) {
    if (text == null) {
      throw new JsonException("no JSON text (null)");
    }
    if (text.length() > MAX_CHARS) {
      throw new JsonException("JSON text of " + text.length() + " characters exceeds the limit of " + MAX_CHARS);
    }
    Json p = new Json(text);
    p.skipSpace();
    Object v = p.value(0);
    p.skipSpace();
    if (p.pos != text.length()) {
      throw p.error("trailing data after the JSON value");
    }
    return v;
  }

  /** Parses a JSON object, failing if the text is another kind of value. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> parseObject(String text) {
    Object v = parse(text);
    if (!(v instanceof Map)) {
      throw new JsonException("expected a JSON object, got " + kind(v));
    }
    return (Map<String, Object>) v;
  }

  /** Parses UTF-8 bytes holding a JSON object. */
  public static Map<String, Object> parseObject(byte[] utf8) {
    return parseObject(new String(utf8, java.nio.charset.StandardCharsets.UTF_8));
  }

  /** Writes {@code value} (maps, lists, strings, numbers, booleans, null) as compact JSON. */
  public static String write(Object value) {
    StringBuilder out = new StringBuilder(128);
    write(value, out);
    return out.toString();
  }

  /** Writes {@code value} as compact JSON in UTF-8. */
  public static byte[] writeBytes(Object value) {
    return write(value).getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  /** Appends {@code value} as compact JSON to {@code out}. */
  public static void write(Object value, StringBuilder out) {
    if (value == null) {
      out.append("null");
    } else if (value instanceof String) {
      quote((String) value, out);
    } else if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        throw new JsonException("JSON cannot hold the number " + d);
      }
      if (d == Math.rint(d) && Math.abs(d) < 1e15) {
        out.append((long) d);
      } else {
        out.append(d);
      }
    } else if (value instanceof Number || value instanceof Boolean) {
      out.append(value);
    } else if (value instanceof Map) {
      out.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
        if (!first) {
          out.append(',');
        }
        first = false;
        quote(String.valueOf(e.getKey()), out);
        out.append(':');
        write(e.getValue(), out);
      }
      out.append('}');
    } else if (value instanceof Iterable) {
      out.append('[');
      boolean first = true;
      for (Object o : (Iterable<?>) value) {
        if (!first) {
          out.append(',');
        }
        first = false;
        write(o, out);
      }
      out.append(']');
    } else {
      throw new JsonException("cannot write a " + value.getClass().getName() + " as JSON");
    }
  }

  private static void quote(String v, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      switch (c) {
        case '"': out.append("\\\""); break;
        case '\\': out.append("\\\\"); break;
        case '\n': out.append("\\n"); break;
        case '\r': out.append("\\r"); break;
        case '\t': out.append("\\t"); break;
        default:
          // '<' and '>' escaped too, so a value can never close a <script> element it lands in.
          if (c < 0x20 || c == '<' || c == '>' || c == 0x2028 || c == 0x2029) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
      }
    }
    out.append('"');
  }

  static String kind(Object v) {
    if (v == null) {
      return "null";
    }
    if (v instanceof Map) {
      return "an object";
    }
    if (v instanceof List) {
      return "an array";
    }
    if (v instanceof String) {
      return "a string";
    }
    if (v instanceof Boolean) {
      return "a boolean";
    }
    return "a number";
  }

  private Object value(int depth) {
    if (depth > MAX_DEPTH) {
      throw error("nesting deeper than " + MAX_DEPTH);
    }
    if (pos >= s.length()) {
      throw error("unexpected end of JSON text");
    }
    char c = s.charAt(pos);
    switch (c) {
      case '{': return object(depth);
      case '[': return array(depth);
      case '"': return string();
      case 't': return literal("true", Boolean.TRUE);
      case 'f': return literal("false", Boolean.FALSE);
      case 'n': return literal("null", null);
      default:
        if (c == '-' || (c >= '0' && c <= '9')) {
          return number();
        }
        throw error("unexpected character '" + printable(c) + "'");
    }
  }

  private Map<String, Object> object(int depth) {
    pos++;
    Map<String, Object> out = new LinkedHashMap<>();
    skipSpace();
    if (peek() == '}') {
      pos++;
      return out;
    }
    while (true) {
      skipSpace();
      if (peek() != '"') {
        throw error("expected a string key");
      }
      int at = pos;
      String key = string();
      skipSpace();
      expect(':');
      skipSpace();
      Object v = value(depth + 1);
      if (out.containsKey(key)) {
        pos = at;
        throw error("duplicate key \"" + key + "\"");
      }
      out.put(key, v);
      skipSpace();
      char c = next("',' or '}'");
      if (c == '}') {
        return out;
      }
      if (c != ',') {
        pos--;
        throw error("expected ',' or '}'");
      }
    }
  }

  private List<Object> array(int depth) {
    pos++;
    List<Object> out = new ArrayList<>();
    skipSpace();
    if (peek() == ']') {
      pos++;
      return out;
    }
    while (true) {
      skipSpace();
      out.add(value(depth + 1));
      skipSpace();
      char c = next("',' or ']'");
      if (c == ']') {
        return out;
      }
      if (c != ',') {
        pos--;
        throw error("expected ',' or ']'");
      }
    }
  }

  private String string() {
    pos++;
    StringBuilder out = null;
    int start = pos;
    while (true) {
      if (pos >= s.length()) {
        throw error("unterminated string");
      }
      char c = s.charAt(pos);
      if (c == '"') {
        String v = out == null ? s.substring(start, pos) : out.append(s, start, pos).toString();
        pos++;
        return v;
      }
      if (c < 0x20) {
        throw error("control character in a string");
      }
      if (c == '\\') {
        if (out == null) {
          out = new StringBuilder();
        }
        out.append(s, start, pos);
        pos++;
        char e = next("an escape");
        switch (e) {
          case '"': out.append('"'); break;
          case '\\': out.append('\\'); break;
          case '/': out.append('/'); break;
          case 'b': out.append('\b'); break;
          case 'f': out.append('\f'); break;
          case 'n': out.append('\n'); break;
          case 'r': out.append('\r'); break;
          case 't': out.append('\t'); break;
          case 'u':
            if (pos + 4 > s.length()) {
              throw error("truncated \\u escape");
            }
            int cp = 0;
            for (int i = 0; i < 4; i++) {
              int d = Character.digit(s.charAt(pos + i), 16);
              if (d < 0) {
                throw error("bad hex digit in a \\u escape");
              }
              cp = cp * 16 + d;
            }
            pos += 4;
            out.append((char) cp);
            break;
          default:
            pos--;
            throw error("bad escape '\\" + printable(e) + "'");
        }
        start = pos;
      } else {
        pos++;
      }
    }
  }

  private Object number() {
    int start = pos;
    if (peek() == '-') {
      pos++;
    }
    if (peek() == '0') {
      pos++;
    } else if (peek() >= '1' && peek() <= '9') {
      while (peek() >= '0' && peek() <= '9') {
        pos++;
      }
    } else {
      throw error("bad number");
    }
    boolean integral = true;
    if (peek() == '.') {
      integral = false;
      pos++;
      if (!(peek() >= '0' && peek() <= '9')) {
        throw error("bad number: no digit after '.'");
      }
      while (peek() >= '0' && peek() <= '9') {
        pos++;
      }
    }
    if (peek() == 'e' || peek() == 'E') {
      integral = false;
      pos++;
      if (peek() == '+' || peek() == '-') {
        pos++;
      }
      if (!(peek() >= '0' && peek() <= '9')) {
        throw error("bad number: no digit in the exponent");
      }
      while (peek() >= '0' && peek() <= '9') {
        pos++;
      }
    }
    String t = s.substring(start, pos);
    if (integral && t.length() <= 20) {
      try {
        return Long.parseLong(t);
      } catch (NumberFormatException beyondLong) {
        // Falls through: read as a double, like any JSON number too large for a long.
      }
    }
    double d = Double.parseDouble(t);
    if (Double.isInfinite(d)) {
      pos = start;
      throw error("number out of range");
    }
    return d;
  }

  private Object literal(String word, Object value) {
    if (!s.startsWith(word, pos)) {
      throw error("unexpected characters (expected " + word + ")");
    }
    pos += word.length();
    return value;
  }

  private char peek() {
    return pos < s.length() ? s.charAt(pos) : '\0';
  }

  private char next(String expected) {
    if (pos >= s.length()) {
      throw error("unexpected end of JSON text (expected " + expected + ")");
    }
    return s.charAt(pos++);
  }

  private void expect(char c) {
    if (peek() != c) {
      throw error("expected '" + c + "'");
    }
    pos++;
  }

  private void skipSpace() {
    while (pos < s.length()) {
      char c = s.charAt(pos);
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
        return;
      }
      pos++;
    }
  }

  private JsonException error(String what) {
    return new JsonException(what + " at offset " + pos);
  }

  private static String printable(char c) {
    return c < 0x20 || c > 0x7e ? String.format("\\u%04x", (int) c) : String.valueOf(c);
  }

  /** An unmodifiable view, for values handed out of a parsed document. */
  public static <K, V> Map<K, V> frozen(Map<K, V> m) {
    return Collections.unmodifiableMap(m);
  }
}
