/**
 * Extension point for enclave backends. The host ships {@code sim} and {@code process}; hardware
 * backends (Gramine-SGX, TDX, SEV-SNP) plug in here.
 */
package io.sereca.host.spi;
