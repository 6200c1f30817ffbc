package io.sereca.wsnm.cep;

/**
 * A rule file that cannot be used: its message names the line and the field path, e.g.
 * {@code line 14: rules[3].window: '5x' is not a duration (use 30s, 5m, 2h)}.
 */
public final class RuleException extends Exception {
  private static final long serialVersionUID = 1L;

  private final int line;
  private final String path;

  /** An error at {@code line} (1-based; 0 when the whole file is concerned) and {@code path}. */
  public RuleException(int line, String path, String problem) {
    super((line > 0 ? "line " + line + ": " : "") + (path == null || path.isEmpty() ? "" : path + ": ") + problem);
    this.line = line;
    this.path = path == null ? "" : path;
  }

  /** The 1-based line of the problem, 0 when none applies. */
  public int line() {
    return line;
  }

  /** The field path, e.g. {@code rules[3].window}; empty at the top level. */
  public String path() {
    return path;
  }
}
