package io.sereca.enclave.internal;

import io.sereca.enclave.EnclaveIdentity;
import io.sereca.enclave.SealPolicy;
import io.sereca.enclave.SealingException;
import io.sereca.enclave.boundary.BoundaryException;
import io.sereca.enclave.boundary.BoundaryLimits;
import io.sereca.enclave.boundary.FrameReader;
import io.sereca.enclave.boundary.FrameWriter;
import io.sereca.enclave.crypto.Hkdf;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Sealing: AES-256-GCM under {@code HKDF-SHA256(platform seal secret, info = "sereca-seal-v1" ||
 * policy || identity || key id)}.
 *
 * <p>Blob layout: {@code "SRSL" | version(1) | policy(1) | keyId(u16 len + UTF-8) | identity |
 * nonce(12) | ciphertext+tag}, where identity is the measurement (MEASUREMENT policy) or {@code
 * signer | productId(u16) | svn(u16)} (SIGNER policy), followed by the debug flag (1 byte). As in
 * SGX, debug is part of the key: a debug build, whose memory the host can read, never opens what
 * a production build sealed, and the other way round. Everything before the nonce is AAD. Nonces
 * are random: one key serves many blobs, and 96 random bits keep collisions negligible far beyond
 * any realistic number of sealing operations per key.
 *
 * <p>The input keying material can differ per policy: under Gramine it is the hardware's
 * MRENCLAVE-bound key for MEASUREMENT and its MRSIGNER-bound key for SIGNER; on simulated
 * platforms both are the installation's seal secret.
 */
final class Sealer {

  private static final byte[] MAGIC = {'S', 'R', 'S', 'L'};
  private static final int VERSION = 1;
  private static final int NONCE_LENGTH = 12;
  private static final int TAG_BITS = 128;
  private static final int MAX_KEY_ID_BYTES = 256;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final EnclaveIdentity identity;
  private final byte[] measurementSecret;
  private final byte[] signerSecret;

  Sealer(EnclaveIdentity identity, byte[] platformSecret) {
    this(identity, platformSecret, platformSecret);
  }

  Sealer(EnclaveIdentity identity, byte[] measurementSecret, byte[] signerSecret) {
    this.identity = identity;
    this.measurementSecret = measurementSecret.clone();
    this.signerSecret = signerSecret.clone();
  }

  byte[] seal(SealPolicy policy, String keyId, byte[] plaintext) throws SealingException {
    if (policy == null || keyId == null || plaintext == null) {
      throw new SealingException("policy, keyId and plaintext are required");
    }
    if (keyId.getBytes(StandardCharsets.UTF_8).length > MAX_KEY_ID_BYTES) {
      throw new SealingException("keyId longer than " + MAX_KEY_ID_BYTES + " bytes");
    }
    FrameWriter header = new FrameWriter(96).raw(MAGIC).u8(VERSION).u8(policy.ordinal()).string(keyId);
    if (policy == SealPolicy.MEASUREMENT) {
      header.raw(identity.measurement());
    } else {
      header.raw(identity.signer()).u16(identity.productId()).u16(identity.svn());
    }
    header.u8(identity.debug() ? 1 : 0);
    byte[] aad = header.toByteArray();
    byte[] nonce = new byte[NONCE_LENGTH];
    RANDOM.nextBytes(nonce);
    try {
      Cipher gcm = cipher(Cipher.ENCRYPT_MODE, policy, aad, nonce);
      byte[] ct = gcm.doFinal(plaintext);
      byte[] out = Arrays.copyOf(aad, aad.length + NONCE_LENGTH + ct.length);
      System.arraycopy(nonce, 0, out, aad.length, NONCE_LENGTH);
      System.arraycopy(ct, 0, out, aad.length + NONCE_LENGTH, ct.length);
      return out;
    } catch (GeneralSecurityException e) {
      throw new SealingException("sealing failed: " + e.getClass().getSimpleName());
    }
  }

