/**
 * The app-facing API of the SERECA trusted module: what code running inside an enclave sees.
 *
 * <p>{@link io.sereca.enclave.EnclaveApp} is the entry point, {@link
 * io.sereca.enclave.EnclaveContext} mirrors the Vert.x event bus inside the enclave. This module
 * depends on the JDK alone: it is the trusted computing base.
 */
package io.sereca.enclave;
