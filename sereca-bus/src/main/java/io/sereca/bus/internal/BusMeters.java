package io.sereca.bus.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.sereca.bus.BusMetrics;
import io.sereca.enclave.bus.RejectReason;
import java.lang.System.Logger.Level;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The bus's counters and its rate-limited reject log: at most one WARN line per reason per
 * interval, saying how many drops of that reason it stands for. Lines name the address and the
 * reason's detail, never a payload or a key. Thread-safe.
 */
public final class BusMeters {

  private static final System.Logger LOG = System.getLogger("io.sereca.bus");
  private static final int MAX_LOGGED_ADDRESS = 200;

  private final Counter sent;
  private final Counter delivered;
  private final Map<RejectReason, Counter> rejected = new EnumMap<>(RejectReason.class);
  private final Map<RejectReason, AtomicLong> nextLogAt = new EnumMap<>(RejectReason.class);
  private final Map<RejectReason, AtomicLong> suppressed = new EnumMap<>(RejectReason.class);
  private final long intervalNanos;
  private final LongSupplier nanoClock;

  /**
   * Registers the meters (every reason at 0).
   *
   * @param logIntervalMillis minimum interval between two WARN lines of one reason
   */
  public BusMeters(MeterRegistry registry, long logIntervalMillis) {
    this(registry, logIntervalMillis, System::nanoTime);
  }

  BusMeters(MeterRegistry registry, long logIntervalMillis, LongSupplier nanoClock) {
    this.sent = Counter.builder(BusMetrics.SENT)
        .description("Envelopes sealed and handed to the event bus").register(registry);
    this.delivered = Counter.builder(BusMetrics.DELIVERED)
        .description("Envelopes opened and delivered").register(registry);
    for (RejectReason r : RejectReason.values()) {
      rejected.put(r, Counter.builder(BusMetrics.REJECTED).tag(BusMetrics.REASON, r.tag())
          .description("Messages dropped on protected addresses, by reason").register(registry));
      nextLogAt.put(r, new AtomicLong(Long.MIN_VALUE));
      suppressed.put(r, new AtomicLong());
    }
    this.intervalNanos = logIntervalMillis * 1_000_000L;
    this.nanoClock = nanoClock;
  }

  /** Counts one envelope sent. */
  public void sent() {
    sent.increment();
  }

  /** Counts one envelope delivered. */
  public void delivered() {
    delivered.increment();
  }

  /**
   * Counts one drop and logs it unless a line for this reason was logged within the interval.
   *
   * @return whether a line was logged (for tests)
   */
  public boolean rejected(RejectReason reason, String address, String detail) {
    rejected.get(reason).increment();
    long now = nanoClock.getAsLong();
    AtomicLong next = nextLogAt.get(reason);
    long due = next.get();
    if ((due != Long.MIN_VALUE && now - due < 0) || !next.compareAndSet(due, now + intervalNanos)) {
      suppressed.get(reason).incrementAndGet();
      return false;
    }
    long others = suppressed.get(reason).getAndSet(0);
    if (LOG.isLoggable(Level.WARNING)) {
      String what = detail.startsWith(reason.tag() + ":") ? detail : reason.tag() + ": " + detail;
      LOG.log(Level.WARNING, "secure bus dropped a message on ''{0}'': {1}{2}", shorten(address), what,
          others == 0 ? "" : " [+" + others + " more " + reason.tag() + " drops not logged]");
    }
    return true;
  }

  private static String shorten(String address) {
    return address.length() <= MAX_LOGGED_ADDRESS ? address : address.substring(0, MAX_LOGGED_ADDRESS) + "...";
  }
}
