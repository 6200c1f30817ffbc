package io.sereca.cli.internal;

import io.sereca.cli.SerecaCommand;
import io.sereca.host.SignerKeys;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Base64;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sereca cas user-key --out DIR --name NAME}: a user's Ed25519 key pair for the manifest. */
@Command(name = "user-key", mixinStandardHelpOptions = true,
    description = {"Generate a CAS user's Ed25519 key pair (DIR/NAME.key, mode 0600, and DIR/NAME.pub) and",
        "print the 'publicKey' value for the manifest's users section. Existing keys are never overwritten."})
public final class CasUserKeyCommand implements Callable<Integer> {

  @Spec private CommandSpec spec;
  @Option(names = "--out", required = true, paramLabel = "DIR") private Path out;
  @Option(names = "--name", required = true) private String name;

  @Override
  public Integer call() {
    Path key = out.resolve(name + ".key");
    Path pub = out.resolve(name + ".pub");
    if (Files.exists(key) || Files.exists(pub)) {
      throw new CommandFailure("refusing to overwrite the existing key files for " + name + " in " + out);
    }
    KeyPair pair = SignerKeys.generate();
    try {
      Files.createDirectories(out);
      SignerKeys.save(pair, key, pub);
    } catch (IOException e) {
      throw CommandFailure.because("cannot write the key pair to " + out, e);
    }
    PrintWriter w = spec.commandLine().getOut();
    w.println("private key: " + key + " (mode 0600; keep it secret)");
    w.println("manifest entry:");
    w.println("  " + name + ": {publicKey: " + Base64.getEncoder().encodeToString(pair.getPublic().getEncoded())
        + ", roles: [update, secrets, audit]}");
    w.flush();
    return SerecaCommand.EXIT_OK;
  }
}
