package io.sereca.enclave;

import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * What an {@link EnclaveApp} sees of the world: a mirror of the Vert.x event bus inside the
 * enclave (register, send, publish, request, reply), sealing, provisioned secrets, its own
 * identity and a log.
 *
 * <p>Every call leaves the enclave as a bounded, validated frame (an ocall); bodies are copied, so
 * the host never holds a reference into enclave memory. On an address protected by the secure
 * event bus the body is encrypted inside the enclave before it leaves.
 */
public interface EnclaveContext {

  /**
   * Registers {@code handler} for {@code address}. Several addresses may be registered; the
   * runtime looks the handler up by address inside the enclave.
   *
   * @throws IllegalStateException if the address already has a handler in this enclave
   */
  void register(String address, MessageHandler handler);

  /** Removes the handler of {@code address}; does nothing if none is registered. */
  void unregister(String address);

  /** Point-to-point send, no reply expected. */
  default void send(String address, byte[] body) {
    send(address, Map.of(), body);
  }

  /** Point-to-point send with headers, no reply expected. */
  void send(String address, Map<String, String> headers, byte[] body);

  /** Publishes {@code body} to every consumer of {@code address}. */
  default void publish(String address, byte[] body) {
    publish(address, Map.of(), body);
  }

  /** Publishes with headers. */
  void publish(String address, Map<String, String> headers, byte[] body);

  /**
   * Sends a request and completes with the reply, or exceptionally with a {@link ReplyException}
   * (no handler, timeout, or the replier failed it).
   *
   * @param timeoutMillis how long the host waits for the reply before failing it
   */
  CompletionStage<EnclaveMessage> request(
      String address, Map<String, String> headers, byte[] body, long timeoutMillis);

  /** Request with no headers and a 30 s timeout. */
  default CompletionStage<EnclaveMessage> request(String address, byte[] body) {
    return request(address, Map.of(), body, 30_000);
  }

  /**
   * Encrypts {@code plaintext} so that only an enclave allowed by {@code policy} can read it again
   * (on this platform).
   *
   * @param keyId a label mixed into the sealing key, so blobs for different purposes never share a
   *     key
   */
  byte[] seal(SealPolicy policy, String keyId, byte[] plaintext) throws SealingException;

  /**
   * Decrypts a blob produced by {@link #seal}; fails without returning partial data if the blob
   * was tampered with or this enclave is not allowed to open it.
   */
  byte[] unseal(byte[] sealed) throws SealingException;

  /** The secrets provisioned after attestation; empty until provisioning has happened. */
  ProvisionedSecrets secrets();

  /** Registers a callback run (inside the enclave) each time secrets are provisioned. */
  void onProvisioned(Consumer<ProvisionedSecrets> callback);

  /**
   * Sets the claims this enclave vouches for in its evidence from now on: the second half of the
   * report data of every provisioning request becomes SHA-256 of {@code claims}, and the claims
   * travel beside the evidence. An app publishes its own public keys this way, so a verifier who
   * checked the evidence knows the keys are the enclave's and not the host's.
   *
   * @param claims at most {@value io.sereca.enclave.boundary.BoundaryLimits#MAX_CLAIMS_BYTES}
   *     bytes; empty clears them
   * @throws IllegalArgumentException if {@code claims} is too long
   */
  void setAttestationClaims(byte[] claims);

  /** This enclave's identity as the platform measured it. */
  EnclaveIdentity identity();

  /** The enclave's log; messages go to the host's log, so never put secrets in them. */
  EnclaveLog log();
}
