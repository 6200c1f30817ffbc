package io.sereca.host;

import io.sereca.enclave.EnclaveIdentity;
import io.sereca.host.internal.CanonicalTree;
import io.sereca.host.internal.TrustedRuntime;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Properties;
import java.util.jar.Manifest;

/**
 * A signed, measured enclave bundle: a jar of trusted app classes plus {@link EnclaveConfig},
 * signed by the developer's Ed25519 key.
 *
 * <ul>
 *   <li>Bundle digest = SHA-256 over the canonical encoding of every entry except the signature
 *       (sorted names, contents, no timestamps). The signature covers it.
 *   <li>Signer id = SHA-256 of the signer's public key (SubjectPublicKeyInfo DER), like MRSIGNER.
 *   <li>Measurement = SHA-256({@code "SERECA-MEASUREMENT-v1"} | bundle digest | config digest |
 *       trusted runtime digest), like MRENCLAVE: it pins the app, its config and the runtime.
 * </ul>
 *
 * <p>{@link #load} refuses unsigned, corrupted or wrongly signed bundles, naming the problem.
 */
public final class EnclaveBundle {

  /** Where a bundle carries its signature. */
  public static final String SIGNATURE_ENTRY = "META-INF/sereca/SIGNATURE";
  /** Largest bundle accepted (compressed and uncompressed). */
  public static final long MAX_BUNDLE_BYTES = 256L << 20;

  static final String SIGNED_DOMAIN = "SERECA-BUNDLE-v1";

  private final String source;
  private final byte[] jarBytes;
  private final EnclaveConfig config;
  private final byte[] bundleDigest;
  private final byte[] signerId;
  private final byte[] measurement;

  private EnclaveBundle(String source, byte[] jarBytes, EnclaveConfig config, byte[] bundleDigest,
      byte[] signerId, byte[] measurement) {
    this.source = source;
    this.jarBytes = jarBytes;
    this.config = config;
    this.bundleDigest = bundleDigest;
    this.signerId = signerId;
    this.measurement = measurement;
  }

  /** Loads, verifies and measures a bundle file. */
  public static EnclaveBundle load(Path jar) throws BundleException {
    byte[] bytes;
    try {
      if (!Files.isRegularFile(jar)) {
        throw new BundleException("bundle " + jar + " does not exist or is not a file");
      }
      if (Files.size(jar) > MAX_BUNDLE_BYTES) {
        throw new BundleException("bundle " + jar + " is larger than " + MAX_BUNDLE_BYTES + " bytes");
      }
      bytes = Files.readAllBytes(jar);
    } catch (IOException e) {
      throw new BundleException("cannot read bundle " + jar + ": " + e.getMessage(), e);
    }
    return fromBytes(bytes, jar.toString());
  }

  /** Verifies and measures a bundle held in memory. */
  public static EnclaveBundle fromBytes(byte[] jarBytes, String source) throws BundleException {
    CanonicalTree tree = readTree(jarBytes, source);
    byte[] sigEntry = tree.entries().get(SIGNATURE_ENTRY);
    if (sigEntry == null) {
      throw new BundleException("bundle " + source + " is not signed (" + SIGNATURE_ENTRY
          + " missing); sign it with 'sereca enclave sign'");
    }
    CanonicalTree content = tree.without(SIGNATURE_ENTRY);
    EnclaveConfig config = readConfig(content, source);
    checkContent(content, source);
    byte[] digest = content.digest(SIGNED_DOMAIN);
    PublicKey signer = verifySignature(sigEntry, digest, source);
    byte[] signerId = CanonicalTree.sha256().digest(signer.getEncoded());
    // Launch from a jar rebuilt from exactly the entries that were verified and measured: the
    // bytes we were given might parse differently in the class loader (e.g. a second archive
    // appended to the signed one), and then what runs would not be what was measured.
    return new EnclaveBundle(source, tree.toZip(), config, digest, signerId,
        measure(digest, config, TrustedRuntime.current().digest()));
  }

  static CanonicalTree readTree(byte[] jarBytes, String source) throws BundleException {
    try {
      return CanonicalTree.readZip(jarBytes, MAX_BUNDLE_BYTES);
    } catch (IOException | IllegalArgumentException e) {
      throw new BundleException("bundle " + source + " is not a valid jar: " + e.getMessage(), e);
    }
  }

