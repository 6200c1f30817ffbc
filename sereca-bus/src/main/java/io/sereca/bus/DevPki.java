package io.sereca.bus;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A development PKI for event-bus transport TLS, until the CAS issues certificates: one CA and
 * node certificates, all EC P-256, as PEM files in one directory.
 *
 * <p>Files: {@value #CA_CERTIFICATE} and {@value #CA_KEY} for the CA; {@code <node>.pem} and
 * {@code <node>-key.pem} per node. Private keys are unencrypted PKCS#8 written with mode 0600 (on
 * POSIX file systems; the directory is created 0700). Node certificates are valid for TLS server
 * and client authentication, with subject alternative names {@code 127.0.0.1}, {@code localhost}
 * and any extra host names given. Development only: the CA key sits next to its certificate.
 */
public final class DevPki {

  /** File name of the CA certificate. */
  public static final String CA_CERTIFICATE = "ca.pem";
  /** File name of the CA private key. */
  public static final String CA_KEY = "ca-key.pem";
  /** Default validity of the CA. */
  public static final Duration DEFAULT_CA_VALIDITY = Duration.ofDays(5 * 365);
  /** Default validity of node certificates. */
  public static final Duration DEFAULT_NODE_VALIDITY = Duration.ofDays(365);

  private static final String SIGNATURE = "SHA256withECDSA";
  private static final String NAME_PATTERN = "[A-Za-z0-9][A-Za-z0-9._-]{0,62}";
  private static final SecureRandom RANDOM = new SecureRandom();

  /**
   * A node's files.
   *
   * @param name the node name (certificate common name)
   * @param certificate the node certificate (PEM)
   * @param privateKey the node's private key (PEM, PKCS#8, mode 0600)
   * @param caCertificate the CA certificate to trust (PEM)
   */
  public record NodeCredentials(String name, Path certificate, Path privateKey, Path caCertificate) {}

  private final Path directory;
  private final X509Certificate caCertificate;
  private final PrivateKey caKey;

  private DevPki(Path directory, X509Certificate caCertificate, PrivateKey caKey) {
    this.directory = directory;
    this.caCertificate = caCertificate;
    this.caKey = caKey;
  }

