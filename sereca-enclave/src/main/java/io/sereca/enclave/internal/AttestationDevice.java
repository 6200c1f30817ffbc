package io.sereca.enclave.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Gramine's attestation pseudo-filesystem as the enclave sees it (default root
 * {@value #DEFAULT_ROOT}): the enclave obtains its own DCAP quote and its SGX sealing keys, so
 * neither passes through the untrusted host.
 *
 * <ul>
 *   <li>{@code attestation_type} must read {@code dcap};
 *   <li>quote: write 64 bytes to {@code user_report_data}, then read {@code quote};
 *   <li>sealing keys: {@code keys/_sgx_mrenclave} and {@code keys/_sgx_mrsigner}, 16 bytes each.
 * </ul>
 *
 * <p>The root is a parameter so tests can point it at a fake tree. Every read is bounded and
 * length-checked; a short, oversize or missing file is an {@link IOException} naming it.
 */
final class AttestationDevice {

  /** Where Gramine mounts the device. */
  static final String DEFAULT_ROOT = "/dev/attestation";
  /** Smallest plausible DCAP quote: 48-byte header + 384-byte report body + signature length. */
  static final int MIN_QUOTE_BYTES = 436;
  /** Largest quote accepted (real ones with an embedded PCK chain are ~5 KiB). */
  static final int MAX_QUOTE_BYTES = 64 * 1024;
  /** SGX sealing keys (EGETKEY) are 128-bit. */
  static final int SEAL_KEY_BYTES = 16;
  private static final int REPORT_DATA_BYTES = 64;

  private final Path root;

  private AttestationDevice(Path root) {
    this.root = root;
  }

  /** Opens the device at {@code root}, checking that it offers DCAP attestation. */
  static AttestationDevice open(Path root) throws IOException {
    Path typeFile = root.resolve("attestation_type");
    if (!Files.exists(typeFile)) {
      throw new IOException("no attestation device at " + root + " (" + typeFile
          + " missing): not running under Gramine with sgx.remote_attestation set");
    }
    byte[] type = read(typeFile, 1, 32);
    String text = new String(type, StandardCharsets.US_ASCII).trim();
    if (!text.equals("dcap")) {
      throw new IOException(typeFile + " reads '" + text.replaceAll("[^\\x20-\\x7e]", "?")
          + "', expected 'dcap' (set sgx.remote_attestation = \"dcap\" in the manifest)");
    }
    return new AttestationDevice(root);
  }

  /** A DCAP quote binding {@code reportData} (exactly 64 bytes). */
  byte[] quote(byte[] reportData) throws IOException {
    if (reportData.length != REPORT_DATA_BYTES) {
      throw new IOException("report data must be 64 bytes, was " + reportData.length);
    }
    Files.write(root.resolve("user_report_data"), reportData, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING);
    return read(root.resolve("quote"), MIN_QUOTE_BYTES, MAX_QUOTE_BYTES);
  }

  /** A 16-byte SGX sealing key: {@code _sgx_mrenclave} or {@code _sgx_mrsigner}. */
  byte[] sealKey(String name) throws IOException {
    return read(root.resolve("keys").resolve(name), SEAL_KEY_BYTES, SEAL_KEY_BYTES);
  }

  /** Reads a whole pseudo-file of {@code min..max} bytes, never more than {@code max + 1}. */
  static byte[] read(Path file, int min, int max) throws IOException {
    byte[] buf;
    try (InputStream in = Files.newInputStream(file)) {
      buf = in.readNBytes(max + 1);
    } catch (java.nio.file.NoSuchFileException e) {
      throw new IOException(file + " does not exist", e);
    } catch (IOException e) {
      throw new IOException("cannot read " + file + ": " + e.getMessage(), e);
    }
    if (buf.length > max) {
      throw new IOException(file + " holds more than " + max + " bytes");
    }
    if (buf.length < min) {
      throw new IOException(file + " holds " + buf.length + " bytes, expected at least " + min);
    }
    return Arrays.copyOf(buf, buf.length);
  }
}
