package io.sereca.bench.harness.internal;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * A text progress bar: on a terminal one line redrawn in place, elsewhere (CI logs, files) one line
 * per step. Counts steps (runs), estimates the time left from the time per step so far.
 */
public final class Progress {

  private static final int WIDTH = 30;

  private final PrintWriter out;
  private final boolean terminal;
  private final int total;
  private final long started = System.nanoTime();
  private int done;

  /**
   * @param out where to print
   * @param total steps in all
   * @param terminal redraw one line in place (true) or print a line per step
   */
  public Progress(PrintWriter out, int total, boolean terminal) {
    this.out = out;
    this.total = Math.max(1, total);
    this.terminal = terminal;
  }

  /** Reports that the step described by {@code what} begins. */
  public void starting(String what) {
    int filled = done * WIDTH / total;
    long elapsed = (System.nanoTime() - started) / 1_000_000_000L;
    String eta = done == 0 ? "?" : formatSeconds(elapsed * (total - done) / done);
    String line = String.format(Locale.ROOT, "[%s%s] %3d%% %d/%d  elapsed %s, left ~%s  %s",
        "#".repeat(filled), ".".repeat(WIDTH - filled), done * 100 / total, done, total,
        formatSeconds(elapsed), eta, what);
    if (terminal) {
      out.print("\r" + line + "\u001b[K");
    } else {
      out.println(line);
    }
    out.flush();
  }

  /** Reports that a step ended. */
  public void stepDone() {
    done++;
  }

  /** Ends the bar (a newline on a terminal). */
  public void finish() {
    if (terminal) {
      out.println();
    }
  }

  static String formatSeconds(long s) {
    return s >= 60 ? (s / 60) + "m" + String.format(Locale.ROOT, "%02d", s % 60) + "s" : s + "s";
  }
}
