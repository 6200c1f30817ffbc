package io.sereca.keeper.internal;

import io.sereca.host.BundleException;
import io.sereca.host.BundleSigner;
import io.sereca.host.EnclaveBundle;
import io.sereca.host.EnclaveConfig;
import io.sereca.host.SignerKeys;
import io.sereca.keeper.internal.core.KeeperCoreApp;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The crypto core's enclave bundle: the classes of {@code io.sereca.keeper.internal.core}, the
 * Tink classes they reach (AES-SIV), and the enclave config; signed with the proxy's signer key.
 * Only the JDK and the trusted runtime are visible to it inside the enclave.
 */
public final class KeeperBundle {

  /** Product id of the keeper crypto core. */
  public static final int PRODUCT_ID = 5;
  /** Its security version number. */
  public static final int SVN = 1;
  /** Signer key files, created in the data directory on first start. */
  public static final String SIGNER_KEY = "enclave-signer.key";
  /** Signer public key file. */
  public static final String SIGNER_PUB = "enclave-signer.pub";

  private static final String CORE_PREFIX = KeeperCoreApp.class.getPackageName().replace('.', '/') + '/';
  private static final Set<String> SHADED = Set.of("com/google/crypto/tink/");

  private KeeperBundle() {}

  /**
   * Builds and signs the bundle with the signer key in {@code dataDirectory}, creating that key
   * (0600) on first use. The same key on every start keeps the sealed keeper keys readable.
   */
  public static EnclaveBundle signed(Path dataDirectory)
      throws IOException, GeneralSecurityException, BundleException {
    Path keyFile = dataDirectory.resolve(SIGNER_KEY);
    Path pubFile = dataDirectory.resolve(SIGNER_PUB);
    if (!Files.exists(keyFile)) {
      Files.createDirectories(dataDirectory);
      KeyPair pair = SignerKeys.generate();
      SignerKeys.save(pair, keyFile, pubFile);
    }
    PrivateKey key = SignerKeys.readPrivateKey(keyFile);
    PublicKey pub = SignerKeys.readPublicKey(pubFile);
    byte[] signed = BundleSigner.sign(entries(), "sereca-keeper-core", key, pub);
    return EnclaveBundle.fromBytes(signed, "sereca-keeper crypto core");
  }

  /** The bundle's entries: config, core classes and the Tink classes they reach. */
  static Map<String, byte[]> entries() throws IOException {
    Map<String, byte[]> roots = coreClasses();
    Map<String, byte[]> all = ClassClosure.of(roots, SHADED, KeeperCoreApp.class.getClassLoader());
    all.put(EnclaveConfig.ENTRY, ("app.class=" + KeeperCoreApp.class.getName()
        + "\nproduct.id=" + PRODUCT_ID + "\nsvn=" + SVN + "\nmemory.budget.mib=64\ndebug=false\n")
        .getBytes(StandardCharsets.UTF_8));
    return all;
  }

  private static Map<String, byte[]> coreClasses() throws IOException {
    Path source;
    try {
      source = Path.of(KeeperCoreApp.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException | NullPointerException e) {
      throw new IOException("cannot locate the keeper crypto core classes", e);
    }
    Map<String, byte[]> out = new TreeMap<>();
    if (Files.isDirectory(source)) {
      try (Stream<Path> files = Files.walk(source.resolve(CORE_PREFIX))) {
        for (Path p : (Iterable<Path>) files::iterator) {
          String name = source.relativize(p).toString().replace('\\', '/');
          if (Files.isRegularFile(p) && name.endsWith(".class")) {
            out.put(name, Files.readAllBytes(p));
          }
        }
      }
    } else {
      try (InputStream in = Files.newInputStream(source); ZipInputStream zip = new ZipInputStream(in)) {
        for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
          if (!e.isDirectory() && e.getName().startsWith(CORE_PREFIX) && e.getName().endsWith(".class")) {
            out.put(e.getName(), zip.readAllBytes());
          }
        }
      }
    }
    if (!out.containsKey(KeeperCoreApp.class.getName().replace('.', '/') + ".class")) {
      throw new IOException("keeper crypto core classes not found at " + source);
    }
    return out;
  }
}
