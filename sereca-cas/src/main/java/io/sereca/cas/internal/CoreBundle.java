package io.sereca.cas.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.sereca.attestation.EvidenceVerifier;
import io.sereca.cas.internal.core.CasCore;
import io.sereca.host.BundleException;
import io.sereca.host.BundleSigner;
import io.sereca.host.EnclaveBundle;
import io.sereca.host.EnclaveConfig;
import io.sereca.host.SignerKeys;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.util.Enumeration;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The CAS core's enclave bundle, assembled from the class files on this JVM's class path: the
 * core, the manifest model, the evidence verifier and the JSON/YAML parsers it needs, with their
 * resources (pinned root certificates, for example). Files are taken byte for byte, so the bundle and its measurement are the same whether they come from
 * jars, build directories or the shaded {@code sereca.jar}; build metadata is left out.
 */
public final class CoreBundle {

  /** Product id of the CAS core in its enclave config. */
  public static final int PRODUCT_ID = 0x5CA5;
  /** Security version of the CAS core. */
  public static final int SVN = 1;

  /** Each anchor class and the path prefixes taken from wherever it was loaded. */
  private static final List<Source> SOURCES = List.of(
      new Source(CasCore.class, "io/sereca/cas/internal/core/", "io/sereca/cas/Manifest",
          "io/sereca/cas/CasStatements", "io/sereca/cas/AuditEntry"),
      new Source(EvidenceVerifier.class, "io/sereca/attestation/"),
      new Source(ObjectMapper.class, "com/fasterxml/jackson/databind/"),
      new Source(JsonFactory.class, "com/fasterxml/jackson/core/"),
      new Source(JsonProperty.class, "com/fasterxml/jackson/annotation/"),
      new Source(YAMLFactory.class, "com/fasterxml/jackson/dataformat/yaml/"),
      new Source(org.yaml.snakeyaml.Yaml.class, "org/yaml/snakeyaml/"));

  private record Source(Class<?> anchor, String... prefixes) {}

  private CoreBundle() {}

  /** The enclave config of the core. */
  static String config() {
    return "app.class=" + CasCore.class.getName() + "\n"
        + "product.id=" + PRODUCT_ID + "\nsvn=" + SVN + "\nmemory.budget.mib=256\ndebug=false\n"
        + "routes.required=false\n";
  }

  /** The unsigned bundle's entries. */
  static SortedMap<String, byte[]> entries() throws IOException {
    // Group the prefixes by where their classes come from: in the shaded CLI jar every anchor has
    // the same code source, and that jar is read once rather than once per anchor.
    java.util.Map<Path, List<String>> byRoot = new java.util.LinkedHashMap<>();
    for (Source s : SOURCES) {
      byRoot.computeIfAbsent(codeSource(s.anchor()), r -> new java.util.ArrayList<>()).addAll(List.of(s.prefixes()));
    }
    SortedMap<String, byte[]> entries = new TreeMap<>();
    for (var source : byRoot.entrySet()) {
      Path root = source.getKey();
      String[] prefixes = source.getValue().toArray(String[]::new);
      if (Files.isDirectory(root)) {
        try (Stream<Path> files = Files.walk(root)) {
          for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
            String name = root.relativize(f).toString().replace('\\', '/');
            if (wanted(name, prefixes)) {
              entries.put(name, Files.readAllBytes(f));
            }
          }
        }
      } else {
        try (ZipFile zip = new ZipFile(root.toFile())) {
          Enumeration<? extends ZipEntry> all = zip.entries();
          while (all.hasMoreElements()) {
            ZipEntry e = all.nextElement();
            if (!e.isDirectory() && wanted(e.getName(), prefixes)) {
              entries.put(e.getName(), zip.getInputStream(e).readAllBytes());
            }
          }
        }
      }
    }
    entries.put(EnclaveConfig.ENTRY, config().getBytes(StandardCharsets.UTF_8));
    return entries;
  }


  /**
   * The signed bundle. The signing key is this installation's CAS signer, made on first use: the
   * CAS's state is sealed to its measurement, not its signer, so this key grants nothing.
   */
  public static EnclaveBundle signed(Path casDirectory) throws IOException, GeneralSecurityException {
    Path key = casDirectory.resolve("core-signer.key");
    Path pub = casDirectory.resolve("core-signer.pub");
    if (!Files.exists(key)) {
      Files.createDirectories(casDirectory);
      SignerKeys.save(SignerKeys.generate(), key, pub);
    }
    KeyPair pair = new KeyPair(SignerKeys.readPublicKey(pub), SignerKeys.readPrivateKey(key));
    try {
      byte[] jar = BundleSigner.sign(entries(), "sereca-cas-core", pair.getPrivate(), pair.getPublic());
      return EnclaveBundle.fromBytes(jar, "sereca-cas-core");
    } catch (BundleException e) {
      throw new IOException("cannot build the CAS core bundle: " + e.getMessage(), e);
    }
  }

  private static boolean wanted(String name, String... prefixes) {
    if (name.startsWith("META-INF/") || name.endsWith("module-info.class")) {
      return false;
    }
    for (String p : prefixes) {
      if (name.startsWith(p)) {
        return true;
      }
    }
    return false;
  }

  private static Path codeSource(Class<?> anchor) throws IOException {
    CodeSource cs = anchor.getProtectionDomain().getCodeSource();
    if (cs == null || cs.getLocation() == null) {
      throw new IOException("cannot locate the classes of " + anchor.getName() + " (no code source)");
    }
    try {
      return Path.of(cs.getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IOException("bad code source for " + anchor.getName(), e);
    }
  }
}
