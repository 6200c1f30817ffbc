package io.sereca.cli.internal;

import io.sereca.host.SignerKeys;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.KeyPair;

/**
 * The demo's files in {@code <data directory>/demo/}: a dev signing key (generated on first use,
 * reused after), the signed example bundle and the demo's attestation policy. The bundle and the
 * policy are rewritten on every run; the key never is.
 */
final class DemoWorkspace {

  /** The dev signing key pair and whether this run generated it. */
  record SigningKey(KeyPair pair, Path privateKeyFile, boolean generated) {}

  private static final Object LOCK = new Object();

  private final Path directory;

  private DemoWorkspace(Path directory) {
    this.directory = directory;
  }

  /** The demo directory of {@code dataDir}, created if missing. */
  static DemoWorkspace open(Path dataDir) {
    Path dir = dataDir.resolve("demo");
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw CommandFailure.because("cannot create the demo directory " + dir, e);
    }
    return new DemoWorkspace(dir);
  }

  /**
   * The dev signing key: read if both key files exist, generated if neither does. Runs under a
   * file lock so that two demos started at once agree on one key.
   */
  SigningKey signingKey() {
    Path privateKey = directory.resolve(KeygenCommand.PRIVATE_KEY_FILE);
    Path publicKey = directory.resolve(KeygenCommand.PUBLIC_KEY_FILE);
    synchronized (LOCK) {
      try (FileChannel channel = FileChannel.open(directory.resolve(".lock"),
              StandardOpenOption.CREATE, StandardOpenOption.WRITE);
          FileLock lock = channel.lock()) {
        boolean hasPrivate = Files.exists(privateKey);
        boolean hasPublic = Files.exists(publicKey);
        if (hasPrivate && hasPublic) {
          return new SigningKey(new KeyPair(SignerKeys.readPublicKey(publicKey),
              SignerKeys.readPrivateKey(privateKey)), privateKey, false);
        }
        if (hasPrivate || hasPublic) {
          throw new CommandFailure("the demo key in " + directory + " is incomplete (only "
              + (hasPrivate ? privateKey : publicKey).getFileName() + " exists); delete it to start afresh");
        }
        KeyPair pair = SignerKeys.generate();
        SignerKeys.save(pair, privateKey, publicKey);
        return new SigningKey(pair, privateKey, true);
      } catch (IOException | GeneralSecurityException e) {
        throw CommandFailure.because("cannot set up the demo signing key in " + directory, e);
      }
    }
  }

  /** Writes the signed example bundle (atomically) and returns its path. */
  Path writeBundle(byte[] signedJar) {
    return writeAtomically("hello-enclave.signed.jar", signedJar);
  }

  /**
   * Writes the demo's attestation policy: the exact measurement, and simulated evidence allowed
   * (explicitly, with a comment saying why) from {@code simulationRoot}.
   */
  Path writePolicy(String measurementHex, Path simulationRoot) {
    String yaml = "# Written by 'sereca demo' for the demo ONLY.\n"
        + "# allowSimulation: true accepts evidence that offers no hardware protection;\n"
        + "# production policies leave it false (the default) and pin real TEE evidence.\n"
        + "allowSimulation: true\n"
        + "simulationRoot: '" + simulationRoot.toString().replace("'", "''") + "'\n"
        + "allowedMeasurements:\n"
        + "  - " + measurementHex + "\n";
    return writeAtomically("demo-policy.yaml", yaml.getBytes(StandardCharsets.UTF_8));
  }

  private Path writeAtomically(String name, byte[] content) {
    Path target = directory.resolve(name);
    try {
      Path tmp = Files.createTempFile(directory, "." + name, ".tmp");
      try {
        Files.write(tmp, content);
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw CommandFailure.because("cannot write " + target, e);
    }
    return target;
  }
}
