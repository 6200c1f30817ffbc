package io.sereca.wsnm.cep.internal;

import io.sereca.wsnm.cep.RuleException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict reader of the YAML subset rule files use, for the enclave where no YAML library may
 * go: block mappings and sequences (items may sit at their key's indentation), one-line flow
 * sequences and mappings ({@code [a, b]}, {@code {k: v}}), plain, 'single' and "double" quoted
 * scalars, {@code #} comments and a leading {@code ---}. Anything else — tabs in indentation,
 * anchors, aliases, tags, block scalars, several documents, duplicate keys, a key without a
 * value — is an error naming the line and the field path. Input is bounded in size and depth.
 */
public final class YamlReader {

  /** Largest document accepted, in characters. */
  public static final int MAX_CHARS = 1 << 20;
  /** Deepest nesting accepted. */
  public static final int MAX_DEPTH = 32;

  private static final class Line {
    final int number;
    final int indent;
    final String content;

    Line(int number, int indent, String content) {
      this.number = number;
      this.indent = indent;
      this.content = content;
    }
  }

  private final List<Line> lines = new ArrayList<>();
  private int pos;

  private YamlReader() {}

  /**
   * Reads one document.
   *
   * @throws RuleException naming the line and path of the first problem
   */
  public static YamlNode read(String text) throws RuleException {
    if (text.length() > MAX_CHARS) {
      throw new RuleException(0, "", "the file has " + text.length() + " characters, more than " + MAX_CHARS);
    }
    YamlReader r = new YamlReader();
    r.split(text);
    if (r.lines.isEmpty()) {
      throw new RuleException(1, "", "the document is empty");
    }
    Line first = r.lines.get(0);
    if (first.indent != 0) {
      throw new RuleException(first.number, "", "the document must start at column 1");
    }
    YamlNode root = r.block(0, "", 0);
    if (r.pos < r.lines.size()) {
      Line l = r.lines.get(r.pos);
      throw new RuleException(l.number, "", "unexpected content at indentation " + l.indent + ": '" + l.content + "'");
    }
    return root;
  }

  private void split(String text) throws RuleException {
    String[] raw = text.split("\r?\n", -1);
    for (int i = 0; i < raw.length; i++) {
      int number = i + 1;
      String s = raw[i];
      int indent = 0;
      while (indent < s.length() && s.charAt(indent) == ' ') {
        indent++;
      }
      if (indent < s.length() && s.charAt(indent) == '\t') {
        throw new RuleException(number, "", "tab in indentation (use spaces)");
      }
      String content = stripComment(s.substring(indent), number).stripTrailing();
      if (content.isEmpty()) {
        continue;
      }
      if (content.equals("---")) {
        if (!lines.isEmpty()) {
          throw new RuleException(number, "", "only one YAML document is supported");
        }
        continue;
      }
      if (content.equals("...") || content.startsWith("%")) {
        throw new RuleException(number, "", "directives and document end markers are not supported");
      }
      lines.add(new Line(number, indent, content));
    }
  }

  /** Removes a comment: '#' at the start or after a space, outside quotes. */
  static String stripComment(String s, int line) throws RuleException {
    char quote = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (quote == '"') {
        if (c == '\\') {
          i++;
        } else if (c == '"') {
          quote = 0;
        }
      } else if (quote == '\'') {
        if (c == '\'') {
          if (i + 1 < s.length() && s.charAt(i + 1) == '\'') {
            i++;
          } else {
            quote = 0;
          }
        }
      } else if (c == '#' && (i == 0 || s.charAt(i - 1) == ' ' || s.charAt(i - 1) == '\t')) {
        return s.substring(0, i);
      } else if ((c == '"' || c == '\'') && (i == 0 || " [{,:-".indexOf(s.charAt(i - 1)) >= 0)) {
        quote = c;
      }
    }
    if (quote != 0) {
      throw new RuleException(line, "", "unterminated quoted string");
    }
    return s;
  }

  private YamlNode block(int indent, String path, int depth) throws RuleException {
    if (depth > MAX_DEPTH) {
      throw new RuleException(lines.get(pos).number, path, "nested deeper than " + MAX_DEPTH + " levels");
    }
    Line l = lines.get(pos);
    return isItem(l.content) ? sequence(l.indent, path, depth) : mapping(l.indent, path, depth);
  }

  private static boolean isItem(String content) {
    return content.equals("-") || content.startsWith("- ");
  }

  private YamlNode mapping(int indent, String path, int depth) throws RuleException {
    Map<String, YamlNode> entries = new LinkedHashMap<>();
    int startLine = lines.get(pos).number;
    while (pos < lines.size()) {
      Line l = lines.get(pos);
      if (l.indent < indent) {
        break;
      }
      if (l.indent > indent) {
        throw new RuleException(l.number, path, "unexpected indentation");
      }
      if (isItem(l.content)) {
        throw new RuleException(l.number, path, "a sequence item where a mapping key was expected");
      }
      int colon = keyEnd(l.content, l.number, path);
      String key = key(l.content.substring(0, colon).trim(), l.number, path);
      String childPath = path.isEmpty() ? key : path + "." + key;
      if (entries.containsKey(key)) {
        throw new RuleException(l.number, childPath, "duplicate key");
      }
      String rest = l.content.substring(colon + 1).trim();
      pos++;
      YamlNode value;
      if (!rest.isEmpty()) {
        value = inline(rest, l.number, childPath, depth);
      } else if (pos < lines.size() && lines.get(pos).indent > indent) {
        value = block(lines.get(pos).indent, childPath, depth + 1);
      } else if (pos < lines.size() && lines.get(pos).indent == indent && isItem(lines.get(pos).content)) {
        value = sequence(indent, childPath, depth + 1);
      } else {
        throw new RuleException(l.number, childPath, "has no value");
      }
      entries.put(key, value);
    }
    return YamlNode.map(startLine, path, entries);
  }

  private YamlNode sequence(int indent, String path, int depth) throws RuleException {
    List<YamlNode> items = new ArrayList<>();
    int startLine = lines.get(pos).number;
    while (pos < lines.size()) {
      Line l = lines.get(pos);
      if (l.indent < indent || (l.indent == indent && !isItem(l.content))) {
        break;
      }
      if (l.indent > indent) {
        throw new RuleException(l.number, path, "unexpected indentation");
      }
      String itemPath = path + "[" + items.size() + "]";
      String rest = l.content.substring(1).trim();
      if (rest.isEmpty()) {
        pos++;
        if (pos >= lines.size() || lines.get(pos).indent <= indent) {
          throw new RuleException(l.number, itemPath, "empty sequence item");
        }
        items.add(block(lines.get(pos).indent, itemPath, depth + 1));
      } else if (isItem(rest) || startsMapping(rest)) {
        // "- key: value" (or "- - x"): the item is a block whose indentation is the column of its text.
        int column = l.indent + l.content.indexOf(rest);
        lines.set(pos, new Line(l.number, column, rest));
        items.add(block(column, itemPath, depth + 1));
      } else {
        pos++;
        items.add(inline(rest, l.number, itemPath, depth));
      }
    }
    return YamlNode.list(startLine, path, items);
  }

  /** Whether a block-context text is "key: ..." rather than a scalar or a flow collection. */
  private static boolean startsMapping(String s) {
    char c = s.charAt(0);
    if (c == '[' || c == '{') {
      return false;
    }
    int i = 0;
    if (c == '"' || c == '\'') {
      i = 1;
      while (i < s.length() && s.charAt(i) != c) {
        i += s.charAt(i) == '\\' && c == '"' ? 2 : 1;
      }
      i++;
    }
    for (; i < s.length(); i++) {
      if (s.charAt(i) == ':' && (i + 1 == s.length() || s.charAt(i + 1) == ' ')) {
        return true;
      }
    }
    return false;
  }

  private static int keyEnd(String s, int line, String path) throws RuleException {
    int i = 0;
    char c = s.charAt(0);
    if (c == '"' || c == '\'') {
      i = 1;
      while (i < s.length() && s.charAt(i) != c) {
        i += s.charAt(i) == '\\' && c == '"' ? 2 : 1;
      }
      i++;
    }
    for (; i < s.length(); i++) {
      if (s.charAt(i) == ':' && (i + 1 == s.length() || s.charAt(i + 1) == ' ')) {
        return i;
      }
    }
    throw new RuleException(line, path, "expected 'key: value', got '" + s + "'");
  }

  private static String key(String raw, int line, String path) throws RuleException {
    if (raw.isEmpty()) {
      throw new RuleException(line, path, "empty key");
    }
    char c = raw.charAt(0);
    if (c == '"' || c == '\'') {
      FlowParser p = new FlowParser(raw, line, path, 0);
      String k = p.quoted();
      if (!p.atEnd()) {
        throw new RuleException(line, path, "text after the quoted key " + raw);
      }
      return k;
    }
    if ("[{&*!|>%@`?".indexOf(c) >= 0) {
      throw new RuleException(line, path, "unsupported key syntax '" + raw + "'");
    }
    return raw;
  }

  private static YamlNode inline(String text, int line, String path, int depth) throws RuleException {
    FlowParser p = new FlowParser(text, line, path, depth);
    YamlNode v = p.blockValue();
    if (!p.atEnd()) {
      throw new RuleException(line, path, "unexpected text after the value: '" + text + "'");
    }
    return v;
  }
}
