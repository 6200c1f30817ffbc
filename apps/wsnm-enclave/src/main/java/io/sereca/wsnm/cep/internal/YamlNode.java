package io.sereca.wsnm.cep.internal;

import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * One node of a YAML document as {@link YamlReader} reads it: a mapping (insertion ordered), a
 * sequence or a scalar (kept as text; the rule parser gives it a type), with its line and path.
 */
public final class YamlNode {

  /** What a node is. */
  public enum Kind { MAP, LIST, SCALAR }

  private final Kind kind;
  private final int line;
  private final String path;
  private final Map<String, YamlNode> map;
  private final List<YamlNode> list;
  private final String text;
  private final boolean quoted;

  private YamlNode(Kind kind, int line, String path, Map<String, YamlNode> map, List<YamlNode> list,
      String text, boolean quoted) {
    this.kind = kind;
    this.line = line;
    this.path = path;
    this.map = map;
    this.list = list;
    this.text = text;
    this.quoted = quoted;
  }

  static YamlNode map(int line, String path, Map<String, YamlNode> entries) {
    return new YamlNode(Kind.MAP, line, path, Collections.unmodifiableMap(entries), null, null, false);
  }

  static YamlNode list(int line, String path, List<YamlNode> items) {
    return new YamlNode(Kind.LIST, line, path, null, Collections.unmodifiableList(items), null, false);
  }

  static YamlNode scalar(int line, String path, String text, boolean quoted) {
    return new YamlNode(Kind.SCALAR, line, path, null, null, text, quoted);
  }

  /** The node's kind. */
  public Kind kind() {
    return kind;
  }

  /** 1-based line where the node starts. */
  public int line() {
    return line;
  }

  /** Field path from the document root, e.g. {@code rules[2].limit}. */
  public String path() {
    return path;
  }

  /** A mapping's entries (null for other kinds). */
  public Map<String, YamlNode> entries() {
    return map;
  }

  /** A sequence's items (null for other kinds). */
  public List<YamlNode> items() {
    return list;
  }

  /** A scalar's text (null for other kinds). */
  public String text() {
    return text;
  }

  /** Whether a scalar was quoted (a quoted scalar is always a string). */
  public boolean quoted() {
    return quoted;
  }

  /** A short description for error messages: "a mapping", "a sequence", "'text'". */
  public String describe() {
    switch (kind) {
      case MAP:
        return "a mapping";
      case LIST:
        return "a sequence";
      default:
        return "'" + (text.length() > 40 ? text.substring(0, 40) + "..." : text) + "'";
    }
  }
}
