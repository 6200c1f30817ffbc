/**
 * JDK-only crypto shared by the enclave and the parties that talk to it: HKDF-SHA256 and the
 * HPKE-style provisioning cipher (X25519, HKDF, AES-256-GCM).
 */
package io.sereca.enclave.crypto;
