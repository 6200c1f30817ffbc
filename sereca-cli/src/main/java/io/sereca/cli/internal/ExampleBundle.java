package io.sereca.cli.internal;

import io.sereca.examples.hello.HelloEnclave;
import io.sereca.host.EnclaveConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.time.LocalDateTime;
import java.util.Enumeration;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * The quick-start example enclave, {@code hello-enclave}, as an unsigned bundle rebuilt from the
 * CLI's own class path: its enclave config ({@value EnclaveConfig#ENTRY}) and every file of the
 * app's package, taken byte for byte from wherever the classes were loaded (the
 * {@code hello-enclave} jar, its build directory, or the shaded {@code sereca.jar}). Build
 * metadata (manifest, Maven properties) is left out, so the bundle and hence its measurement are
 * the same whichever of these the classes came from.
 */
public final class ExampleBundle {

  /** A label for messages and signing. */
  public static final String NAME = "hello-enclave";
  /** The example's app class. */
  public static final String APP_CLASS = HelloEnclave.class.getName();

  // DOS time has no time zone; a fixed local time keeps the archive bytes the same everywhere.
  private static final LocalDateTime ENTRY_TIME = LocalDateTime.of(1980, 1, 1, 0, 0);
  private static final long MAX_ENTRY_BYTES = 16L << 20;

  private ExampleBundle() {}

  /**
   * The unsigned bundle jar (entries sorted, fixed timestamps: the same bytes on every call).
   *
   * @throws CommandFailure if the example's classes or config cannot be found or read
   */
  public static byte[] unsignedJar() {
    Path source = codeSource();
    SortedMap<String, byte[]> entries;
    try {
      entries = Files.isDirectory(source) ? fromDirectory(source) : fromJar(source);
    } catch (IOException e) {
      throw CommandFailure.because("cannot read the example bundle from " + source, e);
    }
    byte[] config = entries.get(EnclaveConfig.ENTRY);
    if (config == null) {
      throw new CommandFailure("the example bundle at " + source + " has no " + EnclaveConfig.ENTRY);
    }
    String configured;
    try {
      configured = EnclaveConfig.parse(config).appClass();
    } catch (IllegalArgumentException e) {
      throw CommandFailure.because("the example bundle at " + source + " has a bad enclave config", e);
    }
    if (!configured.equals(APP_CLASS)) {
      throw new CommandFailure("the enclave config found at " + source + " names " + configured
          + ", not the example app " + APP_CLASS);
    }
    return jar(entries);
  }

  private static Path codeSource() {
    CodeSource cs = HelloEnclave.class.getProtectionDomain().getCodeSource();
    if (cs == null || cs.getLocation() == null) {
      throw new CommandFailure("cannot locate the example enclave's classes (no code source)");
    }
    try {
      return Path.of(cs.getLocation().toURI());
    } catch (URISyntaxException | IllegalArgumentException e) {
      throw CommandFailure.because("cannot locate the example enclave's classes at " + cs.getLocation(), e);
    }
  }

  private static boolean belongs(String name) {
    return name.equals(EnclaveConfig.ENTRY)
        || (name.startsWith(packageDirectory()) && !name.endsWith("/"));
  }

  private static String packageDirectory() {
    return HelloEnclave.class.getPackageName().replace('.', '/') + '/';
  }

  private static SortedMap<String, byte[]> fromDirectory(Path root) throws IOException {
    SortedMap<String, byte[]> out = new TreeMap<>();
    Path config = root.resolve(EnclaveConfig.ENTRY);
    if (Files.isRegularFile(config)) {
      out.put(EnclaveConfig.ENTRY, Files.readAllBytes(config));
    }
    try (Stream<Path> files = Files.walk(root.resolve(packageDirectory()))) {
      for (Path p : (Iterable<Path>) files::iterator) {
        String name = root.relativize(p).toString().replace('\\', '/');
        if (Files.isRegularFile(p) && belongs(name)) {
          out.put(name, Files.readAllBytes(p));
        }
      }
    }
    return out;
  }

  private static SortedMap<String, byte[]> fromJar(Path jar) throws IOException {
    SortedMap<String, byte[]> out = new TreeMap<>();
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      Enumeration<? extends ZipEntry> all = zip.entries();
      while (all.hasMoreElements()) {
        ZipEntry e = all.nextElement();
        if (e.isDirectory() || !belongs(e.getName())) {
          continue;
        }
        try (InputStream in = zip.getInputStream(e)) {
          byte[] content = in.readNBytes((int) MAX_ENTRY_BYTES + 1);
          if (content.length > MAX_ENTRY_BYTES) {
            throw new IOException(e.getName() + " is larger than " + MAX_ENTRY_BYTES + " bytes");
          }
          out.put(e.getName(), content);
        }
      }
    }
    return out;
  }

  private static byte[] jar(Map<String, byte[]> entries) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes, StandardCharsets.UTF_8)) {
      for (Map.Entry<String, byte[]> e : entries.entrySet()) {
        ZipEntry entry = new ZipEntry(e.getKey());
        entry.setTimeLocal(ENTRY_TIME);
        zip.putNextEntry(entry);
        zip.write(e.getValue());
        zip.closeEntry();
      }
    } catch (IOException e) {
      throw new IllegalStateException("writing to memory failed", e);
    }
    return bytes.toByteArray();
  }
}
