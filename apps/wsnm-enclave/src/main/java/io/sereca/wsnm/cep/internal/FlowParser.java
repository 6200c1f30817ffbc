package io.sereca.wsnm.cep.internal;

import io.sereca.wsnm.cep.RuleException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the value part of one YAML line: a plain or quoted scalar, or a one-line flow collection. */
final class FlowParser {

  private final String s;
  private final int line;
  private final String path;
  private final int baseDepth;
  private int pos;

  FlowParser(String s, int line, String path, int baseDepth) {
    this.s = s;
    this.line = line;
    this.path = path;
    this.baseDepth = baseDepth;
  }

  boolean atEnd() {
    skipSpace();
    return pos >= s.length();
  }

  /** A value in block context: a plain scalar runs to the end of the line. */
  YamlNode blockValue() throws RuleException {
    char c = s.charAt(pos);
    if (c == '[' || c == '{') {
      return flow(path, baseDepth);
    }
    if (c == '"' || c == '\'') {
      return YamlNode.scalar(line, path, quoted(), true);
    }
    checkPlainStart(c, path);
    String text = s.substring(pos).trim();
    if (text.contains(": ")) {
      throw error(path, "a mapping cannot start on the same line as its key; put it on the next lines or use {k: v}");
    }
    pos = s.length();
    return YamlNode.scalar(line, path, text, false);
  }

  private YamlNode flow(String at, int depth) throws RuleException {
    if (depth > YamlReader.MAX_DEPTH) {
      throw error(at, "nested deeper than " + YamlReader.MAX_DEPTH + " levels");
    }
    skipSpace();
    if (pos >= s.length()) {
      throw error(at, "missing value (flow collections must end on the same line)");
    }
    char c = s.charAt(pos);
    if (c == '[') {
      pos++;
      List<YamlNode> items = new ArrayList<>();
      skipSpace();
      if (peek() == ']') {
        pos++;
        return YamlNode.list(line, at, items);
      }
      while (true) {
        items.add(flow(at + "[" + items.size() + "]", depth + 1));
        skipSpace();
        char d = next(at, "',' or ']'");
        if (d == ']') {
          return YamlNode.list(line, at, items);
        }
        if (d != ',') {
          throw error(at, "expected ',' or ']' but found '" + d + "'");
        }
      }
    }
    if (c == '{') {
      pos++;
      Map<String, YamlNode> entries = new LinkedHashMap<>();
      skipSpace();
      if (peek() == '}') {
        pos++;
        return YamlNode.map(line, at, entries);
      }
      while (true) {
        skipSpace();
        String key = peek() == '"' || peek() == '\'' ? quoted() : plain(true);
        String keyPath = at.isEmpty() ? key : at + "." + key;
        if (key.isEmpty()) {
          throw error(at, "empty key in a flow mapping");
        }
        skipSpace();
        if (next(keyPath, "':'") != ':') {
          throw error(keyPath, "expected ':' after the key");
        }
        if (entries.containsKey(key)) {
          throw error(keyPath, "duplicate key");
        }
        entries.put(key, flow(keyPath, depth + 1));
        skipSpace();
        char d = next(at, "',' or '}'");
        if (d == '}') {
          return YamlNode.map(line, at, entries);
        }
        if (d != ',') {
          throw error(at, "expected ',' or '}' but found '" + d + "'");
        }
      }
    }
    if (c == '"' || c == '\'') {
      return YamlNode.scalar(line, at, quoted(), true);
    }
    checkPlainStart(c, at);
    String text = plain(false);
    if (text.isEmpty()) {
      throw error(at, "missing value");
    }
    return YamlNode.scalar(line, at, text, false);
  }

  /** A plain scalar in flow context: up to , ] } (and : for keys). */
  private String plain(boolean key) {
    int start = pos;
    while (pos < s.length()) {
      char c = s.charAt(pos);
      if (c == ',' || c == ']' || c == '}' || c == '[' || c == '{') {
        break;
      }
      if (c == ':' && (key || pos + 1 == s.length() || s.charAt(pos + 1) == ' ')) {
        break;
      }
      pos++;
    }
    return s.substring(start, pos).trim();
  }

  String quoted() throws RuleException {
    char q = s.charAt(pos++);
    StringBuilder b = new StringBuilder();
    while (true) {
      if (pos >= s.length()) {
        throw error(path, "unterminated quoted string");
      }
      char c = s.charAt(pos++);
      if (q == '\'' && c == '\'') {
        if (pos < s.length() && s.charAt(pos) == '\'') {
          b.append('\'');
          pos++;
          continue;
        }
        return b.toString();
      }
      if (q == '"' && c == '"') {
        return b.toString();
      }
      if (q == '"' && c == '\\') {
        if (pos >= s.length()) {
          throw error(path, "unterminated escape");
        }
        char e = s.charAt(pos++);
        switch (e) {
          case 'n': b.append('\n'); break;
          case 't': b.append('\t'); break;
          case '"': b.append('"'); break;
          case '\\': b.append('\\'); break;
          case '/': b.append('/'); break;
          default: throw error(path, "unsupported escape \\" + e);
        }
        continue;
      }
      b.append(c);
    }
  }

  private void checkPlainStart(char c, String at) throws RuleException {
    if ("&*!|>%@`".indexOf(c) >= 0) {
      throw error(at, "'" + c + "' (anchors, aliases, tags, block scalars) is not supported; quote the value");
    }
  }

  private char peek() {
    return pos < s.length() ? s.charAt(pos) : 0;
  }

  private char next(String at, String expected) throws RuleException {
    if (pos >= s.length()) {
      throw error(at, "expected " + expected + " before the end of the line");
    }
    return s.charAt(pos++);
  }

  private void skipSpace() {
    while (pos < s.length() && s.charAt(pos) == ' ') {
      pos++;
    }
  }

  private RuleException error(String at, String problem) {
    return new RuleException(line, at, problem);
  }
}
