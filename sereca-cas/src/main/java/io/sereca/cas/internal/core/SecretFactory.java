package io.sereca.cas.internal.core;

import io.sereca.cas.Manifest.Secret;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;

/** Generates secret material inside the CAS enclave, with the JDK's primitives only. */
final class SecretFactory {

  private static final SecureRandom RANDOM = new SecureRandom();

  private SecretFactory() {}

  /**
   * A new version of a generated secret.
   *
   * @throws IllegalArgumentException for user-provided secrets, which the CAS never makes up
   */
  static CasState.SecretVersion generate(Secret spec, int version, long now, long activeFrom,
      java.util.function.Function<String, CasState.SecretVersion> existing) throws GeneralSecurityException {
    return switch (spec.type()) {
      case SYMMETRIC -> {
        byte[] key = new byte[spec.sizeBits() / 8];
        RANDOM.nextBytes(key);
        yield new CasState.SecretVersion(version, now, activeFrom, key, new byte[0]);
      }
      case X25519 -> pair(KeyPairGenerator.getInstance("X25519").generateKeyPair(), version, now, activeFrom);
      case ECDSA_P256 -> {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
        yield pair(g.generateKeyPair(), version, now, activeFrom);
      }
      case CA -> {
        KeyPair kp = ecKeyPair();
        var cert = X509Issuer.selfSignedCa(kp, spec.certificate().orElseThrow().subject(),
            java.time.Instant.ofEpochMilli(now), spec.certificate().orElseThrow().validity());
        yield new CasState.SecretVersion(version, now, activeFrom, kp.getPrivate().getEncoded(), cert.getEncoded());
      }
      case CERTIFICATE -> {
        var c = spec.certificate().orElseThrow();
        CasState.SecretVersion ca = existing.apply(c.ca());
        if (ca == null) {
          throw new GeneralSecurityException("CA " + c.ca() + " has no key yet");
        }
        var caCert = certificate(ca);
        KeyPair kp = ecKeyPair();
        var cert = X509Issuer.leaf(caKeyPair(ca, caCert), caCert, kp.getPublic(), c.subject(), c.dns(), c.ips(),
            java.time.Instant.ofEpochMilli(now), c.validity());
        yield new CasState.SecretVersion(version, now, activeFrom, kp.getPrivate().getEncoded(), cert.getEncoded());
      }
      case USER -> throw new IllegalArgumentException("secret " + spec.name() + " is user-provided");
    };
  }

  /**
   * A certificate for a cluster node's own key ({@code CN=<node>}, SAN localhost, the node name and
   * 127.0.0.1) from a CA version, valid as long as the CA's spec says but at most a year.
   */
  static byte[] nodeCertificate(CasState.SecretVersion ca, java.time.Duration caValidity, PublicKey nodeKey,
      String node, long now) throws GeneralSecurityException {
    var caCert = certificate(ca);
    java.time.Duration validity = caValidity.compareTo(java.time.Duration.ofDays(365)) < 0
        ? caValidity : java.time.Duration.ofDays(365);
    return X509Issuer.leaf(caKeyPair(ca, caCert), caCert, nodeKey, "CN=" + node, java.util.List.of("localhost", node),
        java.util.List.of("127.0.0.1"), java.time.Instant.ofEpochMilli(now), validity).getEncoded();
  }

  private static java.security.cert.X509Certificate certificate(CasState.SecretVersion v)
      throws GeneralSecurityException {
    return (java.security.cert.X509Certificate) java.security.cert.CertificateFactory.getInstance("X.509")
        .generateCertificate(new java.io.ByteArrayInputStream(v.publicPart()));
  }

  private static KeyPair caKeyPair(CasState.SecretVersion ca, java.security.cert.X509Certificate caCert)
      throws GeneralSecurityException {
    return new KeyPair(caCert.getPublicKey(), java.security.KeyFactory.getInstance("EC")
        .generatePrivate(new java.security.spec.PKCS8EncodedKeySpec(ca.material())));
  }

  private static KeyPair ecKeyPair() throws GeneralSecurityException {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
    return g.generateKeyPair();
  }

  private static CasState.SecretVersion pair(KeyPair kp, int version, long now, long activeFrom) {
    return new CasState.SecretVersion(version, now, activeFrom, kp.getPrivate().getEncoded(),
        kp.getPublic().getEncoded());
  }
}
