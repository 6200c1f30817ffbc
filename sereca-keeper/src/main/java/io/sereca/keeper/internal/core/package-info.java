/**
 * The crypto core, packed into the enclave bundle with the Tink classes it reaches: path
 * encryption (AES-SIV per element, bound to the parent), value encryption (AES-256-GCM bound to
 * the path), and the batch codec shared with the host. Depends on the JDK, Tink and the enclave
 * API only.
 */
package io.sereca.keeper.internal.core;
