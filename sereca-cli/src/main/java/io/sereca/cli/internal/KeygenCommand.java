package io.sereca.cli.internal;

import io.sereca.cli.SerecaCommand;
import io.sereca.host.SignerKeys;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.HexFormat;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sereca enclave keygen}: a new Ed25519 bundle signing key pair. */
@Command(
    name = "keygen",
    mixinStandardHelpOptions = true,
    description = {
        "Generate an Ed25519 key pair for signing enclave bundles: DIR/" + KeygenCommand.PRIVATE_KEY_FILE
            + " (private, mode 0600) and DIR/" + KeygenCommand.PUBLIC_KEY_FILE + ".",
        "Existing keys are never overwritten."})
public final class KeygenCommand implements Callable<Integer> {

  /** File name of the private key. */
  public static final String PRIVATE_KEY_FILE = "signer.key";
  /** File name of the public key. */
  public static final String PUBLIC_KEY_FILE = "signer.pub";

  @Spec
  private CommandSpec spec;

  @Option(names = "--out", required = true, paramLabel = "DIR",
      description = "Directory for the key files (created if missing).")
  private Path out;

  @Override
  public Integer call() {
    Path privateKey = out.resolve(PRIVATE_KEY_FILE);
    Path publicKey = out.resolve(PUBLIC_KEY_FILE);
    if (Files.exists(out) && !Files.isDirectory(out)) {
      throw new CommandFailure(out + " exists and is not a directory");
    }
    for (Path existing : new Path[] {privateKey, publicKey}) {
      if (Files.exists(existing)) {
        throw new CommandFailure("refusing to overwrite the existing key file " + existing
            + " (move it away, or choose another --out directory)");
      }
    }
    try {
      Files.createDirectories(out);
    } catch (IOException e) {
      throw CommandFailure.because("cannot create the directory " + out, e);
    }
    KeyPair pair = SignerKeys.generate();
    try {
      SignerKeys.save(pair, privateKey, publicKey);
    } catch (FileAlreadyExistsException e) {
      // Someone created a key file since we checked; keep theirs, remove ours if we wrote one.
      if (!privateKey.toString().equals(e.getFile())) {
        deleteQuietly(privateKey);
      }
      throw new CommandFailure("refusing to overwrite the existing key file " + e.getFile());
    } catch (IOException e) {
      // Neither file existed when we started, so a private key left here is ours and unusable.
      deleteQuietly(privateKey);
      throw CommandFailure.because("cannot write the key pair to " + out, e);
    }
    PrintWriter w = spec.commandLine().getOut();
    w.println("private key: " + privateKey + " (mode 0600; keep it secret, it signs your enclaves)");
    w.println("public key:  " + publicKey);
    w.println("signer:      " + signerId(pair.getPublic())
        + " (the enclaves' signer id; pin it in a policy's allowedSigners)");
    w.flush();
    return SerecaCommand.EXIT_OK;
  }

  /** The signer id of enclaves signed with {@code key}: SHA-256 of its encoding, in hex. */
  static String signerId(PublicKey key) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getEncoded()));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks SHA-256", e);
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException ignored) {
      // The error that brought us here is the one to report.
    }
  }
}
