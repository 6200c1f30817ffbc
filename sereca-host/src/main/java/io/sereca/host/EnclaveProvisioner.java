package io.sereca.host;

import java.util.concurrent.CompletableFuture;

/**
 * Provisions a launched enclave with its secrets (attestation, then the delivery encrypted to the
 * enclave), for example from the CAS ({@code CasClient.provisioner(service)}). Set it with
 * {@link LaunchOptions#setProvisioner}: {@link EnclaveHost#launch} then completes only once the
 * enclave is provisioned, and provisions every restarted instance again.
 */
@FunctionalInterface
public interface EnclaveProvisioner {

  /** Provisions {@code enclave}; the future fails with the reason if the provisioner refuses. */
  CompletableFuture<Void> provision(Enclave enclave);
}
