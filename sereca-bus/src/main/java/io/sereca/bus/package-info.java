/**
 * The secure event bus of SERECA, on Eclipse Vert.x 5.
 *
 * <ul>
 *   <li>{@link io.sereca.bus.SecureEventBus}: send, publish, request/reply and consumers with every
 *       message on a protected address encrypted and authenticated end to end per route key;
 *       rejected envelopes are dropped, counted and logged; plaintext on a protected address is
 *       refused in both directions (fail closed).</li>
 *   <li>{@link io.sereca.bus.BusMetrics}: the meter names and a small Prometheus {@code /metrics}
 *       endpoint.</li>
 *   <li>{@link io.sereca.bus.ClusterTls} and {@link io.sereca.bus.DevPki}: mutually authenticated
 *       TLS for the clustered event bus transport, a second layer under the envelopes, with a
 *       development CA.</li>
 * </ul>
 *
 * <p>Routes, keys, the envelope format and its checks live in the trusted module
 * ({@code io.sereca.enclave.bus}), shared with secure verticles. Everything in
 * {@code io.sereca.bus.internal} is an implementation detail.
 */
package io.sereca.bus;
