package io.sereca.attestation;

import io.sereca.attestation.internal.Fingerprints;
import io.sereca.attestation.internal.Pem;
import io.sereca.attestation.internal.PrivateFiles;
import io.sereca.attestation.internal.SimulatedEvidenceFormat;
import io.sereca.attestation.internal.SimulationCertificates;
import io.sereca.enclave.EnclaveIdentity;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * The simulated TEE platform of one installation: a simulation root CA, a platform attestation
 * key certified by it, and a platform seal secret, kept in a data directory (by default
 * {@code ~/.sereca/sim-platform/}).
 *
 * <p>Evidence it {@linkplain #issue issues} is SIMULATED: anyone who can read the directory can
 * forge it, and the enclave code runs unprotected on the host. It exists so that development and
 * tests exercise the same attestation and provisioning path as production; policies refuse it
 * unless {@link AttestationPolicy#setAllowSimulation(boolean)} is set.
 *
 * <p>Files in the directory (created on first use, mode 0600, directory 0700 where the file
 * system supports POSIX permissions):
 *
 * <ul>
 *   <li>{@value #ROOT_CERTIFICATE_FILE}: the root CA certificate (PEM); point
 *       {@link AttestationPolicy#setSimulationRoot(Path)} here
 *   <li>{@value #ROOT_KEY_FILE}: the root CA key (PKCS#8 PEM); not loaded after creation
 *   <li>{@value #PLATFORM_CERTIFICATE_FILE} and {@value #PLATFORM_KEY_FILE}: the platform
 *       attestation key and its certificate
 *   <li>{@value #SEAL_SECRET_FILE}: 32 random bytes, the platform sealing secret of the
 *       simulated and process enclave backends
 * </ul>
 *
 * <p>Creation is safe against concurrent creators, in this JVM and in other processes: it runs
 * under a file lock, writes every file atomically and writes the root certificate last, so a
 * directory with a root certificate is complete and a creation that crashed is simply redone.
 * An existing seal secret is never replaced, since that would make all sealed data unreadable.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class SimulationAuthority {

  /** File name of the root CA certificate. */
  public static final String ROOT_CERTIFICATE_FILE = "root-ca.pem";
  /** File name of the root CA private key. */
  public static final String ROOT_KEY_FILE = "root-ca.key";
  /** File name of the platform attestation certificate. */
  public static final String PLATFORM_CERTIFICATE_FILE = "platform.pem";
  /** File name of the platform attestation private key. */
  public static final String PLATFORM_KEY_FILE = "platform.key";
  /** File name of the platform seal secret. */
  public static final String SEAL_SECRET_FILE = "seal-secret";
  /** Length in bytes of the platform seal secret. */
  public static final int SEAL_SECRET_LENGTH = 32;

  private static final String LOCK_FILE = ".lock";
  /** File locks are held per process, so threads of this JVM must also be kept apart. */
  private static final Object CREATION_LOCK = new Object();

  private final Path directory;
  private final Clock clock;
  private final X509Certificate rootCertificate;
  private final X509Certificate platformCertificate;
  private final PrivateKey platformKey;
  private final byte[] sealSecret;

  private SimulationAuthority(Path directory, Clock clock, X509Certificate rootCertificate,
      X509Certificate platformCertificate, PrivateKey platformKey, byte[] sealSecret) {
    this.directory = directory;
    this.clock = clock;
    this.rootCertificate = rootCertificate;
    this.platformCertificate = platformCertificate;
    this.platformKey = platformKey;
    this.sealSecret = sealSecret;
  }

  /** The default data directory, {@code ~/.sereca/sim-platform}. */
  public static Path defaultDirectory() {
    return Path.of(System.getProperty("user.home"), ".sereca", "sim-platform");
  }

  /**
   * Opens the simulation platform in {@code directory}, creating it on first use; evidence is
   * stamped with the system clock.
   *
   * @throws IOException if the directory cannot be created or read
   * @throws GeneralSecurityException if the stored keys and certificates are corrupt or do not
   *     belong together
   */
  public static SimulationAuthority open(Path directory) throws IOException, GeneralSecurityException {
    return open(directory, Clock.systemUTC());
  }

  /** Like {@link #open(Path)}, stamping evidence and new certificates with {@code clock}. */
  public static SimulationAuthority open(Path directory, Clock clock)
      throws IOException, GeneralSecurityException {
    Objects.requireNonNull(directory, "directory");
    Objects.requireNonNull(clock, "clock");
    Path dir = directory.toAbsolutePath().normalize();
    if (!complete(dir)) {
      create(dir, clock);
    }
    return load(dir, clock);
  }

  /** The data directory. */
  public Path directory() {
    return directory;
  }

  /** The root CA certificate file, for {@link AttestationPolicy#setSimulationRoot(Path)}. */
  public Path rootCertificateFile() {
    return directory.resolve(ROOT_CERTIFICATE_FILE);
  }

  /** This installation's simulation root CA certificate. */
  public X509Certificate rootCertificate() {
    return rootCertificate;
  }

  /** The platform attestation key's certificate, issued by the root. */
  public X509Certificate platformCertificate() {
    return platformCertificate;
  }

  /** The 32-byte platform seal secret (copy). Whoever holds it can unseal everything sealed here. */
  public byte[] sealSecret() {
    return sealSecret.clone();
  }

  /**
   * Issues simulated evidence for {@code identity} binding {@code reportData}, signed by the
   * platform attestation key and stamped with the current time. The layout is described on
   * {@link SimulatedEvidence}.
   *
   * @param reportData exactly {@value Evidence#REPORT_DATA_LENGTH} bytes
   * @throws IllegalArgumentException if {@code reportData} has the wrong length
   */
  public byte[] issue(EnclaveIdentity identity, byte[] reportData) throws GeneralSecurityException {
    Objects.requireNonNull(identity, "identity");
    return SimulatedEvidenceFormat.encode(identity, reportData, clock.instant(),
        List.of(platformCertificate, rootCertificate), platformKey);
  }

  @Override
  public String toString() {
    return "SimulationAuthority{SIMULATED — no hardware protection, directory=" + directory
        + ", root=" + Fingerprints.sha256(rootCertificate) + "}";
  }

  private static boolean complete(Path dir) {
    // The root certificate is written last, so its presence means the rest is there too.
    return Files.isRegularFile(dir.resolve(ROOT_CERTIFICATE_FILE))
        && Files.isRegularFile(dir.resolve(SEAL_SECRET_FILE));
  }

  private static void create(Path dir, Clock clock) throws IOException, GeneralSecurityException {
    PrivateFiles.createDirectory(dir);
    synchronized (CREATION_LOCK) {
      try (FileChannel channel = PrivateFiles.openForWriting(dir.resolve(LOCK_FILE))) {
        FileLock lock = channel.lock();
        try {
          // Another creator may have finished while we waited for the lock.
          if (!Files.exists(dir.resolve(SEAL_SECRET_FILE))) {
            byte[] secret = new byte[SEAL_SECRET_LENGTH];
            new SecureRandom().nextBytes(secret);
            PrivateFiles.writeAtomically(dir.resolve(SEAL_SECRET_FILE), secret);
          }
          if (!Files.exists(dir.resolve(ROOT_CERTIFICATE_FILE))) {
            createPki(dir, clock);
          }
        } finally {
          lock.release();
        }
      }
    }
  }

  private static void createPki(Path dir, Clock clock) throws IOException, GeneralSecurityException {
    KeyPair root = SimulationCertificates.generateKeyPair();
    KeyPair platform = SimulationCertificates.generateKeyPair();
    X509Certificate rootCert = SimulationCertificates.root(root, clock.instant());
    X509Certificate platformCert =
        SimulationCertificates.platform(platform.getPublic(), root, rootCert, clock.instant());
    // Leftovers of a crashed creation are overwritten: without a root certificate nobody can
    // have trusted them.
    writePem(dir.resolve(ROOT_KEY_FILE), Pem.PRIVATE_KEY, root.getPrivate().getEncoded());
    writePem(dir.resolve(PLATFORM_KEY_FILE), Pem.PRIVATE_KEY, platform.getPrivate().getEncoded());
    writePem(dir.resolve(PLATFORM_CERTIFICATE_FILE), Pem.CERTIFICATE, platformCert.getEncoded());
    writePem(dir.resolve(ROOT_CERTIFICATE_FILE), Pem.CERTIFICATE, rootCert.getEncoded());
  }

  private static void writePem(Path file, String label, byte[] der) throws IOException {
    PrivateFiles.writeAtomically(file, Pem.encode(label, der).getBytes(StandardCharsets.US_ASCII));
  }

  private static SimulationAuthority load(Path dir, Clock clock)
      throws IOException, GeneralSecurityException {
    X509Certificate rootCert = Pem.readCertificate(dir.resolve(ROOT_CERTIFICATE_FILE));
    X509Certificate platformCert = Pem.readCertificate(dir.resolve(PLATFORM_CERTIFICATE_FILE));
    PrivateKey platformKey = Pem.readEcPrivateKey(dir.resolve(PLATFORM_KEY_FILE));
    byte[] sealSecret = Files.readAllBytes(dir.resolve(SEAL_SECRET_FILE));
    if (sealSecret.length != SEAL_SECRET_LENGTH) {
      throw new IOException(dir.resolve(SEAL_SECRET_FILE) + " holds " + sealSecret.length
          + " bytes, expected " + SEAL_SECRET_LENGTH);
    }
    // Catch mixed-up or edited files now rather than as a puzzling verification failure later.
    try {
      rootCert.verify(rootCert.getPublicKey());
      platformCert.verify(rootCert.getPublicKey());
    } catch (GeneralSecurityException e) {
      throw new GeneralSecurityException("simulation platform in " + dir
          + " is inconsistent: the platform certificate is not issued by the root", e);
    }
    if (!keyMatches(platformKey, platformCert)) {
      throw new GeneralSecurityException("simulation platform in " + dir
          + " is inconsistent: " + PLATFORM_KEY_FILE + " does not match " + PLATFORM_CERTIFICATE_FILE);
    }
    return new SimulationAuthority(dir, clock, rootCert, platformCert, platformKey, sealSecret);
  }

  private static boolean keyMatches(PrivateKey key, X509Certificate cert) throws GeneralSecurityException {
    byte[] probe = "sereca key match probe".getBytes(StandardCharsets.US_ASCII);
    Signature signer = Signature.getInstance(SimulatedEvidenceFormat.SIGNATURE_ALGORITHM);
    signer.initSign(key);
    signer.update(probe);
    byte[] signature = signer.sign();
    Signature verifier = Signature.getInstance(SimulatedEvidenceFormat.SIGNATURE_ALGORITHM);
    verifier.initVerify(cert.getPublicKey());
    verifier.update(probe);
    return verifier.verify(signature);
  }
}
