package io.sereca.host.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Linux configfs-tsm attestation reports (Documentation/ABI/testing/configfs-tsm-report): create
 * a report instance, read {@code generation}, write 64 bytes to {@code inblob}, read
 * {@code outblob}, {@code provider} and (for SEV-SNP) {@code auxblob}, read {@code generation}
 * again, remove the instance. A generation that moved by more than our one write means another
 * writer raced on the instance: the report might bind someone else's data, so it is retried a
 * bounded number of times and then refused.
 */
public final class ConfigfsTsm {

  /** Largest outblob accepted (TDX quotes with certificates are ~5 KiB, SNP reports 1184 B). */
  static final int MAX_OUTBLOB = 64 * 1024;
  /** Largest auxblob accepted (SNP certificate table: VCEK, ASK, ARK). */
  static final int MAX_AUXBLOB = 64 * 1024;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Path root;
  private final int maxAttempts;
  /** Test seam standing in for the kernel; no-op against real configfs. */
  private volatile KernelHook kernel = new KernelHook() {};

  /**
   * A report generator.
   *
   * @param root the report directory, normally /sys/kernel/config/tsm/report
   * @param maxAttempts attempts when a race is detected
   */
  public ConfigfsTsm(Path root, int maxAttempts) {
    this.root = root;
    this.maxAttempts = maxAttempts;
  }

  /**
   * What the kernel does on its own to a report instance. Real configfs populates the attributes
   * at mkdir and regenerates outblob after an inblob write; plain files in a test tree cannot, so
   * tests install a hook doing it (and, to test race detection, bumping generation as a second
   * writer would).
   */
  interface KernelHook {
    /** After the instance directory was created. */
    default void created(Path dir) throws IOException {}

    /** After inblob was written, before outblob is read. */
    default void written(Path dir) throws IOException {}
  }

  /** Installs the kernel stand-in (tests only). */
  void kernelHook(KernelHook hook) {
    this.kernel = hook;
  }

  /**
   * One report.
   *
   * @param provider what the provider file said ({@code tdx_guest}, {@code sev_guest})
   * @param outblob the quote (TDX) or attestation report (SNP)
   * @param auxblob SNP's certificate table, or empty
   */
  public record Report(String provider, byte[] outblob, byte[] auxblob) {}

  /** Whether configfs-tsm is present at the root. */
  public boolean available() {
    return Files.isDirectory(root);
  }

  /** The root directory. */
  public Path root() {
    return root;
  }

  /** A report binding {@code inblob} (exactly 64 bytes). */
  public Report report(byte[] inblob) throws IOException {
    if (inblob.length != 64) {
      throw new IOException("inblob must be 64 bytes, was " + inblob.length);
    }
    if (!available()) {
      throw new IOException("configfs-tsm is not available: " + root + " does not exist (needs a TDX or"
          + " SEV-SNP guest on Linux 6.7+ with configfs mounted at /sys/kernel/config)");
    }
    IOException last = null;
    for (int attempt = 1; attempt <= maxAttempts; attempt++) {
      Path dir = root.resolve("sereca-" + HexFormat.of().formatHex(randomBytes()));
      try {
        Files.createDirectory(dir);
      } catch (IOException e) {
        throw new IOException("cannot create report instance " + dir + ": " + e.getMessage(), e);
      }
      try {
        kernel.created(dir);
        long before = generation(dir);
        Files.write(dir.resolve("inblob"), inblob, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
        kernel.written(dir);
        byte[] out = read(dir.resolve("outblob"), 1, MAX_OUTBLOB);
        String provider = new String(read(dir.resolve("provider"), 1, 64), StandardCharsets.US_ASCII).trim();
        byte[] aux = Files.exists(dir.resolve("auxblob")) ? read(dir.resolve("auxblob"), 0, MAX_AUXBLOB) : new byte[0];
        long after = generation(dir);
        if (after != before + 1) {
          last = new IOException("configfs-tsm report " + dir.getFileName() + " raced: generation went from "
              + before + " to " + after + " around our single write (another writer used the instance)");
          continue;
        }
        return new Report(provider, out, aux);
      } finally {
        try {
          deleteInstance(dir);
        } catch (IOException e) {
          // configfs removes the instance's attributes with it; a leftover is harmless.
        }
      }
    }
    throw new IOException(last.getMessage() + "; gave up after " + maxAttempts + " attempts", last);
  }

  /** rmdir; a plain test tree also needs its files removed first (configfs does that itself). */
  private static void deleteInstance(Path dir) throws IOException {
    if (!dir.startsWith("/sys/")) {
      try (var files = Files.list(dir)) {
        for (Path f : (Iterable<Path>) files::iterator) {
          Files.deleteIfExists(f);
        }
      }
    }
    Files.deleteIfExists(dir);
  }

  private static byte[] randomBytes() {
    byte[] b = new byte[8];
    RANDOM.nextBytes(b);
    return b;
  }

  private static long generation(Path dir) throws IOException {
    Path f = dir.resolve("generation");
    String text = new String(read(f, 1, 24), StandardCharsets.US_ASCII).trim();
    try {
      long g = Long.parseLong(text);
      if (g < 0) {
        throw new NumberFormatException();
      }
      return g;
    } catch (NumberFormatException e) {
      throw new IOException(f + " is not a non-negative integer: '" + text.replaceAll("[^\\x20-\\x7e]", "?") + "'");
    }
  }

  /** Reads a whole attribute of {@code min..max} bytes, never more than {@code max + 1}. */
  static byte[] read(Path file, int min, int max) throws IOException {
    byte[] buf;
    try (InputStream in = Files.newInputStream(file)) {
      buf = in.readNBytes(max + 1);
    } catch (NoSuchFileException e) {
      throw new IOException(file + " does not exist", e);
    }
    if (buf.length > max) {
      throw new IOException(file + " holds more than " + max + " bytes");
    }
    if (buf.length < min) {
      throw new IOException(file + " holds " + buf.length + " bytes, expected at least " + min);
    }
    return buf;
  }
}
