/**
 * Attestation evidence, policies and verification.
 *
 * <p>The flow: an enclave produces evidence binding its {@link io.sereca.enclave.EnclaveIdentity}
 * and 64 bytes of report data; an {@link io.sereca.attestation.EvidenceVerifier} checks it is
 * genuine and matches an {@link io.sereca.attestation.AttestationPolicy}, giving a
 * {@link io.sereca.attestation.Verdict}; the {@link io.sereca.attestation.Provisioner} encrypts
 * secrets to the enclave only on an accepted verdict whose report data binds the enclave's key.
 *
 * <p>Without TEE hardware, a per-installation {@link io.sereca.attestation.SimulationAuthority}
 * issues {@link io.sereca.attestation.SimulatedEvidence}. It offers no protection against the host
 * and is printed as SIMULATED everywhere; policies refuse it unless they explicitly allow it.
 *
 * <p>Real TEE evidence (Intel SGX and TDX DCAP quotes, AMD SEV-SNP reports) is verified through
 * the same {@link io.sereca.attestation.EvidenceVerifier} to the pinned Intel and AMD roots, with
 * optional {@link io.sereca.attestation.Collateral} rating the platform's
 * {@link io.sereca.attestation.TcbStatus}; the hardware's own fields are a
 * {@link io.sereca.attestation.TeeIdentity}, and every check is a
 * {@link io.sereca.attestation.VerificationCheck} of the {@link io.sereca.attestation.Verdict}.
 *
 * <p>Everything in {@code io.sereca.attestation.internal} is an implementation detail.
 */
package io.sereca.attestation;