  /**
   * Opens the PKI in {@code directory}: loads its CA, or creates the directory and a new CA
   * (common name {@code SERECA development CA}) if there is none.
   *
   * @throws IOException if the files cannot be read or written
   * @throws GeneralSecurityException if the CA files do not hold an EC certificate and its key
   */
  public static DevPki open(Path directory) throws IOException, GeneralSecurityException {
    Path cert = directory.resolve(CA_CERTIFICATE);
    Path key = directory.resolve(CA_KEY);
    if (Files.exists(cert) || Files.exists(key)) {
      return new DevPki(directory, readCertificate(cert), readPrivateKey(key));
    }
    createPrivateDirectory(directory);
    KeyPair pair = newKeyPair();
    X500Name subject = new X500Name("CN=SERECA development CA,O=SERECA");
    Instant now = Instant.now();
    X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(subject, serial(),
        Date.from(now.minusSeconds(60)), Date.from(now.plus(DEFAULT_CA_VALIDITY)), subject, pair.getPublic());
    JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
    b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
    b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(pair.getPublic()));
    X509Certificate ca = sign(b, pair.getPrivate());
    writePrivate(key, pem(new JcaPKCS8Generator(pair.getPrivate(), null)));
    Files.writeString(cert, pem(ca));
    return new DevPki(directory, ca, pair.getPrivate());
  }

  /** The PKI's directory. */
  public Path directory() {
    return directory;
  }

  /** The CA certificate's file. */
  public Path caCertificateFile() {
    return directory.resolve(CA_CERTIFICATE);
  }

  /** The CA certificate. */
  public X509Certificate caCertificate() {
    return caCertificate;
  }

  /**
   * Issues (or re-issues, replacing the files) a node certificate valid for
   * {@link #DEFAULT_NODE_VALIDITY}.
   *
   * @param name node name: 1..63 of {@code [A-Za-z0-9._-]}, starting with a letter or digit
   * @param extraHostNames DNS names to add to the subject alternative names
   */
  public NodeCredentials issueNode(String name, String... extraHostNames) throws IOException, GeneralSecurityException {
    return issueNode(name, DEFAULT_NODE_VALIDITY, extraHostNames);
  }

  /**
   * Issues (or re-issues, replacing the files) a node certificate.
   *
   * @see #issueNode(String, String...)
   */
  public NodeCredentials issueNode(String name, Duration validity, String... extraHostNames)
      throws IOException, GeneralSecurityException {
    if (name == null || !name.matches(NAME_PATTERN)) {
      throw new IllegalArgumentException("node name must be 1..63 of [A-Za-z0-9._-] starting with a letter or digit");
    }
    Objects.requireNonNull(validity, "validity");
    List<GeneralName> sans = new ArrayList<>(List.of(
        new GeneralName(GeneralName.iPAddress, "127.0.0.1"), new GeneralName(GeneralName.dNSName, "localhost")));
    for (String h : extraHostNames) {
      sans.add(new GeneralName(GeneralName.dNSName, h));
    }
    KeyPair pair = newKeyPair();
    Instant now = Instant.now();
    X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(caCertificate, serial(),
        Date.from(now.minusSeconds(60)), Date.from(now.plus(validity)),
        new javax.security.auth.x500.X500Principal("CN=" + name + ",O=SERECA"), pair.getPublic());
    JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
    b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
    b.addExtension(Extension.extendedKeyUsage, false,
        new ExtendedKeyUsage(new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
    b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(sans.toArray(GeneralName[]::new)));
    b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(pair.getPublic()));
    b.addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(caCertificate));
    X509Certificate cert = sign(b, caKey);
    Path certFile = directory.resolve(name + ".pem");
    Path keyFile = directory.resolve(name + "-key.pem");
    writePrivate(keyFile, pem(new JcaPKCS8Generator(pair.getPrivate(), null)));
    Files.writeString(certFile, pem(cert));
    return new NodeCredentials(name, certFile, keyFile, caCertificateFile());
  }

  /** Reads one PEM certificate. */
  public static X509Certificate readCertificate(Path file) throws IOException, GeneralSecurityException {
    Object o = readPem(file);
    if (!(o instanceof X509CertificateHolder h)) {
      throw new GeneralSecurityException(file + " does not hold a PEM certificate");
    }
    return new JcaX509CertificateConverter().getCertificate(h);
  }

  private static PrivateKey readPrivateKey(Path file) throws IOException, GeneralSecurityException {
    Object o = readPem(file);
    if (!(o instanceof PrivateKeyInfo info)) {
      throw new GeneralSecurityException(file + " does not hold a PKCS#8 PEM private key");
    }
    return new JcaPEMKeyConverter().getPrivateKey(info);
  }

  private static Object readPem(Path file) throws IOException {
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.US_ASCII); PEMParser p = new PEMParser(r)) {
      return p.readObject();
    }
  }

  private static KeyPair newKeyPair() throws GeneralSecurityException {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
    return g.generateKeyPair();
  }

  private static BigInteger serial() {
    return new BigInteger(127, RANDOM).add(BigInteger.ONE);
  }

  private static X509Certificate sign(X509v3CertificateBuilder b, PrivateKey key) throws GeneralSecurityException {
    try {
      ContentSigner signer = new JcaContentSignerBuilder(SIGNATURE).build(key);
      return new JcaX509CertificateConverter().getCertificate(b.build(signer));
    } catch (OperatorCreationException e) {
      throw new GeneralSecurityException("cannot sign with " + SIGNATURE, e);
    }
  }

  private static String pem(Object o) throws IOException {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter w = new JcaPEMWriter(out)) {
      w.writeObject(o);
    }
    return out.toString();
  }

  private static void createPrivateDirectory(Path dir) throws IOException {
    if (Files.isDirectory(dir)) {
      return;
    }
    if (posix(dir.toAbsolutePath().getParent())) {
      Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    } else {
      Files.createDirectories(dir);
    }
  }

  private static void writePrivate(Path file, String content) throws IOException {
    Files.deleteIfExists(file);
    try {
      if (posix(file.toAbsolutePath().getParent())) {
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } else {
        Files.createFile(file);
      }
    } catch (FileAlreadyExistsException e) {
      throw new IOException("someone else created " + file + " meanwhile", e);
    }
    Files.writeString(file, content, StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING);
  }

  private static boolean posix(Path dir) {
    return dir != null && dir.getFileSystem().supportedFileAttributeViews().contains("posix");
  }

  @Override
  public String toString() {
    return "DevPki{" + directory + ", " + caCertificate.getSubjectX500Principal() + "}";
  }
}
