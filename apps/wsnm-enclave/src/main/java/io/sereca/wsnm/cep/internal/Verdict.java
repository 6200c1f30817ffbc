package io.sereca.wsnm.cep.internal;

/**
 * What a detector concluded from one scan or tick: whether its condition holds, the value that
 * decided it, the channel, the limit and a short detail for the message. A detector returns null
 * when it has no opinion (e.g. the reading is missing or not GOOD): the alarm keeps its state.
 */
public final class Verdict {

  /** Whether the condition holds. */
  public final boolean active;
  /** The deciding value (NaN when none). */
  public final double value;
  /** The channel concerned, or null. */
  public final String channel;
  /** The limit compared against (NaN when none). */
  public final double limit;
  /** A short explanation ("counter jumped 41 -> 45"), or null. */
  public final String detail;

  /** A verdict. */
  public Verdict(boolean active, double value, String channel, double limit, String detail) {
    this.active = active;
    this.value = value;
    this.channel = channel;
    this.limit = limit;
    this.detail = detail;
  }
}
