package io.sereca.bench.harness.internal;

/** Payload sizes as people write them. */
final class Payloads {

  private Payloads() {}

  /** {@code 0 B}, {@code 512 B}, {@code 4 KiB}, {@code 256 KiB}. */
  static String label(int bytes) {
    return bytes >= 1024 && bytes % 1024 == 0 ? (bytes / 1024) + " KiB" : bytes + " B";
  }
}
