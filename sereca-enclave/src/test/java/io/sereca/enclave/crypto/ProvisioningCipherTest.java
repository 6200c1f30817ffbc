package io.sereca.enclave.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.interfaces.XECPublicKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.XECPrivateKeySpec;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import javax.crypto.KeyAgreement;
import org.junit.jupiter.api.Test;

class ProvisioningCipherTest {

  private static final HexFormat HEX = HexFormat.of();
  /** Header: version(1) | enc(32) | nonce(12); then ciphertext and a 16-byte tag. */
  private static final int HEADER = 1 + 32 + 12;

  // RFC 7748 section 6.1 test vectors (X25519 Diffie-Hellman).
  private static final byte[] ALICE_PRIVATE =
      HEX.parseHex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a");
  private static final byte[] ALICE_PUBLIC =
      HEX.parseHex("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a");
  private static final byte[] BOB_PUBLIC =
      HEX.parseHex("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f");
  private static final byte[] SHARED =
      HEX.parseHex("4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742");

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void encryptThenDecryptReturnsThePlaintext() throws Exception {
    KeyPair recipient = ProvisioningCipher.generateKeyPair();
    byte[] pk = ProvisioningCipher.rawPublicKey(recipient.getPublic());
    for (byte[] plaintext : new byte[][] {new byte[0], utf8("s3cr3t"), new byte[100_000]}) {
      byte[] message = ProvisioningCipher.encrypt(pk, plaintext);
      assertThat(message).hasSize(HEADER + plaintext.length + 16);
      assertThat(message[0]).isEqualTo(ProvisioningCipher.VERSION);
      assertThat(ProvisioningCipher.decrypt(recipient, message)).isEqualTo(plaintext);
    }
  }

  @Test
  void ciphertextDoesNotContainThePlaintext() throws Exception {
    KeyPair recipient = ProvisioningCipher.generateKeyPair();
    byte[] plaintext = utf8("a very recognisable secret value");
    byte[] message =
        ProvisioningCipher.encrypt(ProvisioningCipher.rawPublicKey(recipient.getPublic()), plaintext);
    assertThat(new String(message, StandardCharsets.ISO_8859_1))
        .doesNotContain("recognisable");
  }

  @Test
  void twoEncryptionsOfTheSamePlaintextDifferInEphemeralKeyAndNonce() throws Exception {
    KeyPair recipient = ProvisioningCipher.generateKeyPair();
    byte[] pk = ProvisioningCipher.rawPublicKey(recipient.getPublic());
    byte[] a = ProvisioningCipher.encrypt(pk, utf8("same"));
    byte[] b = ProvisioningCipher.encrypt(pk, utf8("same"));
    assertThat(Arrays.copyOfRange(a, 1, 33)).isNotEqualTo(Arrays.copyOfRange(b, 1, 33));
    assertThat(Arrays.copyOfRange(a, 33, 45)).isNotEqualTo(Arrays.copyOfRange(b, 33, 45));
    assertThat(a).isNotEqualTo(b);
  }

  @Test
  void rawPublicKeyRoundTripsThroughPublicKeyFromRaw() throws Exception {
    for (int i = 0; i < 20; i++) {
      KeyPair kp = ProvisioningCipher.generateKeyPair();
      byte[] raw = ProvisioningCipher.rawPublicKey(kp.getPublic());
      assertThat(raw).hasSize(ProvisioningCipher.PUBLIC_KEY_LENGTH);
      XECPublicKey decoded = (XECPublicKey) ProvisioningCipher.publicKeyFromRaw(raw);
      assertThat(decoded.getU()).isEqualTo(((XECPublicKey) kp.getPublic()).getU());
      assertThat(ProvisioningCipher.rawPublicKey(decoded)).isEqualTo(raw);
    }
  }

