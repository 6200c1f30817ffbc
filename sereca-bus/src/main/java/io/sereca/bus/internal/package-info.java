/**
 * Implementation of {@link io.sereca.bus.SecureEventBus}; not API.
 *
 * <p>{@link io.sereca.bus.internal.SecureEventBusImpl} seals outgoing messages with one
 * {@link io.sereca.enclave.bus.RouteCipher} per bus; {@link io.sereca.bus.internal.EnvelopeReceiver}
 * opens incoming ones (one replay window per bus for point-to-point envelopes, one per consumer for
 * published ones); {@code FailClosedInterceptors} keep plaintext off protected addresses;
 * {@link io.sereca.bus.internal.BusMeters} counts and logs; {@link io.sereca.bus.internal.BodyCodec}
 * maps bodies to bytes and back.
 */
package io.sereca.bus.internal;
