package io.sereca.bench.harness;

import java.util.Locale;

/** What {@link EvaluationHarness} measures. */
public enum BenchSuite {

  /**
   * Vert.x Vault (paper Figs. 5-7): a regular verticle vs a secure verticle (an enclave on the
   * {@code sim} or {@code process} backend), both answering over the secure event bus.
   */
  VAULT,

  /** The plain Vert.x event bus vs the secure event bus, no enclave. */
  BUS,

  /** Plain ZooKeeper vs the confidential ZooKeeper proxy, Curator clients, 1 KiB get/set. */
  KEEPER,

  /**
   * The WSNM application's data path (issue 6): sustained readings/s through collector, secure
   * bus, cache, alarms and storage, and the alarm latency p50/p99, per enclave backend.
   */
  WSNM;

  /** The name on the command line ({@code vault}, {@code bus}, {@code keeper}, {@code wsnm}). */
  public String cliName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
