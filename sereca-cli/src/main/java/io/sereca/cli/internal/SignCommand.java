package io.sereca.cli.internal;

import io.sereca.cli.SerecaCommand;
import io.sereca.host.BundleException;
import io.sereca.host.BundleSigner;
import io.sereca.host.EnclaveBundle;
import io.sereca.host.SignerKeys;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sereca enclave sign}: signs a bundle jar, then verifies and measures the result. */
@Command(
    name = "sign",
    mixinStandardHelpOptions = true,
    description = {
        "Sign an enclave bundle jar (app classes plus META-INF/sereca/enclave.properties) with a"
            + " developer key.",
        "The signed bundle is verified and measured before it is written; signing the same jar"
            + " with the same key gives the same bundle."})
public final class SignCommand implements Callable<Integer> {

  @Spec
  private CommandSpec spec;

  @Parameters(index = "0", paramLabel = "BUNDLE_JAR", description = "The unsigned (or re-signed) bundle jar.")
  private Path bundle;

  @Option(names = "--key", required = true, paramLabel = "FILE",
      description = "Private key (PEM, from 'sereca enclave keygen').")
  private Path key;

  @Option(names = "--pub", required = true, paramLabel = "FILE", description = "The matching public key (PEM).")
  private Path pub;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the signed bundle.")
  private Path out;

  @Override
  public Integer call() {
    if (!Files.isRegularFile(bundle)) {
      throw new CommandFailure("bundle " + bundle + " does not exist or is not a file");
    }
    PrivateKey privateKey = readPrivateKey(key);
    PublicKey publicKey = readPublicKey(pub);
    EnclaveBundle signed;
    try {
      signed = BundleSigner.sign(bundle, privateKey, publicKey, out.toAbsolutePath());
    } catch (BundleException e) {
      throw new CommandFailure(e.getMessage(), e);
    } catch (IOException e) {
      throw CommandFailure.because("cannot write the signed bundle " + out, e);
    }
    PrintWriter w = spec.commandLine().getOut();
    w.println("signed " + bundle + " -> " + out);
    BundleReport.print(w, signed, "  ");
    w.flush();
    return SerecaCommand.EXIT_OK;
  }

  /** Reads an Ed25519 private key file, failing with a message that names the file. */
  static PrivateKey readPrivateKey(Path file) {
    requireFile(file, "private key");
    try {
      return SignerKeys.readPrivateKey(file);
    } catch (IOException | GeneralSecurityException e) {
      throw CommandFailure.because("cannot read the private key " + file, e);
    }
  }

  /** Reads an Ed25519 public key file, failing with a message that names the file. */
  static PublicKey readPublicKey(Path file) {
    requireFile(file, "public key");
    try {
      return SignerKeys.readPublicKey(file);
    } catch (IOException | GeneralSecurityException e) {
      throw CommandFailure.because("cannot read the public key " + file, e);
    }
  }

  private static void requireFile(Path file, String what) {
    if (!Files.isRegularFile(file)) {
      throw new CommandFailure(what + " " + file
          + " does not exist or is not a file (create a key pair with 'sereca enclave keygen')");
    }
  }
}