  byte[] unseal(byte[] blob) throws SealingException {
    if (blob == null) {
      throw new SealingException("sealed blob is null");
    }
    byte[] copy = blob.clone();
    int aadLength;
    SealPolicy policy;
    try {
      FrameReader r = new FrameReader(copy, BoundaryLimits.withMaxFrameBytes(1 << 30));
      if (!Arrays.equals(r.raw(4, "magic"), MAGIC)) {
        throw new SealingException("not a sealed blob (bad magic)");
      }
      int version = r.u8("version");
      if (version != VERSION) {
        throw new SealingException("sealed blob has unsupported version " + version);
      }
      int policyCode = r.u8("policy");
      if (policyCode >= SealPolicy.values().length) {
        throw new SealingException("sealed blob names unknown policy " + policyCode);
      }
      r.string("keyId", MAX_KEY_ID_BYTES);
      policy = SealPolicy.values()[policyCode];
      if (policy == SealPolicy.MEASUREMENT) {
        byte[] m = r.raw(EnclaveIdentity.DIGEST_LENGTH, "measurement");
        if (!MessageDigest.isEqual(m, identity.measurement())) {
          throw new SealingException("blob is sealed to another enclave measurement");
        }
      } else {
        byte[] signer = r.raw(EnclaveIdentity.DIGEST_LENGTH, "signer");
        int product = r.u16("productId");
        int svn = r.u16("svn");
        if (!MessageDigest.isEqual(signer, identity.signer())) {
          throw new SealingException("blob is sealed to another signer");
        }
        if (product != identity.productId()) {
          throw new SealingException(
              "blob is sealed to product " + product + ", this enclave is product " + identity.productId());
        }
        if (identity.svn() < svn) {
          throw new SealingException(
              "blob was sealed at svn " + svn + "; this enclave's svn " + identity.svn() + " is lower");
        }
      }
      int debug = r.u8("debug");
      if (debug > 1) {
        throw new SealingException("sealed blob has an invalid debug flag " + debug);
      }
      if ((debug == 1) != identity.debug()) {
        throw new SealingException(debug == 1
            ? "blob was sealed by a debug enclave; a production enclave does not open it"
            : "blob was sealed by a production enclave; a debug enclave cannot open it");
      }
      aadLength = copy.length - r.remaining();
      r.raw(NONCE_LENGTH, "nonce");
      if (copy.length - aadLength - NONCE_LENGTH < TAG_BITS / 8) {
        throw new SealingException("sealed blob truncated (no room for the authentication tag)");
      }
    } catch (BoundaryException e) {
      throw new SealingException("sealed blob malformed: " + e.getMessage());
    }
    byte[] aad = Arrays.copyOf(copy, aadLength);
    byte[] nonce = Arrays.copyOfRange(copy, aadLength, aadLength + NONCE_LENGTH);
    try {
      Cipher gcm = cipher(Cipher.DECRYPT_MODE, policy, aad, nonce);
      int offset = aadLength + NONCE_LENGTH;
      return gcm.doFinal(copy, offset, copy.length - offset);
    } catch (AEADBadTagException e) {
      throw new SealingException("sealed blob failed authentication (tampered, or sealed on another platform)");
    } catch (GeneralSecurityException e) {
      throw new SealingException("unsealing failed: " + e.getClass().getSimpleName());
    }
  }

  private Cipher cipher(int mode, SealPolicy policy, byte[] aad, byte[] nonce)
      throws GeneralSecurityException {
    byte[] info = new FrameWriter(aad.length + 16)
        .raw("sereca-seal-v1".getBytes(StandardCharsets.US_ASCII))
        .raw(aad)
        .toByteArray();
    byte[] ikm = policy == SealPolicy.MEASUREMENT ? measurementSecret : signerSecret;
    byte[] key = Hkdf.derive(ikm, null, info, 32);
    Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
    gcm.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
    gcm.updateAAD(aad);
    return gcm;
  }
}
