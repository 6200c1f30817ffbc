package io.sereca.bench.harness.internal;

import io.sereca.examples.hello.HelloEnclave;
import io.sereca.host.BundleSigner;
import io.sereca.host.EnclaveBundle;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The hello-enclave example app as a signed bundle, built from the class path: its own jar, its
 * class directory, or a shaded jar holding it (benchmarks.jar, sereca.jar; hence the filter).
 * Its {@code hello.echo} address replies with the request body.
 */
public final class HelloBundles {

  private static final String APP_PREFIX = "io/sereca/examples/hello/";
  private static final String CONFIG_ENTRY = "META-INF/sereca/enclave.properties";

  private HelloBundles() {}

  /** The bundle signed with {@code key}, in memory. */
  public static EnclaveBundle sign(KeyPair key) throws Exception {
    return EnclaveBundle.fromBytes(signedBytes(key), "hello-enclave (bench)");
  }

  /** The bundle signed with {@code key}, written to {@code file}. */
  public static EnclaveBundle write(KeyPair key, Path file) throws Exception {
    Files.write(file, signedBytes(key));
    return EnclaveBundle.load(file);
  }

  private static byte[] signedBytes(KeyPair key) throws Exception {
    return BundleSigner.sign(entries(), "hello-enclave", key.getPrivate(), key.getPublic());
  }

  /** The hello-enclave's classes and config, read from where {@link HelloEnclave} was loaded. */
  public static Map<String, byte[]> entries() throws IOException, URISyntaxException {
    Path source = Path.of(HelloEnclave.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Map<String, byte[]> out = new TreeMap<>();
    if (Files.isDirectory(source)) {
      try (Stream<Path> files = Files.walk(source)) {
        for (Path p : (Iterable<Path>) files::iterator) {
          String name = source.relativize(p).toString().replace('\\', '/');
          if (Files.isRegularFile(p) && wanted(name)) {
            out.put(name, Files.readAllBytes(p));
          }
        }
      }
    } else {
      try (InputStream in = Files.newInputStream(source); ZipInputStream zip = new ZipInputStream(in)) {
        for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
          if (!e.isDirectory() && wanted(e.getName())) {
            out.put(e.getName(), zip.readAllBytes());
          }
        }
      }
    }
    if (!out.containsKey(CONFIG_ENTRY) || out.keySet().stream().noneMatch(n -> n.endsWith(".class"))) {
      throw new IllegalStateException("hello-enclave classes or config not found at " + source);
    }
    return out;
  }

  private static boolean wanted(String name) {
    return name.equals(CONFIG_ENTRY) || (name.startsWith(APP_PREFIX) && name.endsWith(".class"));
  }
}
