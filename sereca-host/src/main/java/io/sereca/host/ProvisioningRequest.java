package io.sereca.host;

/**
 * What an enclave offers a verifier before provisioning: evidence whose report data binds
 * SHA-256(publicKey || nonce) and SHA-256(claims), that public key (raw X25519, 32 bytes), the
 * claims the enclave app vouches for (empty unless the app set some), and collateral the platform
 * handed out with the evidence (SEV-SNP's certificate table; empty otherwise).
 *
 * @param evidence attestation evidence (simulated on the sim and process backends)
 * @param publicKey the enclave's ephemeral X25519 key; secrets are encrypted to it
 * @param claims what the app vouches for (for example its own public keys); empty if none
 * @param collateral verification material from the platform, e.g. the SNP VCEK table; empty if none
 */
public record ProvisioningRequest(byte[] evidence, byte[] publicKey, byte[] claims, byte[] collateral) {
  /** Copies the arrays. */
  public ProvisioningRequest {
    evidence = evidence.clone();
    publicKey = publicKey.clone();
    claims = claims.clone();
    collateral = collateral.clone();
  }

  /** A request without claims or collateral. */
  public ProvisioningRequest(byte[] evidence, byte[] publicKey) {
    this(evidence, publicKey, new byte[0], new byte[0]);
  }

  /** A request without collateral. */
  public ProvisioningRequest(byte[] evidence, byte[] publicKey, byte[] claims) {
    this(evidence, publicKey, claims, new byte[0]);
  }

  @Override
  public byte[] evidence() {
    return evidence.clone();
  }

  @Override
  public byte[] publicKey() {
    return publicKey.clone();
  }

  @Override
  public byte[] claims() {
    return claims.clone();
  }

  @Override
  public byte[] collateral() {
    return collateral.clone();
  }
}
