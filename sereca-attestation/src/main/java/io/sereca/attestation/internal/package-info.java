/**
 * Implementation details of {@code io.sereca.attestation}: evidence formats and their dispatch
 * (simulated, Intel DCAP quotes, AMD SEV-SNP reports), bounded little-endian and DER parsing, the
 * pinned vendor roots, Intel collateral checks and TCB status, PEM, private files, certificate
 * building. Not a public API; may change at any
 * time.
 */
package io.sereca.attestation.internal;
