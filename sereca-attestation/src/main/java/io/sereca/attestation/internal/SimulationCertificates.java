package io.sereca.attestation.internal;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Builds the simulation root CA and platform certificates. This is the only place that uses
 * Bouncy Castle, because the JDK has no public API to create certificates; keys, signatures and
 * the certificates' later parsing and validation all use the JDK providers.
 */
public final class SimulationCertificates {

  /** Subject of every installation's simulation root; the name itself warns operators. */
  public static final String ROOT_SUBJECT = "CN=SERECA SIMULATION ROOT CA - NOT FOR PRODUCTION";
  /** Subject of the simulated platform's attestation key certificate. */
  public static final String PLATFORM_SUBJECT = "CN=SERECA SIMULATED PLATFORM";
  /** How long the certificates are valid. */
  public static final Duration VALIDITY = Duration.ofDays(3650);
  /** Back-dating of notBefore, so that hosts with slightly slow clocks accept fresh certificates. */
  public static final Duration BACKDATE = Duration.ofDays(1);

  private static final String SIGNATURE_ALGORITHM = "SHA256withECDSA";
  private static final SecureRandom RANDOM = new SecureRandom();

  private SimulationCertificates() {}

  /** Generates an EC P-256 key pair. */
  public static KeyPair generateKeyPair() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
    return generator.generateKeyPair();
  }

  /** A self-signed CA certificate for {@code root}, valid from {@code now} (back-dated). */
  public static X509Certificate root(KeyPair root, Instant now) throws GeneralSecurityException {
    X500Name name = new X500Name(ROOT_SUBJECT);
    JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
    X509v3CertificateBuilder builder = builder(name, name, now, now.plus(VALIDITY), root.getPublic());
    try {
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
          .addExtension(Extension.keyUsage, true,
              new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
          .addExtension(Extension.subjectKeyIdentifier, false,
              extensions.createSubjectKeyIdentifier(root.getPublic()));
    } catch (CertIOException e) {
      throw new GeneralSecurityException("cannot add root certificate extensions", e);
    }
    return sign(builder, root.getPrivate());
  }

  /** The platform attestation key's certificate, issued by the root and expiring with it. */
  public static X509Certificate platform(
      PublicKey platformKey, KeyPair root, X509Certificate rootCertificate, Instant now)
      throws GeneralSecurityException {
    JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
    X509v3CertificateBuilder builder = builder(
        // The issuer name is copied byte for byte so that name chaining cannot differ in encoding.
        X500Name.getInstance(rootCertificate.getSubjectX500Principal().getEncoded()),
        new X500Name(PLATFORM_SUBJECT),
        now,
        rootCertificate.getNotAfter().toInstant(),
        platformKey);
    try {
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
          .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
          .addExtension(Extension.subjectKeyIdentifier, false,
              extensions.createSubjectKeyIdentifier(platformKey))
          .addExtension(Extension.authorityKeyIdentifier, false,
              extensions.createAuthorityKeyIdentifier(rootCertificate));
    } catch (CertIOException e) {
      throw new GeneralSecurityException("cannot add platform certificate extensions", e);
    }
    return sign(builder, root.getPrivate());
  }

  private static X509v3CertificateBuilder builder(
      X500Name issuer, X500Name subject, Instant now, Instant notAfter, PublicKey key) {
    // Positive, 127 random bits: unique per certificate without a serial-number registry.
    BigInteger serial = new BigInteger(127, RANDOM).setBit(126);
    return new JcaX509v3CertificateBuilder(
        issuer, serial, Date.from(now.minus(BACKDATE)), Date.from(notAfter), subject, key);
  }

  private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey key)
      throws GeneralSecurityException {
    try {
      ContentSigner signer = new JcaContentSignerBuilder(SIGNATURE_ALGORITHM).build(key);
      return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
    } catch (OperatorCreationException e) {
      throw new GeneralSecurityException("cannot sign certificate", e);
    }
  }
}
