package io.sereca.attestation;

import static io.sereca.attestation.Fixtures.IDENTITY;
import static io.sereca.attestation.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sereca.enclave.crypto.ProvisioningCipher;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProvisionerTest {

  private static final byte[] SECRETS = "db-password=hunter2".getBytes(StandardCharsets.UTF_8);

  @TempDir Path tmp;
  private SimulationAuthority authority;
  private KeyPair enclaveKey;
  private byte[] rawPublicKey;
  private byte[] nonce;

  @BeforeEach
  void enclaveBindsItsKeyAndTheNonce() throws Exception {
    authority = Fixtures.authority(tmp);
    enclaveKey = ProvisioningCipher.generateKeyPair();
    rawPublicKey = ProvisioningCipher.rawPublicKey(enclaveKey.getPublic());
    nonce = Fixtures.filled(32, 0x42);
  }

  private Verdict verdictFor(byte[] reportData, AttestationPolicy policy) throws GeneralSecurityException {
    return EvidenceVerifier.create().verify(authority.issue(IDENTITY, reportData), policy, T0);
  }

  @Test
  void encryptsToTheAttestedKeySoOnlyTheEnclaveCanDecrypt() throws Exception {
    Verdict verdict = verdictFor(ProvisioningCipher.reportData(rawPublicKey, nonce),
        Fixtures.simulationPolicy(authority));

    byte[] sealed = Provisioner.encryptSecrets(verdict, rawPublicKey, nonce, SECRETS);

    assertThat(ProvisioningCipher.decrypt(enclaveKey, sealed)).isEqualTo(SECRETS);
    assertThatThrownBy(() -> ProvisioningCipher.decrypt(ProvisioningCipher.generateKeyPair(), sealed))
        .isInstanceOf(GeneralSecurityException.class);
  }

  @Test
  void refusesAVerdictThatWasNotAccepted() throws Exception {
    Verdict refused = verdictFor(ProvisioningCipher.reportData(rawPublicKey, nonce),
        Fixtures.simulationPolicy(authority).setAllowSimulation(false));

    assertThatThrownBy(() -> Provisioner.encryptSecrets(refused, rawPublicKey, nonce, SECRETS))
        .isInstanceOf(GeneralSecurityException.class)
        .hasMessageContaining("verdict not accepted")
        .hasMessageContaining("simulated evidence refused");
  }

  @Test
  void refusesWhenTheEvidenceBindsAnotherNonce() throws Exception {
    Verdict verdict = verdictFor(ProvisioningCipher.reportData(rawPublicKey, nonce),
        Fixtures.simulationPolicy(authority));

    assertThatThrownBy(() -> Provisioner.encryptSecrets(verdict, rawPublicKey, Fixtures.filled(32, 0x43), SECRETS))
        .isInstanceOf(GeneralSecurityException.class)
        .hasMessageContaining("does not bind this public key, nonce and claims");
  }

  @Test
  void refusesWhenTheHostSwapsInItsOwnKey() throws Exception {
    Verdict verdict = verdictFor(ProvisioningCipher.reportData(rawPublicKey, nonce),
        Fixtures.simulationPolicy(authority));
    byte[] hostKey = ProvisioningCipher.rawPublicKey(ProvisioningCipher.generateKeyPair().getPublic());

    assertThatThrownBy(() -> Provisioner.encryptSecrets(verdict, hostKey, nonce, SECRETS))
        .isInstanceOf(GeneralSecurityException.class)
        .hasMessageContaining("does not bind this public key, nonce and claims");
  }

  @Test
  void bindsTheEnclavesClaimsSoTheHostCannotSwapThem() throws Exception {
    byte[] claims = "cas-signing-key=abc".getBytes(StandardCharsets.UTF_8);
    Verdict verdict = verdictFor(ProvisioningCipher.reportData(rawPublicKey, nonce, claims),
        Fixtures.simulationPolicy(authority));

    byte[] sealed = Provisioner.encryptSecrets(verdict, rawPublicKey, nonce, claims, SECRETS);
    assertThat(ProvisioningCipher.decrypt(enclaveKey, sealed)).isEqualTo(SECRETS);

    byte[] swapped = "cas-signing-key=host".getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> Provisioner.encryptSecrets(verdict, rawPublicKey, nonce, swapped, SECRETS))
        .isInstanceOf(GeneralSecurityException.class)
        .hasMessageContaining("does not bind this public key, nonce and claims");
    assertThatThrownBy(() -> Provisioner.encryptSecrets(verdict, rawPublicKey, nonce, SECRETS))
        .isInstanceOf(GeneralSecurityException.class);
  }

  @Test
  void refusesShortNoncesAndMalformedKeys() throws Exception {
    Verdict verdict = verdictFor(ProvisioningCipher.reportData(rawPublicKey, nonce),
        Fixtures.simulationPolicy(authority));

    assertThatThrownBy(() -> Provisioner.encryptSecrets(verdict, rawPublicKey, new byte[8], SECRETS))
        .isInstanceOf(GeneralSecurityException.class)
        .hasMessageContaining("nonce must be at least 16 bytes");
    assertThatThrownBy(() -> Provisioner.encryptSecrets(verdict, new byte[31], nonce, SECRETS))
        .isInstanceOf(GeneralSecurityException.class)
        .hasMessageContaining("public key must be 32 bytes");
  }
}
