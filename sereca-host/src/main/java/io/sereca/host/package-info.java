/**
 * The untrusted host side of SERECA: enclave bundles (signing, verification, measurement) and
 * {@link io.sereca.host.EnclaveHost}, which launches them on a backend ({@code sim}, {@code
 * process}, or a hardware backend plugged in through {@link io.sereca.host.spi}).
 */
package io.sereca.host;
