/**
 * The evaluation harness behind {@code sereca bench}: it reproduces the Vert.x Vault evaluation
 * (throughput and response time of a regular and a secure verticle, answering a sender in another
 * JVM over the clustered event bus) and compares the plain and the secure event bus, writing CSV
 * files, PNG charts and a summary with the secure/regular ratios and the targets of issue 7.
 *
 * <p>It also measures the WSNM application's data path ({@code sereca bench wsnm}, issue 6): readings/s
 * through collector, secure bus, cache, alarms and storage, and the alarm latency p50/p99.
 *
 * <p>Entry point: {@link io.sereca.bench.harness.EvaluationHarness#run}. Everything else lives in
 * {@code internal}.
 */
package io.sereca.bench.harness;