  @Test
  void rawEncodingIsTheRfc7748LittleEndianUCoordinate() throws Exception {
    // Feed RFC 7748's private scalar to the JDK generator and compare the public key byte-exact.
    KeyPairGenerator gen = KeyPairGenerator.getInstance("X25519");
    gen.initialize(NamedParameterSpec.X25519, new FixedRandom(ALICE_PRIVATE));
    KeyPair alice = gen.generateKeyPair();
    assertThat(HEX.formatHex(ProvisioningCipher.rawPublicKey(alice.getPublic())))
        .isEqualTo(HEX.formatHex(ALICE_PUBLIC));

    // Decoding Bob's raw key must give the point that yields the RFC's shared secret.
    PrivateKey alicePrivate = KeyFactory.getInstance("X25519")
        .generatePrivate(new XECPrivateKeySpec(NamedParameterSpec.X25519, ALICE_PRIVATE));
    KeyAgreement ka = KeyAgreement.getInstance("XDH");
    ka.init(alicePrivate);
    ka.doPhase(ProvisioningCipher.publicKeyFromRaw(BOB_PUBLIC), true);
    assertThat(HEX.formatHex(ka.generateSecret())).isEqualTo(HEX.formatHex(SHARED));
  }

  @Test
  void highBitOfTheLastRawByteIsMaskedAsRfc7748Says() throws Exception {
    byte[] withHighBit = BOB_PUBLIC.clone();
    withHighBit[31] |= (byte) 0x80;
    assertThat(((XECPublicKey) ProvisioningCipher.publicKeyFromRaw(withHighBit)).getU())
        .isEqualTo(((XECPublicKey) ProvisioningCipher.publicKeyFromRaw(BOB_PUBLIC)).getU());
  }

  @Test
  void publicKeyFromRawRejectsWrongLengths() {
    for (byte[] bad : new byte[][] {null, new byte[0], new byte[31], new byte[33]}) {
      assertThatThrownBy(() -> ProvisioningCipher.publicKeyFromRaw(bad))
          .isInstanceOf(GeneralSecurityException.class)
          .hasMessageContaining("32 bytes");
    }
  }

  @Test
  void decryptWithAnotherKeyFailsNamingAuthentication() throws Exception {
    KeyPair intended = ProvisioningCipher.generateKeyPair();
    KeyPair other = ProvisioningCipher.generateKeyPair();
    byte[] message = ProvisioningCipher.encrypt(
        ProvisioningCipher.rawPublicKey(intended.getPublic()), utf8("secret"));
    assertThatThrownBy(() -> ProvisioningCipher.decrypt(other, message))
        .isInstanceOf(GeneralSecurityException.class)
        .hasMessageContaining("authentication");
  }

  @Test
  void everySingleByteTamperFails() throws Exception {
    KeyPair recipient = ProvisioningCipher.generateKeyPair();
    byte[] plaintext = utf8("tamper-evident secret");
    byte[] message =
        ProvisioningCipher.encrypt(ProvisioningCipher.rawPublicKey(recipient.getPublic()), plaintext);
    for (int i = 0; i < message.length; i++) {
      for (int flip : new int[] {0x01, 0x80, 0xFF}) {
        byte[] tampered = message.clone();
        tampered[i] ^= (byte) flip;
        final int at = i;
        try {
          byte[] out = ProvisioningCipher.decrypt(recipient, tampered);
          fail("tamper at byte " + at + " (xor " + flip + ") was accepted, returned "
              + out.length + " bytes");
        } catch (GeneralSecurityException expected) {
          assertThat(expected.getMessage()).isNotBlank();
        }
      }
    }
  }

  @Test
  void everyTruncationFailsCleanly() throws Exception {
    KeyPair recipient = ProvisioningCipher.generateKeyPair();
    byte[] message = ProvisioningCipher.encrypt(
        ProvisioningCipher.rawPublicKey(recipient.getPublic()), utf8("truncate me"));
    for (int len = 0; len < message.length; len++) {
      byte[] cut = Arrays.copyOf(message, len);
      assertThatThrownBy(() -> ProvisioningCipher.decrypt(recipient, cut))
          .as("truncated to %d bytes", len)
          .isInstanceOf(GeneralSecurityException.class);
    }
    assertThatThrownBy(() -> ProvisioningCipher.decrypt(recipient, new byte[HEADER + 15]))
        .hasMessageContaining("truncated");
    assertThatThrownBy(() -> ProvisioningCipher.decrypt(recipient, null))
        .isInstanceOf(GeneralSecurityException.class)
        .hasMessageContaining("truncated");
  }

