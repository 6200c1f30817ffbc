package io.sereca.enclave;

/** Who may unseal a blob (the SGX sealing policies). */
public enum SealPolicy {
  /** Only an enclave with exactly the same measurement. */
  MEASUREMENT,
  /** Any enclave of the same signer and product id whose svn is at least the sealing enclave's. */
  SIGNER
}
