package io.sereca.cas;

import java.security.PublicKey;

/**
 * A CAS whose evidence was verified: its enclave's measurement, whether the evidence was
 * simulated, and the keys it vouches for in that evidence.
 *
 * @param measurement the CAS core's measurement (hex)
 * @param simulated whether the evidence was simulated (no hardware protection)
 * @param signingKey ECDSA P-256 key that signs audit heads
 * @param exchangeKey raw X25519 key that uploaded secrets are encrypted to
 */
public record CasIdentity(String measurement, boolean simulated, PublicKey signingKey, byte[] exchangeKey) {}
