package io.sereca.wsnm.cloud;

import io.sereca.host.BundleException;
import io.sereca.host.BundleSigner;
import io.sereca.host.EnclaveBundle;
import io.sereca.host.EnclaveConfig;
import io.sereca.host.SignerKeys;
import io.sereca.wsnm.json.Json;
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
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Builds the signed enclave bundles of the WSNM services from the {@code sereca-wsnm-enclave}
 * classes on the class path, byte for byte (from its jar, its build directory or a shaded jar),
 * so one build always gives the same measurement per service.
 *
 * <p>Every bundle holds the same classes (the packages in {@link #ENCLAVE_PACKAGES}) and differs
 * in its enclave config: entry point, product id, memory budget. {@code routes.required=true}:
 * an enclave drops every protected message until the CAS (or a dev provisioner) has delivered
 * its routes.
 */
public final class WsnmBundles {

  /** Entry-name prefixes of the enclave-side packages (nothing of the host module is in them). */
  public static final List<String> ENCLAVE_PACKAGES = List.of(
      "io/sereca/wsnm/json/", "io/sereca/wsnm/data/", "io/sereca/wsnm/enclave/", "io/sereca/wsnm/cep/");
  /** Security version of every WSNM bundle. */
  public static final int SVN = 1;
  /** Signer key file, created in the signer directory on first use (0600). */
  public static final String SIGNER_KEY = "wsnm-signer.key";
  /** Signer public key file. */
  public static final String SIGNER_PUB = "wsnm-signer.pub";

  private WsnmBundles() {}

  /**
   * The service's bundle signed with the key in {@code signerDirectory} (created on first use:
   * the same key keeps sealed data readable across restarts).
   */
  public static EnclaveBundle signed(WsnmService service, Path signerDirectory)
      throws IOException, GeneralSecurityException, BundleException {
    Path keyFile = signerDirectory.resolve(SIGNER_KEY);
    Path pubFile = signerDirectory.resolve(SIGNER_PUB);
    synchronized (WsnmBundles.class) {
      if (!Files.exists(keyFile)) {
        Files.createDirectories(signerDirectory);
        KeyPair pair = SignerKeys.generate();
        SignerKeys.save(pair, keyFile, pubFile);
      }
    }
    PrivateKey key = SignerKeys.readPrivateKey(keyFile);
    PublicKey pub = SignerKeys.readPublicKey(pubFile);
    byte[] signed = BundleSigner.sign(entries(service), service.serviceName(), key, pub);
    return EnclaveBundle.fromBytes(signed, service.serviceName() + " bundle");
  }

  /**
   * Writes the signed bundle to {@code dir/<service>.jar} (what {@code SecureVerticleOptions.setBundle}
   * takes) and returns its path.
   */
  public static Path write(WsnmService service, Path signerDirectory, Path dir)
      throws IOException, GeneralSecurityException, BundleException {
    EnclaveBundle bundle = signed(service, signerDirectory);
    Files.createDirectories(dir);
    Path out = dir.resolve(service.serviceName() + ".jar");
    Path tmp = Files.createTempFile(dir, service.serviceName(), ".tmp");
    Files.write(tmp, bundle.jarBytes());
    Files.move(tmp, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    return out;
  }

  /** The bundle's entries: the enclave packages' files and the service's enclave config. */
  static Map<String, byte[]> entries(WsnmService service) throws IOException {
    Map<String, byte[]> all = enclaveClasses();
    String app = service.appClass().replace('.', '/') + ".class";
    if (!all.containsKey(app)) {
      throw new IOException("enclave app " + service.appClass() + " of " + service.serviceName()
          + " is not among the sereca-wsnm-enclave classes");
    }
    all.put(EnclaveConfig.ENTRY, ("app.class=" + service.appClass()
        + "\nproduct.id=" + service.productId() + "\nsvn=" + SVN
        + "\nmemory.budget.mib=" + service.memoryMib() + "\nroutes.required=true\ndebug=false\n")
        .getBytes(StandardCharsets.UTF_8));
    return all;
  }

  private static Map<String, byte[]> enclaveClasses() throws IOException {
    Path source;
    try {
      source = Path.of(Json.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException | NullPointerException e) {
      throw new IOException("cannot locate the sereca-wsnm-enclave classes", e);
    }
    Map<String, byte[]> out = new TreeMap<>();
    if (Files.isDirectory(source)) {
      for (String prefix : ENCLAVE_PACKAGES) {
        Path dir = source.resolve(prefix);
        if (!Files.isDirectory(dir)) {
          continue;
        }
        try (Stream<Path> files = Files.walk(dir)) {
          for (Path p : (Iterable<Path>) files::iterator) {
            if (Files.isRegularFile(p)) {
              out.put(source.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
            }
          }
        }
      }
    } else {
      try (InputStream in = Files.newInputStream(source); ZipInputStream zip = new ZipInputStream(in)) {
        for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
          String name = e.getName();
          if (!e.isDirectory() && ENCLAVE_PACKAGES.stream().anyMatch(name::startsWith)) {
            out.put(name, zip.readAllBytes());
          }
        }
      }
    }
    if (out.isEmpty()) {
      throw new IOException("no sereca-wsnm-enclave classes found at " + source);
    }
    return out;
  }
}
