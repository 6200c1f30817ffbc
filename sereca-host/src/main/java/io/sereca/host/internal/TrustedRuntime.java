package io.sereca.host.internal;

import io.sereca.enclave.EnclaveApp;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The trusted module's class files, read once from wherever the host loaded them (jar or class
 * directory). Only {@code io/sereca/enclave/**.class} counts, so the measurement is the same
 * whether the runtime comes from a jar or from a build directory. Backends launch the enclave
 * from a private copy of exactly these bytes, so what was measured is what runs.
 */
public final class TrustedRuntime {

  /** Package prefix of the trusted module; a bundle may not contain classes under it. */
  public static final String PACKAGE_PREFIX = "io/sereca/enclave/";

  private static volatile TrustedRuntime current;

  /** Bound on the trusted runtime's class files read from a jar. */
  static final int MAX_RUNTIME_BYTES = 64 << 20;

  private final CanonicalTree classes;
  private final byte[] digest;

  private TrustedRuntime(CanonicalTree classes) {
    this.classes = classes;
    this.digest = classes.digest("SERECA-RUNTIME-v1");
  }

  /** The trusted runtime on this host's class path. */
  public static TrustedRuntime current() {
    TrustedRuntime r = current;
    if (r == null) {
      synchronized (TrustedRuntime.class) {
        if (current == null) {
          current = load();
        }
        r = current;
      }
    }
    return r;
  }

  private static TrustedRuntime load() {
    try {
      return load(Path.of(EnclaveApp.class.getProtectionDomain().getCodeSource().getLocation().toURI()));
    } catch (URISyntaxException e) {
      throw new IllegalStateException("cannot read the trusted runtime: " + e.getMessage(), e);
    }
  }

  /** The trusted runtime's classes from a class directory or a jar at {@code source}. */
  static TrustedRuntime load(Path source) {
    try {
      Map<String, byte[]> out = new TreeMap<>();
      if (Files.isDirectory(source)) {
        try (Stream<Path> files = Files.walk(source)) {
          for (Path p : (Iterable<Path>) files::iterator) {
            String name = source.relativize(p).toString().replace('\\', '/');
            if (Files.isRegularFile(p) && name.startsWith(PACKAGE_PREFIX) && name.endsWith(".class")) {
              out.put(name, Files.readAllBytes(p));
            }
          }
        }
      } else {
        // Only the trusted classes are read: the jar may be a shaded CLI jar holding far more
        // (Hazelcast, Vert.x, ...) than any bound on the runtime itself should allow for.
        long total = 0;
        try (ZipFile jar = new ZipFile(source.toFile())) {
          for (Enumeration<? extends ZipEntry> en = jar.entries(); en.hasMoreElements();) {
            ZipEntry e = en.nextElement();
            String name = e.getName();
            if (e.isDirectory() || !name.startsWith(PACKAGE_PREFIX) || !name.endsWith(".class")) {
              continue;
            }
            byte[] bytes;
            try (InputStream in = jar.getInputStream(e)) {
              bytes = in.readNBytes(MAX_RUNTIME_BYTES + 1);
            }
            total += bytes.length;
            if (total > MAX_RUNTIME_BYTES) {
              throw new IOException("trusted runtime classes exceed " + MAX_RUNTIME_BYTES + " bytes in " + source);
            }
            if (out.put(name, bytes) != null) {
              throw new IOException("entry '" + name + "' appears twice in " + source);
            }
          }
        }
      }
      if (out.isEmpty()) {
        throw new IllegalStateException("no trusted runtime classes found at " + source);
      }
      return new TrustedRuntime(CanonicalTree.of(out));
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the trusted runtime: " + e.getMessage(), e);
    }
  }

  /** Digest of the runtime's class files (part of every measurement). */
  public byte[] digest() {
    return digest.clone();
  }

  /** Writes the runtime classes as a jar (fixed timestamps) for an enclave to load. */
  public void writeJar(Path target) throws IOException {
    Files.write(target, jarBytes());
  }

  /** The runtime classes as a jar: same bytes on every call (sorted entries, fixed timestamps). */
  public byte[] jarBytes() {
    java.io.ByteArrayOutputStream os = new java.io.ByteArrayOutputStream();
    try (JarOutputStream jar = new JarOutputStream(os)) {
      for (Map.Entry<String, byte[]> e : classes.entries().entrySet()) {
        ZipEntry z = new ZipEntry(e.getKey());
        z.setTime(315_532_800_000L);
        jar.putNextEntry(z);
        jar.write(e.getValue());
        jar.closeEntry();
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("in-memory jar failed", e);
    }
    return os.toByteArray();
  }
}
