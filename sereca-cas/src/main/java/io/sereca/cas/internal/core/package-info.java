/**
 * The CAS's sensitive core: the code that runs inside the CAS's own enclave. It holds the
 * manifest chain, every secret and the CAS's keys, verifies attestation evidence, decides who
 * gets what and encrypts deliveries to the attested enclaves. The host part of the CAS only
 * relays requests, stores sealed state and serves HTTP.
 */
package io.sereca.cas.internal.core;
