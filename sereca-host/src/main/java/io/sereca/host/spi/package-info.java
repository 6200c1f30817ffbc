/**
 * Extension point for enclave backends. The host ships {@code sim}, {@code process}, and the
 * hardware backends {@code gramine-sgx}, {@code tdx} and {@code sev-snp}; others plug in here.
 */
package io.sereca.host.spi;
