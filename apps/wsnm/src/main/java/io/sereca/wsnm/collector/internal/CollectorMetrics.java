package io.sereca.wsnm.collector.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.sereca.wsnm.Dam;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The collector's Micrometer meters, all tagged {@code collector=<id>}:
 * {@code wsnm.collector.scans.polled{dam}} (new scans read), {@code .refused{dam}} (not buffered:
 * buffer full), {@code .suspect{dam}} (readings the collector marked SUSPECT),
 * {@code wsnm.collector.scans.sent} (hand-overs to the enclave, resends included),
 * {@code .durable} (fsynced into the buffer), {@code .acknowledged}, {@code .duplicates} (storage already had it),
 * {@code wsnm.collector.delivery.failures}, {@code wsnm.collector.journal.failures},
 * {@code wsnm.collector.logger.errors{dam,kind}}, and the gauges {@code wsnm.collector.buffered}
 * (scans not yet acknowledged) and {@code wsnm.collector.buffer.full} (1 while refusing).
 */
public final class CollectorMetrics {

  private final MeterRegistry registry;
  private final String id;
  private final Map<Dam, Counter> polled = new EnumMap<>(Dam.class);
  private final Map<Dam, Counter> refused = new EnumMap<>(Dam.class);
  private final Map<Dam, Counter> suspect = new EnumMap<>(Dam.class);
  private final Counter sent;
  private final Counter acknowledged;
  private final Counter durable;
  private final Counter duplicates;
  private final Counter deliveryFailures;
  private final Counter journalFailures;
  private final java.util.List<Gauge> gauges = new java.util.ArrayList<>();

  /** Meters of collector {@code id} in {@code registry}. */
  public CollectorMetrics(MeterRegistry registry, String id) {
    this.registry = registry;
    this.id = id;
    for (Dam d : Dam.values()) {
      polled.put(d, registry.counter("wsnm.collector.scans.polled", "collector", id, "dam", d.name()));
      refused.put(d, registry.counter("wsnm.collector.scans.refused", "collector", id, "dam", d.name()));
      suspect.put(d, registry.counter("wsnm.collector.scans.suspect", "collector", id, "dam", d.name()));
    }
    sent = registry.counter("wsnm.collector.scans.sent", "collector", id);
    acknowledged = registry.counter("wsnm.collector.scans.acknowledged", "collector", id);
    durable = registry.counter("wsnm.collector.scans.durable", "collector", id);
    duplicates = registry.counter("wsnm.collector.scans.duplicates", "collector", id);
    deliveryFailures = registry.counter("wsnm.collector.delivery.failures", "collector", id);
    journalFailures = registry.counter("wsnm.collector.journal.failures", "collector", id);
  }

  /** Registers the gauges (removed again by {@link #close}, so a redeployed collector reports its own). */
  public void gauges(Supplier<Number> buffered, Supplier<Number> full) {
    gauges.add(Gauge.builder("wsnm.collector.buffered", buffered, s -> s.get().doubleValue()).tag("collector", id)
        .strongReference(true).register(registry));
    gauges.add(Gauge.builder("wsnm.collector.buffer.full", full, s -> s.get().doubleValue()).tag("collector", id)
        .strongReference(true).register(registry));
  }

  /** Removes the gauges. */
  public void close() {
    gauges.forEach(registry::remove);
    gauges.clear();
  }

  void sent() {
    sent.increment();
  }

  void durable(int n) {
    durable.increment(n);
  }

  void acknowledged() {
    acknowledged.increment();
  }

  void duplicate() {
    duplicates.increment();
  }

  void deliveryFailure() {
    deliveryFailures.increment();
  }

  void journalFailure() {
    journalFailures.increment();
  }

  /** A new scan was read. */
  public void polled(Dam dam, int suspectReadings) {
    polled.get(dam).increment();
    if (suspectReadings > 0) {
      suspect.get(dam).increment(suspectReadings);
    }
  }

  /** A new scan was not buffered. */
  public void refused(Dam dam) {
    refused.get(dam).increment();
  }

  /** A read of {@code dam}'s logger failed. */
  public void loggerError(Dam dam, LoggerPoller.Failure kind) {
    registry.counter("wsnm.collector.logger.errors", "collector", id, "dam", dam.name(),
        "kind", kind.name().toLowerCase(java.util.Locale.ROOT)).increment();
  }
}
