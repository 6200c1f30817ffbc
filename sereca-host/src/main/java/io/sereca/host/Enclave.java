package io.sereca.host;

import io.sereca.enclave.EnclaveIdentity;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A launched enclave, as its host sees it. All calls are asynchronous; a failed future carries an
 * {@link EnclaveException} naming the problem.
 */
public interface Enclave extends AutoCloseable {

  /** The identity the host measured (the same the evidence reports). */
  EnclaveIdentity identity();

  /** The backend's name ({@code sim}, {@code process}, ...). */
  String backend();

  /** Whether this backend's evidence is simulated. */
  boolean simulated();

  /** Delivers an event-bus message to the enclave; {@code replyToken} 0 means no reply expected. */
  CompletableFuture<Void> deliver(String address, Map<String, String> headers, byte[] body, long replyToken);

  /** Completes a request the enclave made (ocall REQUEST) with a reply. */
  CompletableFuture<Void> completeRequest(long requestId, Map<String, String> headers, byte[] body);

  /** Fails a request the enclave made. */
  CompletableFuture<Void> failRequest(long requestId, int code, String message);

  /** Evidence binding {@code reportData} (exactly 64 bytes). */
  CompletableFuture<byte[]> attest(byte[] reportData);

  /** Step 1 of provisioning: a fresh enclave key bound to {@code nonce} (16..64 bytes). */
  CompletableFuture<ProvisioningRequest> requestProvisioning(byte[] nonce);

  /** Step 2: secrets encrypted to the key from step 1 (single use). */
  CompletableFuture<Void> provision(byte[] encryptedSecrets);

  /** A round trip through the boundary; returns {@code payload}. */
  CompletableFuture<byte[]> echo(byte[] payload);

  /** How many times the enclave failed and was restarted. */
  int restarts();

  /** Whether an instance is running now. */
  boolean isRunning();

  /** Stops the app and tears the instance down. */
  @Override
  void close();
}
