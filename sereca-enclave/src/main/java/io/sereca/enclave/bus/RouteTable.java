package io.sereca.enclave.bus;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Maps event-bus addresses to route-key names. Senders and receivers hold the same table, so the
 * key for an address is decided by configuration, never by the message.
 *
 * <p>Patterns: an exact address ({@code dam.readings}), a prefix ending in {@code *} ({@code
 * dam.*} matches every address starting with {@code dam.}), or a regular expression prefixed with
 * {@code ~} ({@code ~dam\.[0-9]+\.alarm}). Lookup order: exact, then the longest prefix, then the
 * first matching regular expression. Immutable.
 *
 * <p>Text form, one rule a line, {@code #} comments: {@code pattern = keyName}.
 */
public final class RouteTable {

  private static final RouteTable EMPTY = new RouteTable(Map.of(), List.of(), List.of());

  private final Map<String, String> exact;
  private final List<String[]> prefixes; // {prefix, key}, longest first
  private final List<Object[]> regexes; // {Pattern, key}

  private RouteTable(Map<String, String> exact, List<String[]> prefixes, List<Object[]> regexes) {
    this.exact = exact;
    this.prefixes = prefixes;
    this.regexes = regexes;
  }

  /** A table protecting nothing. */
  public static RouteTable empty() {
    return EMPTY;
  }

  /** Builds a table from pattern → key name rules (in order, for regular expressions). */
  public static RouteTable of(Map<String, String> rules) {
    Map<String, String> exact = new HashMap<>();
    List<String[]> prefixes = new ArrayList<>();
    List<Object[]> regexes = new ArrayList<>();
    for (Map.Entry<String, String> rule : rules.entrySet()) {
      String pattern = rule.getKey().trim();
      String key = rule.getValue().trim();
      if (pattern.isEmpty() || key.isEmpty()) {
        throw new IllegalArgumentException("route rule needs a pattern and a key name: '" + rule + "'");
      }
      if (pattern.startsWith("#") || pattern.contains("\n")) {
        // The text form marks comments with '#': such a rule would silently vanish on the way.
        throw new IllegalArgumentException("route pattern '" + pattern + "' may not start with '#' or span lines");
      }
      if (!key.matches("[A-Za-z0-9._-]{1,128}")) {
        throw new IllegalArgumentException("route key name '" + key + "' must be 1..128 of [A-Za-z0-9._-]");
      }
      if (pattern.startsWith("~")) {
        try {
          regexes.add(new Object[] {Pattern.compile(pattern.substring(1)), key});
        } catch (PatternSyntaxException e) {
          throw new IllegalArgumentException("route pattern '" + pattern + "' is not a valid regular expression");
        }
      } else if (pattern.endsWith("*")) {
        prefixes.add(new String[] {pattern.substring(0, pattern.length() - 1), key});
      } else if (exact.put(pattern, key) != null) {
        throw new IllegalArgumentException("address '" + pattern + "' is routed twice");
      }
    }
    prefixes.sort((a, b) -> Integer.compare(b[0].length(), a[0].length()));
    return new RouteTable(Collections.unmodifiableMap(exact), List.copyOf(prefixes), List.copyOf(regexes));
  }

  /** Parses the text form ({@code pattern = keyName} per line). */
  public static RouteTable parse(String text) {
    Map<String, String> rules = new java.util.LinkedHashMap<>();
    int n = 0;
    for (String line : text.split("\n", -1)) {
      n++;
      String l = line.trim();
      if (l.isEmpty() || l.startsWith("#")) {
        continue;
      }
      int eq = l.lastIndexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("route table line " + n + ": expected 'pattern = keyName'");
      }
      if (rules.put(l.substring(0, eq).trim(), l.substring(eq + 1).trim()) != null) {
        throw new IllegalArgumentException("route table line " + n + ": pattern repeated");
      }
    }
    return of(rules);
  }

  /** The key name protecting {@code address}, or empty if the address is not protected. */
  public Optional<String> keyFor(String address) {
    String k = exact.get(address);
    if (k != null) {
      return Optional.of(k);
    }
    for (String[] p : prefixes) {
      if (address.startsWith(p[0])) {
        return Optional.of(p[1]);
      }
    }
    for (Object[] r : regexes) {
      if (((Pattern) r[0]).matcher(address).matches()) {
        return Optional.of((String) r[1]);
      }
    }
    return Optional.empty();
  }

  /** Whether {@code address} is protected. */
  public boolean isProtected(String address) {
    return keyFor(address).isPresent();
  }

  /** The text form. */
  public String toText() {
    StringBuilder sb = new StringBuilder();
    exact.forEach((a, k) -> sb.append(a).append(" = ").append(k).append('\n'));
    prefixes.forEach(p -> sb.append(p[0]).append("* = ").append(p[1]).append('\n'));
    regexes.forEach(r -> sb.append('~').append(r[0]).append(" = ").append(r[1]).append('\n'));
    return sb.toString();
  }
}
