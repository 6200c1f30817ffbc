package io.sereca.host.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * A set of named files in canonical form: sorted by name, directories dropped, timestamps,
 * compression and entry order ignored. Its digest is what measurements and signatures cover, so
 * two clean builds of the same sources give the same digest.
 */
public final class CanonicalTree {

  private final SortedMap<String, byte[]> entries;

  private CanonicalTree(SortedMap<String, byte[]> entries) {
    this.entries = entries;
  }

  /** A tree of the given entries (not copied: the caller hands them over). */
  public static CanonicalTree of(Map<String, byte[]> entries) {
    return new CanonicalTree(Collections.unmodifiableSortedMap(new TreeMap<>(entries)));
  }

  /**
   * Reads a jar/zip held in memory, refusing duplicate names, path traversal and oversize content.
   *
   * @throws IOException naming the problem
   */
  public static CanonicalTree readZip(byte[] zip, long maxTotalBytes) throws IOException {
    TreeMap<String, byte[]> out = new TreeMap<>();
    long total = 0;
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      ZipEntry e;
      byte[] buf = new byte[8192];
      while ((e = in.getNextEntry()) != null) {
        String name = e.getName();
        if (name.startsWith("/") || name.contains("\\") || name.equals("..") || name.startsWith("../")
            || name.contains("/../") || name.endsWith("/..")) {
          throw new IOException("entry name '" + name + "' escapes the archive");
        }
        if (e.isDirectory()) {
          continue;
        }
        java.io.ByteArrayOutputStream content = new java.io.ByteArrayOutputStream();
        int n;
        while ((n = in.read(buf)) > 0) {
          total += n;
          if (total > maxTotalBytes) {
            throw new IOException("archive content exceeds " + maxTotalBytes + " bytes");
          }
          content.write(buf, 0, n);
        }
        if (out.put(name, content.toByteArray()) != null) {
          throw new IOException("entry '" + name + "' appears twice");
        }
      }
    }
    if (out.isEmpty()) {
      throw new IOException("not a jar, or a jar with no entries");
    }
    return new CanonicalTree(Collections.unmodifiableSortedMap(out));
  }

  /** Entries by name, sorted. */
  public SortedMap<String, byte[]> entries() {
    return entries;
  }

  /** A copy without the named entries. */
  public CanonicalTree without(String... names) {
    TreeMap<String, byte[]> copy = new TreeMap<>(entries);
    for (String name : names) {
      copy.remove(name);
    }
    return new CanonicalTree(Collections.unmodifiableSortedMap(copy));
  }

  /**
   * SHA-256 over {@code domain | count | (u32 nameLength | name | u64 contentLength | content)*}
   * in name order.
   */
  public byte[] digest(String domain) {
    MessageDigest sha = sha256();
    sha.update(domain.getBytes(StandardCharsets.US_ASCII));
    sha.update(longBytes(entries.size()));
    for (Map.Entry<String, byte[]> e : entries.entrySet()) {
      byte[] name = e.getKey().getBytes(StandardCharsets.UTF_8);
      sha.update(longBytes(name.length));
      sha.update(name);
      sha.update(longBytes(e.getValue().length));
      sha.update(e.getValue());
    }
    return sha.digest();
  }

  /** Adds (or replaces) one entry, returning a new tree. */
  public CanonicalTree with(String name, byte[] content) {
    TreeMap<String, byte[]> copy = new TreeMap<>(entries);
    copy.put(name, content);
    return new CanonicalTree(Collections.unmodifiableSortedMap(copy));
  }

  /**
   * These entries as a zip (jar) in canonical form: sorted names, fixed timestamps, no directory
   * entries, nothing before or after. A jar rebuilt this way reads the same through every zip
   * parser, so what was measured is exactly what a class loader will load.
   */
  public byte[] toZip() {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(64 * 1024);
    try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(bytes)) {
      for (Map.Entry<String, byte[]> e : entries.entrySet()) {
        java.util.zip.ZipEntry entry = new java.util.zip.ZipEntry(e.getKey());
        entry.setTime(FIXED_ENTRY_TIME);
        zip.putNextEntry(entry);
        zip.write(e.getValue());
        zip.closeEntry();
      }
    } catch (IOException e) {
      throw new IllegalStateException("writing a zip to memory failed", e);
    }
    return bytes.toByteArray();
  }

  private static final long FIXED_ENTRY_TIME = 315_532_800_000L; // 1980-01-01, zip's epoch

  static byte[] longBytes(long v) {
    byte[] b = new byte[8];
    for (int i = 7; i >= 0; i--) {
      b[i] = (byte) v;
      v >>>= 8;
    }
    return b;
  }

  /** A SHA-256 instance (always present in the JDK). */
  public static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks SHA-256", e);
    }
  }
}
