package io.sereca.enclave.crypto;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.XECPublicKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.XECPublicKeySpec;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * HPKE-style public-key encryption of provisioned secrets to an enclave's ephemeral X25519 key:
 * X25519 key agreement, HKDF-SHA256 key schedule, AES-256-GCM.
 *
 * <p>Wire format of a sealed message: {@code version(1) | enc(32: sender's ephemeral X25519
 * public key) | nonce(12) | AES-GCM ciphertext and tag}. The AAD is {@code version | enc |
 * recipient public key}, so a message cannot be replayed to another recipient. Each message uses
 * a fresh ephemeral key and therefore a fresh AES key; the nonce is random as well.
 *
 * <p>The verifier (outside) uses {@link #encrypt}; the enclave uses {@link #decrypt} with the
 * private half it never lets out.
 */
public final class ProvisioningCipher {

  /** Format version byte. */
  public static final byte VERSION = 1;
  /** Length of a raw X25519 public key. */
  public static final int PUBLIC_KEY_LENGTH = 32;

  private static final int NONCE_LENGTH = 12;
  private static final int TAG_BITS = 128;
  private static final int HEADER_LENGTH = 1 + PUBLIC_KEY_LENGTH + NONCE_LENGTH;
  private static final byte[] INFO = "sereca provisioning v1".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  private static final SecureRandom RANDOM = new SecureRandom();

  private ProvisioningCipher() {}

  /** Generates an X25519 key pair. */
  public static KeyPair generateKeyPair() throws GeneralSecurityException {
    return KeyPairGenerator.getInstance("X25519").generateKeyPair();
  }

  /** The raw 32-byte little-endian u-coordinate of an X25519 public key (RFC 7748 encoding). */
  public static byte[] rawPublicKey(PublicKey key) {
    BigInteger u = ((XECPublicKey) key).getU();
    byte[] be = u.toByteArray();
    byte[] le = new byte[PUBLIC_KEY_LENGTH];
    for (int i = 0; i < PUBLIC_KEY_LENGTH && i < be.length; i++) {
      le[i] = be[be.length - 1 - i];
    }
    return le;
  }

  /** Decodes a raw 32-byte X25519 public key. */
  public static PublicKey publicKeyFromRaw(byte[] raw) throws GeneralSecurityException {
    if (raw == null || raw.length != PUBLIC_KEY_LENGTH) {
      throw new GeneralSecurityException("X25519 public key must be " + PUBLIC_KEY_LENGTH + " bytes");
    }
    byte[] be = new byte[PUBLIC_KEY_LENGTH];
    for (int i = 0; i < PUBLIC_KEY_LENGTH; i++) {
      be[i] = raw[PUBLIC_KEY_LENGTH - 1 - i];
    }
    // RFC 7748: the most significant bit of the last byte is masked.
    be[0] &= 0x7F;
    XECPublicKeySpec spec = new XECPublicKeySpec(NamedParameterSpec.X25519, new BigInteger(1, be));
    return KeyFactory.getInstance("X25519").generatePublic(spec);
  }

  /**
   * The report data an enclave binds into its evidence: {@code SHA-256(publicKey || nonce)}
   * followed by 32 zero bytes (64 bytes, the size of SGX REPORTDATA).
   */
  public static byte[] reportData(byte[] rawPublicKey, byte[] nonce) throws GeneralSecurityException {
    return reportData(rawPublicKey, nonce, new byte[0]);
  }

  /**
   * The report data binding a key, a nonce and the enclave's own claims:
   * {@code SHA-256(publicKey || nonce)} followed by {@code SHA-256(claims)}, or by 32 zero bytes
   * when there are no claims. The verifier chose the nonce and knows its length, so the halves
   * cannot be confused.
   */
  public static byte[] reportData(byte[] rawPublicKey, byte[] nonce, byte[] claims)
      throws GeneralSecurityException {
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    sha.update(rawPublicKey);
    sha.update(nonce);
    byte[] out = Arrays.copyOf(sha.digest(), 64);
    if (claims.length > 0) {
      System.arraycopy(MessageDigest.getInstance("SHA-256").digest(claims), 0, out, 32, 32);
    }
    return out;
  }

  /** Encrypts {@code plaintext} to the recipient's raw X25519 public key. */
  public static byte[] encrypt(byte[] recipientRawPublicKey, byte[] plaintext)
      throws GeneralSecurityException {
    PublicKey recipient = publicKeyFromRaw(recipientRawPublicKey);
    KeyPair ephemeral = generateKeyPair();
    byte[] enc = rawPublicKey(ephemeral.getPublic());
    byte[] shared = agree(ephemeral.getPrivate(), recipient);
    byte[] nonce = new byte[NONCE_LENGTH];
    RANDOM.nextBytes(nonce);
    byte[] header = ByteBuffer.allocate(HEADER_LENGTH).put(VERSION).put(enc).put(nonce).array();
    Cipher gcm = cipher(Cipher.ENCRYPT_MODE, shared, enc, recipientRawPublicKey, nonce);
    gcm.updateAAD(aad(enc, recipientRawPublicKey));
    byte[] ct = gcm.doFinal(plaintext);
    return ByteBuffer.allocate(header.length + ct.length).put(header).put(ct).array();
  }

  /**
   * Opens a message sealed by {@link #encrypt}.
   *
   * @throws GeneralSecurityException naming the problem (truncated, wrong version, tampered or
   *     for another key); no partial plaintext is ever returned
   */
  public static byte[] decrypt(KeyPair recipient, byte[] message) throws GeneralSecurityException {
    if (message == null || message.length < HEADER_LENGTH + TAG_BITS / 8) {
      throw new GeneralSecurityException("provisioning message truncated");
    }
    if (message[0] != VERSION) {
      throw new GeneralSecurityException("provisioning message has unknown version " + message[0]);
    }
    byte[] enc = Arrays.copyOfRange(message, 1, 1 + PUBLIC_KEY_LENGTH);
    byte[] nonce = Arrays.copyOfRange(message, 1 + PUBLIC_KEY_LENGTH, HEADER_LENGTH);
    byte[] recipientRaw = rawPublicKey(recipient.getPublic());
    byte[] shared = agree(recipient.getPrivate(), publicKeyFromRaw(enc));
    Cipher gcm = cipher(Cipher.DECRYPT_MODE, shared, enc, recipientRaw, nonce);
    gcm.updateAAD(aad(enc, recipientRaw));
    try {
      return gcm.doFinal(message, HEADER_LENGTH, message.length - HEADER_LENGTH);
    } catch (javax.crypto.AEADBadTagException e) {
      throw new GeneralSecurityException("provisioning message failed authentication (tampered or for another key)");
    }
  }

  private static byte[] agree(PrivateKey priv, PublicKey pub) throws GeneralSecurityException {
    KeyAgreement ka = KeyAgreement.getInstance("XDH");
    ka.init(priv);
    ka.doPhase(pub, true);
    byte[] shared = ka.generateSecret();
    // An all-zero shared secret means a low-order public key: refuse it (RFC 7748 section 6.1).
    int acc = 0;
    for (byte b : shared) {
      acc |= b;
    }
    if (acc == 0) {
      throw new GeneralSecurityException("X25519 produced an all-zero shared secret (low-order key)");
    }
    return shared;
  }

  private static Cipher cipher(int mode, byte[] shared, byte[] enc, byte[] recipient, byte[] nonce)
      throws GeneralSecurityException {
    byte[] salt = ByteBuffer.allocate(2 * PUBLIC_KEY_LENGTH).put(enc).put(recipient).array();
    byte[] key = Hkdf.derive(shared, salt, INFO, 32);
    Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
    gcm.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
    return gcm;
  }

  private static byte[] aad(byte[] enc, byte[] recipient) {
    return ByteBuffer.allocate(1 + 2 * PUBLIC_KEY_LENGTH).put(VERSION).put(enc).put(recipient).array();
  }
}
