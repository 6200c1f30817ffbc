package io.sereca.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.sereca.cli.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Bundles and keys for the command tests, made the way a user would make them. */
final class Fixtures {

  private Fixtures() {}

  /** Writes the unsigned example bundle to {@code dir/hello-enclave.jar}. */
  static Path unsignedBundle(Path dir) throws IOException {
    return Files.write(dir.resolve("hello-enclave.jar"), ExampleBundle.unsignedJar());
  }

  /** Generates a key pair in {@code dir} with {@code sereca enclave keygen}. */
  static Path keys(Path dir) {
    Cli.Result r = Cli.run("enclave", "keygen", "--out", dir.toString());
    assertThat(r.exitCode()).as(r.toString()).isZero();
    return dir;
  }

  /** Signs the example bundle with a fresh key in {@code dir}; returns the signed bundle. */
  static Path signedBundle(Path dir) throws IOException {
    Path keys = keys(dir.resolve("keys"));
    Path signed = dir.resolve("hello-enclave.signed.jar");
    Cli.Result r = Cli.run("enclave", "sign", unsignedBundle(dir).toString(),
        "--key", keys.resolve("signer.key").toString(),
        "--pub", keys.resolve("signer.pub").toString(),
        "--out", signed.toString());
    assertThat(r.exitCode()).as(r.toString()).isZero();
    return signed;
  }

  /** The value printed after {@code label} on a line of {@code output}, e.g. a measurement. */
  static String field(String output, String label) {
    for (String line : output.split("\n")) {
      String trimmed = line.strip();
      if (trimmed.startsWith(label)) {
        return trimmed.substring(label.length()).strip().split(" ")[0];
      }
    }
    throw new AssertionError("no '" + label + "' in:\n" + output);
  }
}