  @Test
  void appendedBytesFail() throws Exception {
    KeyPair recipient = ProvisioningCipher.generateKeyPair();
    byte[] message = ProvisioningCipher.encrypt(
        ProvisioningCipher.rawPublicKey(recipient.getPublic()), utf8("x"));
    byte[] longer = Arrays.copyOf(message, message.length + 1);
    assertThatThrownBy(() -> ProvisioningCipher.decrypt(recipient, longer))
        .isInstanceOf(GeneralSecurityException.class);
  }

  @Test
  void wrongVersionIsRefusedNamingTheVersion() throws Exception {
    KeyPair recipient = ProvisioningCipher.generateKeyPair();
    byte[] message = ProvisioningCipher.encrypt(
        ProvisioningCipher.rawPublicKey(recipient.getPublic()), utf8("x"));
    for (int v : new int[] {0, 2, 0x7F}) {
      byte[] other = message.clone();
      other[0] = (byte) v;
      assertThatThrownBy(() -> ProvisioningCipher.decrypt(recipient, other))
          .isInstanceOf(GeneralSecurityException.class)
          .hasMessageContaining("version " + v);
    }
  }

  @Test
  void allZeroLowOrderRecipientKeyIsRefused() {
    assertThatThrownBy(() -> ProvisioningCipher.encrypt(new byte[32], utf8("secret")))
        .isInstanceOf(GeneralSecurityException.class)
        .hasMessageContaining("order");
  }

  @Test
  void allZeroLowOrderSenderKeyIsRefusedOnDecrypt() throws Exception {
    KeyPair recipient = ProvisioningCipher.generateKeyPair();
    byte[] message = ProvisioningCipher.encrypt(
        ProvisioningCipher.rawPublicKey(recipient.getPublic()), utf8("x"));
    Arrays.fill(message, 1, 33, (byte) 0);
    assertThatThrownBy(() -> ProvisioningCipher.decrypt(recipient, message))
        .isInstanceOf(GeneralSecurityException.class)
        .hasMessageContaining("order");
  }

  @Test
  void reportDataIsSha256OfKeyAndNonceFollowedBy32Zeros() throws Exception {
    byte[] pk = ProvisioningCipher.rawPublicKey(ProvisioningCipher.generateKeyPair().getPublic());
    byte[] nonce = new byte[24];
    new Random(7).nextBytes(nonce);
    byte[] reportData = ProvisioningCipher.reportData(pk, nonce);

    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    byte[] concatenated = new byte[pk.length + nonce.length];
    System.arraycopy(pk, 0, concatenated, 0, pk.length);
    System.arraycopy(nonce, 0, concatenated, pk.length, nonce.length);
    byte[] expectedDigest = sha.digest(concatenated);

    assertThat(reportData).hasSize(64);
    assertThat(Arrays.copyOf(reportData, 32)).isEqualTo(expectedDigest);
    assertThat(Arrays.copyOfRange(reportData, 32, 64)).isEqualTo(new byte[32]);
  }

  @Test
  void reportDataChangesWithKeyAndWithNonce() throws Exception {
    byte[] pk = new byte[32];
    byte[] nonce = new byte[16];
    byte[] base = ProvisioningCipher.reportData(pk, nonce);
    byte[] pk2 = pk.clone();
    pk2[0] = 1;
    byte[] nonce2 = nonce.clone();
    nonce2[15] = 1;
    assertThat(ProvisioningCipher.reportData(pk2, nonce)).isNotEqualTo(base);
    assertThat(ProvisioningCipher.reportData(pk, nonce2)).isNotEqualTo(base);
  }

  /** A SecureRandom that hands out fixed bytes (to feed a known private key to the generator). */
  private static final class FixedRandom extends SecureRandom {
    private static final long serialVersionUID = 1L;
    private final byte[] bytes;

    FixedRandom(byte[] bytes) {
      this.bytes = bytes.clone();
    }

    @Override
    public void nextBytes(byte[] out) {
      if (out.length != bytes.length) {
        throw new IllegalStateException("expected a request for " + bytes.length + " bytes");
      }
      System.arraycopy(bytes, 0, out, 0, out.length);
    }
  }
}
