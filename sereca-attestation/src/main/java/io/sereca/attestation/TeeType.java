package io.sereca.attestation;

/** The kind of trusted execution environment that produced a piece of evidence. */
public enum TeeType {
  /** No TEE: evidence signed by a per-installation simulation key. No hardware protection. */
  SIMULATED("SIMULATED — no hardware protection"),
  /** Intel SGX enclave (DCAP quote). */
  SGX("Intel SGX"),
  /** Intel TDX trust domain. */
  TDX("Intel TDX"),
  /** AMD SEV-SNP confidential VM. */
  SEV_SNP("AMD SEV-SNP");

  private final String label;

  TeeType(String label) {
    this.label = label;
  }

  /** A human-readable label; for {@link #SIMULATED} it states that nothing is protected. */
  public String label() {
    return label;
  }
}
