package io.sereca.host;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Builds enclave bundles from the test app classes compiled into test-classes. */
public final class TestBundles {

  public static final String APP = "io.sereca.testapps.TestApp";

  private TestBundles() {}

  /** The compiled io/sereca/testapps classes. */
  public static Map<String, byte[]> appClasses() throws IOException {
    Path root = Path.of("target", "test-classes");
    Path pkg = root.resolve("io/sereca/testapps");
    Map<String, byte[]> out = new TreeMap<>();
    try (Stream<Path> files = Files.list(pkg)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        out.put(root.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
      }
    }
    return out;
  }

  /** The config text of a test bundle. */
  public static String config(int productId, int svn, int memoryMib, boolean debug) {
    return "app.class=" + APP + "\nproduct.id=" + productId + "\nsvn=" + svn
        + "\nmemory.budget.mib=" + memoryMib + "\ndebug=" + debug + "\n";
  }

  /** An unsigned jar of the given entries. */
  public static byte[] jar(Map<String, byte[]> entries) {
    return io.sereca.host.internal.CanonicalTree.of(new TreeMap<>(entries)).toZip();
  }

  /** The unsigned test app jar with a config. */
  public static byte[] unsigned(int productId, int svn, int memoryMib) throws IOException {
    Map<String, byte[]> entries = new TreeMap<>(appClasses());
    entries.put(EnclaveConfig.ENTRY, config(productId, svn, memoryMib, false).getBytes(StandardCharsets.UTF_8));
    return jar(entries);
  }

  /** A signed test bundle. */
  public static EnclaveBundle signed(KeyPair key, int productId, int svn, int memoryMib) throws Exception {
    Map<String, byte[]> entries = new TreeMap<>(appClasses());
    entries.put(EnclaveConfig.ENTRY, config(productId, svn, memoryMib, false).getBytes(StandardCharsets.UTF_8));
    byte[] signed = BundleSigner.sign(entries, "test", key.getPrivate(), key.getPublic());
    return EnclaveBundle.fromBytes(signed, "test-bundle");
  }
}
