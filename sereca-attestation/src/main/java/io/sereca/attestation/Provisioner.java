package io.sereca.attestation;

import io.sereca.enclave.crypto.ProvisioningCipher;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * Encrypts secrets to an attested enclave, and only to one: the last step of the attestation
 * and provisioning protocol.
 *
 * <p>The enclave generated an ephemeral X25519 key pair and bound
 * {@code SHA-256(publicKey || nonce)} into its evidence's report data. The secrets are encrypted
 * to that public key only if the verdict was accepted <em>and</em> the evidence binds exactly
 * this key and the verifier's nonce; otherwise a host could swap in its own key, or replay old
 * evidence.
 */
public final class Provisioner {

  /** Shortest nonce accepted: it must be unpredictable for the binding to prove freshness. */
  public static final int MIN_NONCE_LENGTH = 16;

  private Provisioner() {}

  /**
   * Encrypts {@code plaintext} to the enclave that produced the verdict's evidence.
   *
   * @param verdict the verdict on the enclave's evidence
   * @param enclaveRawPublicKey the enclave's raw 32-byte X25519 public key, as it sent it
   * @param nonce the nonce the verifier sent to the enclave, at least {@value #MIN_NONCE_LENGTH} bytes
   * @param plaintext the secrets
   * @return the {@link ProvisioningCipher} message, for the host to relay
   * @throws GeneralSecurityException with the reason when the verdict was not accepted, the
   *     evidence does not bind this key and nonce, or the key is invalid
   */
  public static byte[] encryptSecrets(
      Verdict verdict, byte[] enclaveRawPublicKey, byte[] nonce, byte[] plaintext)
      throws GeneralSecurityException {
    return encryptSecrets(verdict, enclaveRawPublicKey, nonce, new byte[0], plaintext);
  }

  /**
   * Like {@link #encryptSecrets(Verdict, byte[], byte[], byte[])} for an enclave that vouches for
   * {@code claims} (its report data then binds SHA-256 of them too).
   *
   * @throws GeneralSecurityException as above, or when the evidence does not bind these claims
   */
  public static byte[] encryptSecrets(
      Verdict verdict, byte[] enclaveRawPublicKey, byte[] nonce, byte[] claims, byte[] plaintext)
      throws GeneralSecurityException {
    Objects.requireNonNull(verdict, "verdict");
    Objects.requireNonNull(plaintext, "plaintext");
    if (!verdict.accepted()) {
      throw new GeneralSecurityException(
          "refusing to provision: verdict not accepted: " + String.join("; ", verdict.reasons()));
    }
    if (enclaveRawPublicKey == null || enclaveRawPublicKey.length != ProvisioningCipher.PUBLIC_KEY_LENGTH) {
      throw new GeneralSecurityException("refusing to provision: enclave public key must be "
          + ProvisioningCipher.PUBLIC_KEY_LENGTH + " bytes");
    }
    if (nonce == null || nonce.length < MIN_NONCE_LENGTH) {
      throw new GeneralSecurityException(
          "refusing to provision: nonce must be at least " + MIN_NONCE_LENGTH + " bytes");
    }
    Evidence evidence = verdict.evidence().orElseThrow(
        () -> new GeneralSecurityException("refusing to provision: verdict carries no evidence"));
    byte[] expected = ProvisioningCipher.reportData(enclaveRawPublicKey, nonce, claims);
    if (!MessageDigest.isEqual(expected, evidence.reportData())) {
      throw new GeneralSecurityException("refusing to provision: evidence report data does not "
          + "bind this public key, nonce and claims");
    }
    return ProvisioningCipher.encrypt(enclaveRawPublicKey, plaintext);
  }
}
