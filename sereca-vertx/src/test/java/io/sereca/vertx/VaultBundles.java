package io.sereca.vertx;

import io.sereca.host.BundleSigner;
import io.sereca.host.EnclaveConfig;
import io.sereca.host.EnclaveBundle;
import io.sereca.host.SignerKeys;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Writes a signed bundle of the test enclave app to a file. */
final class VaultBundles {

  private VaultBundles() {}

  static Path write(Path dir) throws Exception {
    return write(dir, "VaultApp");
  }

  /** A bundle of the test app package whose entry point is {@code io.sereca.vertxtest.app.<app>}. */
  static Path write(Path dir, String app) throws Exception {
    Path root = Path.of("target", "test-classes");
    Map<String, byte[]> entries = new TreeMap<>();
    try (Stream<Path> files = Files.list(root.resolve("io/sereca/vertxtest/app"))) {
      for (Path p : (Iterable<Path>) files::iterator) {
        entries.put(root.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
      }
    }
    entries.put(EnclaveConfig.ENTRY,
        ("app.class=io.sereca.vertxtest.app." + app
            + "\nproduct.id=3\nsvn=1\nmemory.budget.mib=64\nroutes.required=true\n")
            .getBytes(StandardCharsets.UTF_8));
    KeyPair key = SignerKeys.generate();
    byte[] signed = BundleSigner.sign(entries, "vault", key.getPrivate(), key.getPublic());
    Path out = dir.resolve(app + "-enclave.jar");
    Files.write(out, signed);
    EnclaveBundle.load(out);
    return out;
  }
}
