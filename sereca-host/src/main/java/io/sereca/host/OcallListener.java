package io.sereca.host;

import io.sereca.enclave.boundary.Ocall;

/**
 * Receives what an enclave asks of the outside world. Called on the thread that made the ecall
 * ({@code sim}) or on the channel's reader thread ({@code process}): implementations hand work to
 * their own executor or Vert.x context and return quickly, and must be thread-safe.
 */
public interface OcallListener {

  /** An ocall, already decoded and validated. */
  void onOcall(Enclave enclave, Ocall ocall);

  /** The enclave died; if {@code failure.restarting()}, a new instance follows. */
  default void onFailure(Enclave enclave, EnclaveFailure failure) {}

  /**
   * A new instance replaced a failed one and its app has run {@code init} again (its
   * registrations arrive again as ocalls). Provisioned secrets are gone with the old instance:
   * provision again.
   */
  default void onRestarted(Enclave enclave) {}
}
