/**
 * Secure event bus cryptography, shared by enclaves and regular participants: route tables,
 * versioned route keys, envelopes (AES-256-GCM with the address and header bound as AAD) and the
 * replay window. JDK only, because it runs inside the enclave.
 */
package io.sereca.enclave.bus;
