/**
 * The enclave runtime: ecall dispatch, handler lookup, sealing and provisioning. Not API: the
 * host reaches it only through byte-array frames.
 */
package io.sereca.enclave.internal;
