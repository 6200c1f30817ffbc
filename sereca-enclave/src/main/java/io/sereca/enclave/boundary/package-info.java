/**
 * The enclave boundary protocol: ecalls (host to enclave), ocalls (enclave to host) and their
 * frame codec. Only byte arrays cross the boundary; every length is bounded by {@link
 * io.sereca.enclave.boundary.BoundaryLimits} and validated by the receiving side.
 */
package io.sereca.enclave.boundary;
