package io.sereca.host;

/**
 * What an enclave offers a verifier before provisioning: evidence whose report data binds
 * SHA-256(publicKey || nonce), and that public key (raw X25519, 32 bytes).
 *
 * @param evidence attestation evidence (simulated on the sim and process backends)
 * @param publicKey the enclave's ephemeral X25519 key; secrets are encrypted to it
 */
public record ProvisioningRequest(byte[] evidence, byte[] publicKey) {
  /** Copies the arrays. */
  public ProvisioningRequest {
    evidence = evidence.clone();
    publicKey = publicKey.clone();
  }

  @Override
  public byte[] evidence() {
    return evidence.clone();
  }

  @Override
  public byte[] publicKey() {
    return publicKey.clone();
  }
}
