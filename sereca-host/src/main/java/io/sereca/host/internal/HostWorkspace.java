package io.sereca.host.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * A private (0700) temporary directory holding the exact bytes enclaves are launched from: the
 * measured runtime and verified bundles. Launching from these copies, not from the original files,
 * closes the window between measuring a file and loading it.
 */
public final class HostWorkspace {

  private final Path directory;
  private final AtomicLong counter = new AtomicLong();
  private volatile Path runtimeJar;
  // Deletes the workspace if the JVM exits without closing the host.
  private final Thread cleanup = new Thread(this::deleteFiles, "sereca-workspace-cleanup");

  private HostWorkspace(Path directory) {
    this.directory = directory;
  }

  /** Creates the workspace. */
  public static HostWorkspace create() throws IOException {
    Path dir;
    try {
      dir = Files.createTempDirectory("sereca-host-",
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    } catch (UnsupportedOperationException e) {
      dir = Files.createTempDirectory("sereca-host-");
    }
    HostWorkspace ws = new HostWorkspace(dir);
    Runtime.getRuntime().addShutdownHook(ws.cleanup);
    return ws;
  }

  /** The runtime jar, written once from the measured classes. */
  public synchronized Path runtimeJar() throws IOException {
    if (runtimeJar == null) {
      Path p = directory.resolve("sereca-enclave-runtime.jar");
      TrustedRuntime.current().writeJar(p);
      runtimeJar = p;
    }
    return runtimeJar;
  }

  /** Writes a private copy of a verified bundle. */
  public Path bundleCopy(byte[] jarBytes) throws IOException {
    Path p = directory.resolve("bundle-" + counter.incrementAndGet() + ".jar");
    Files.write(p, jarBytes);
    return p;
  }

  /** Deletes the workspace (best effort). */
  public void delete() {
    try {
      Runtime.getRuntime().removeShutdownHook(cleanup);
    } catch (IllegalStateException shuttingDown) {
      // The hook itself is running (or about to): it deletes the files.
    }
    deleteFiles();
  }

  private void deleteFiles() {
    if (!Files.exists(directory)) {
      return;
    }
    try (Stream<Path> files = Files.walk(directory)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // Best effort: the OS cleans temp eventually.
    }
  }
}