  static EnclaveConfig readConfig(CanonicalTree content, String source) throws BundleException {
    byte[] text = content.entries().get(EnclaveConfig.ENTRY);
    if (text == null) {
      throw new BundleException("bundle " + source + " has no enclave config (" + EnclaveConfig.ENTRY + ")");
    }
    try {
      return EnclaveConfig.parse(text);
    } catch (IllegalArgumentException e) {
      throw new BundleException("bundle " + source + ": " + e.getMessage(), e);
    }
  }

  /** Refuses content that would escape the enclave's class-loading isolation. */
  static void checkContent(CanonicalTree content, String source) throws BundleException {
    for (String name : content.entries().keySet()) {
      if (name.startsWith(TrustedRuntime.PACKAGE_PREFIX)) {
        throw new BundleException("bundle " + source + " contains " + name
            + ": classes in the trusted runtime's package are not allowed");
      }
    }
    byte[] mf = content.entries().get("META-INF/MANIFEST.MF");
    if (mf != null) {
      try {
        Manifest manifest = new Manifest(new java.io.ByteArrayInputStream(mf));
        if (manifest.getMainAttributes().getValue("Class-Path") != null) {
          throw new BundleException("bundle " + source
              + " has a Class-Path manifest attribute: an enclave may load only its own classes");
        }
      } catch (IOException e) {
        throw new BundleException("bundle " + source + " has an unreadable manifest: " + e.getMessage(), e);
      }
    }
  }

  private static PublicKey verifySignature(byte[] sigEntry, byte[] digest, String source)
      throws BundleException {
    Properties p = new Properties();
    try {
      p.load(new StringReader(new String(sigEntry, StandardCharsets.UTF_8)));
      if (!"1".equals(p.getProperty("format"))) {
        throw new BundleException("bundle " + source + ": unsupported signature format " + p.getProperty("format"));
      }
      if (!SignerKeys.ALGORITHM.equals(p.getProperty("algorithm"))) {
        throw new BundleException("bundle " + source + ": unsupported signature algorithm " + p.getProperty("algorithm"));
      }
      String pk = p.getProperty("public.key");
      String sig = p.getProperty("signature");
      if (pk == null || sig == null) {
        throw new BundleException("bundle " + source + ": signature entry lacks public.key or signature");
      }
      PublicKey key = SignerKeys.publicKeyFromDer(Base64.getDecoder().decode(pk.trim()));
      Signature verifier = Signature.getInstance(SignerKeys.ALGORITHM);
      verifier.initVerify(key);
      verifier.update(digest);
      if (!verifier.verify(Base64.getDecoder().decode(sig.trim()))) {
        throw new BundleException("bundle " + source
            + ": signature does not verify (contents changed after signing, or a forged signature)");
      }
      return key;
    } catch (IOException | IllegalArgumentException | GeneralSecurityException e) {
      throw new BundleException("bundle " + source + ": signature entry is malformed: " + e.getMessage(), e);
    }
  }

  static byte[] measure(byte[] bundleDigest, EnclaveConfig config, byte[] runtimeDigest) {
    MessageDigest sha = CanonicalTree.sha256();
    sha.update("SERECA-MEASUREMENT-v1".getBytes(StandardCharsets.US_ASCII));
    sha.update(bundleDigest);
    sha.update(CanonicalTree.sha256().digest(config.canonicalBytes()));
    sha.update(runtimeDigest);
    return sha.digest();
  }

  /** Where the bundle came from (a path or a label). */
  public String source() {
    return source;
  }

  /**
   * The bundle as a canonical jar (copy): exactly the verified entries, sorted, fixed timestamps.
   * This is what backends launch, whatever layout the original file had.
   */
  public byte[] jarBytes() {
    return jarBytes.clone();
  }

  /** The enclave config. */
  public EnclaveConfig config() {
    return config;
  }

  /** SHA-256 of the canonical bundle content, what the signature covers (copy). */
  public byte[] bundleDigest() {
    return bundleDigest.clone();
  }

  /** Signer id: SHA-256 of the signer's public key (copy). */
  public byte[] signerId() {
    return signerId.clone();
  }

  /** The measurement (copy). */
  public byte[] measurement() {
    return measurement.clone();
  }

  /** The identity this bundle has when launched. */
  public EnclaveIdentity identity() {
    return EnclaveIdentity.create(measurement, signerId, config.productId(), config.svn(), config.debug());
  }

  @Override
  public String toString() {
    return "EnclaveBundle{" + source + ", measurement=" + HexFormat.of().formatHex(measurement)
        + ", signer=" + HexFormat.of().formatHex(signerId) + ", " + config + "}";
  }
}
