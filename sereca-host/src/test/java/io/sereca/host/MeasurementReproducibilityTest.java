package io.sereca.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two clean builds of the same sources give the same measurement: compile one app twice into
 * separate directories, package the class files in different orders with different timestamps,
 * sign both, compare.
 */
class MeasurementReproducibilityTest {

  private static final String SOURCE = "package repro.app;\n"
      + "public final class ReproApp implements io.sereca.enclave.EnclaveApp {\n"
      + "  @Override public void init(io.sereca.enclave.EnclaveContext c) {\n"
      + "    c.register(\"repro\", m -> m.reply(m.body()));\n"
      + "    Runnable r = () -> c.log().info(\"lambda\");\n"
      + "    r.run();\n"
      + "  }\n"
      + "  static final class Inner {}\n"
      + "}\n";

  private static Map<String, byte[]> cleanBuild(Path root) throws Exception {
    Path src = root.resolve("src/repro/app/ReproApp.java");
    Files.createDirectories(src.getParent());
    Files.writeString(src, SOURCE);
    Path out = root.resolve("classes");
    Files.createDirectories(out);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    String cp = Path.of(io.sereca.enclave.EnclaveApp.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    int rc = javac.run(null, null, null, "--release", "17", "-cp", cp, "-d", out.toString(), src.toString());
    assertThat(rc).isZero();
    Map<String, byte[]> classes = new LinkedHashMap<>();
    try (Stream<Path> files = Files.walk(out)) {
      for (Path p : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        classes.put(out.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
      }
    }
    classes.put(EnclaveConfig.ENTRY, "app.class=repro.app.ReproApp\nproduct.id=5\nsvn=1\n".getBytes(StandardCharsets.UTF_8));
    return classes;
  }

  private static byte[] jar(Map<String, byte[]> entries, boolean reversed, long time) throws Exception {
    List<Map.Entry<String, byte[]>> list = new java.util.ArrayList<>(entries.entrySet());
    if (reversed) {
      java.util.Collections.reverse(list);
    }
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(bytes)) {
      for (Map.Entry<String, byte[]> e : list) {
        java.util.zip.ZipEntry z = new java.util.zip.ZipEntry(e.getKey());
        z.setTime(time);
        zip.putNextEntry(z);
        zip.write(e.getValue());
        zip.closeEntry();
      }
    }
    return bytes.toByteArray();
  }

  @Test
  void twoCleanBuildsOfTheSameSourcesHaveTheSameMeasurement(@TempDir Path a, @TempDir Path b) throws Exception {
    KeyPair key = SignerKeys.generate();
    Map<String, byte[]> first = cleanBuild(a);
    Thread.sleep(1100); // a different build time must not matter
    Map<String, byte[]> second = cleanBuild(b);
    assertThat(first.keySet()).hasSizeGreaterThanOrEqualTo(3);

    EnclaveBundle one = EnclaveBundle.fromBytes(BundleSigner.sign(
        jar(first, false, 1_000_000_000_000L), "one", key.getPrivate(), key.getPublic()), "one");
    EnclaveBundle two = EnclaveBundle.fromBytes(BundleSigner.sign(
        jar(second, true, System.currentTimeMillis()), "two", key.getPrivate(), key.getPublic()), "two");
    assertThat(two.measurement()).isEqualTo(one.measurement());
    assertThat(two.bundleDigest()).isEqualTo(one.bundleDigest());
  }
}
