package io.sereca.wsnm.enclave.web;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.util.Arrays;
import javax.crypto.KeyAgreement;

/**
 * ECDH on NIST P-256 with public keys in the raw uncompressed form (65 bytes, {@code 04 || X || Y})
 * that WebCrypto's {@code exportKey("raw")} produces and {@code importKey("raw")} takes.
 *
 * <p>A received point is checked to lie on the curve before use (an invalid-curve point could
 * otherwise leak bits of the private key); the JDK's key agreement checks it again.
 */
public final class EcdhP256 {

  /** Length of a raw uncompressed public key. */
  public static final int RAW_PUBLIC_KEY_BYTES = 65;

  private static final BigInteger P = new BigInteger(
      "ffffffff00000001000000000000000000000000ffffffffffffffffffffffff", 16);
  private static final BigInteger B = new BigInteger(
      "5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604b", 16);

  private final KeyPair pair;
  private final ECParameterSpec params;
  private final byte[] rawPublic;

  private EcdhP256(KeyPair pair) {
    this.pair = pair;
    this.params = ((ECPublicKey) pair.getPublic()).getParams();
    this.rawPublic = encode(((ECPublicKey) pair.getPublic()).getW());
  }

  /** A fresh key pair. */
  public static EcdhP256 generate(SecureRandom random) throws GeneralSecurityException {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"), random);
    return new EcdhP256(g.generateKeyPair());
  }

  /** This key pair's public key, raw uncompressed (a copy). */
  public byte[] rawPublicKey() {
    return rawPublic.clone();
  }

  /**
   * The 32-byte shared secret (the x coordinate, as WebCrypto's ECDH {@code deriveBits(256)}) with
   * the peer's raw public key.
   *
   * @throws GeneralSecurityException if the peer key is not a valid P-256 point
   */
  public byte[] agree(byte[] peerRaw) throws GeneralSecurityException {
    ECPoint w = decode(peerRaw);
    ECPublicKey peer = (ECPublicKey) KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(w, params));
    KeyAgreement ka = KeyAgreement.getInstance("ECDH");
    PrivateKey mine = pair.getPrivate();
    ka.init(mine);
    ka.doPhase(peer, true);
    return ka.generateSecret();
  }

  static byte[] encode(ECPoint w) {
    byte[] out = new byte[RAW_PUBLIC_KEY_BYTES];
    out[0] = 4;
    fixed32(w.getAffineX(), out, 1);
    fixed32(w.getAffineY(), out, 33);
    return out;
  }

  static ECPoint decode(byte[] raw) throws GeneralSecurityException {
    if (raw == null || raw.length != RAW_PUBLIC_KEY_BYTES || raw[0] != 4) {
      throw new GeneralSecurityException("public key must be a 65-byte uncompressed P-256 point");
    }
    BigInteger x = new BigInteger(1, Arrays.copyOfRange(raw, 1, 33));
    BigInteger y = new BigInteger(1, Arrays.copyOfRange(raw, 33, 65));
    if (x.compareTo(P) >= 0 || y.compareTo(P) >= 0) {
      throw new GeneralSecurityException("public key coordinates are out of range");
    }
    // y^2 = x^3 - 3x + b (mod p)
    BigInteger left = y.multiply(y).mod(P);
    BigInteger right = x.pow(3).subtract(x.multiply(BigInteger.valueOf(3))).add(B).mod(P);
    if (!left.equals(right)) {
      throw new GeneralSecurityException("public key is not a point on P-256");
    }
    return new ECPoint(x, y);
  }

  private static void fixed32(BigInteger v, byte[] out, int at) {
    byte[] b = v.toByteArray();
    int n = Math.min(b.length, 32);
    System.arraycopy(b, b.length - n, out, at + 32 - n, n);
  }
}
