package io.sereca.cli.internal;

import io.sereca.cas.CasException;
import io.sereca.cas.CasStatements;
import io.sereca.cas.Manifest;
import io.sereca.cas.ManifestException;
import io.sereca.cli.SerecaCommand;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sereca cas manifest set|get|sign}. */
@Command(name = "manifest", mixinStandardHelpOptions = true,
    description = "Set, read or sign the CAS manifest.",
    subcommands = {CasManifestCommand.Set.class, CasManifestCommand.Get.class, CasManifestCommand.Sign.class})
public final class CasManifestCommand implements Runnable {

  @Spec
  private CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "missing subcommand: set, get or sign");
  }

  static byte[] read(Path file) {
    try {
      byte[] bytes = Files.readAllBytes(file);
      Manifest.parse(bytes);
      return bytes;
    } catch (IOException e) {
      throw CommandFailure.because("cannot read the manifest " + file, e);
    } catch (ManifestException e) {
      throw new CommandFailure("invalid manifest " + file + ": " + e.getMessage());
    }
  }

  /** {@code manifest set FILE --sign-with NAME=KEY... --signature NAME=BASE64...}. */
  @Command(name = "set", mixinStandardHelpOptions = true,
      description = {"Upload a new manifest version. It must be signed by enough users with the update",
          "role of the current manifest (for the first version: of the new one itself)."})
  static final class Set implements Callable<Integer> {
    @Spec private CommandSpec spec;
    @Mixin private CasConnection cas;
    @Parameters(index = "0", paramLabel = "MANIFEST") private Path file;
    @Option(names = "--sign-with", paramLabel = "USER=KEYFILE", description = "Sign as USER with this Ed25519 key.")
    private Map<String, Path> signWith = new LinkedHashMap<>();
    @Option(names = "--signature", paramLabel = "USER=BASE64", description = "A signature made with 'manifest sign'.")
    private Map<String, String> signatures = new LinkedHashMap<>();

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      byte[] manifest = read(file);
      var client = cas.client();
      cas.verify(client, out);
      String previous = client.currentManifestHash();
      Map<String, byte[]> sigs = new LinkedHashMap<>();
      for (var e : signWith.entrySet()) {
        sigs.put(e.getKey(), CasStatements.signAsUser(CasConnection.userKey(e.getValue()),
            CasStatements.manifestUpdate(previous, manifest)));
      }
      signatures.forEach((user, b64) -> sigs.put(user, Base64.getDecoder().decode(b64)));
      try {
        JsonObject r = client.setManifest(manifest, sigs);
        out.println("manifest version " + r.getInteger("version") + " set: " + r.getString("hash"));
      } catch (CasException e) {
        throw new CommandFailure(e.getMessage());
      }
      out.flush();
      return SerecaCommand.EXIT_OK;
    }
  }

  /** {@code manifest get [--out FILE]}. */
  @Command(name = "get", mixinStandardHelpOptions = true, description = "Print (or save) the current manifest and its hash chain.")
  static final class Get implements Callable<Integer> {
    @Spec private CommandSpec spec;
    @Mixin private CasConnection cas;
    @Option(names = "--out", paramLabel = "FILE", description = "Write the manifest to FILE instead of printing it.")
    private Path outFile;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      var client = cas.client();
      cas.verify(client, out);
      JsonObject m;
      try {
        m = client.manifest();
      } catch (CasException e) {
        throw new CommandFailure(e.getMessage());
      }
      byte[] bytes = Base64.getDecoder().decode(m.getString("manifest"));
      for (Object h : m.getJsonArray("history")) {
        JsonObject v = (JsonObject) h;
        out.println("# version " + v.getInteger("version") + " " + v.getString("hash") + " <- "
            + (v.getString("previous") == null ? "none" : v.getString("previous")) + " signed by " + v.getJsonArray("signers"));
      }
      if (outFile != null) {
        Files.write(outFile, bytes);
        out.println("manifest written to " + outFile);
      } else {
        out.print(new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
      }
      out.flush();
      return SerecaCommand.EXIT_OK;
    }
  }

  /** {@code manifest sign FILE --key KEYFILE --previous HASH|none}: an offline co-signature. */
  @Command(name = "sign", mixinStandardHelpOptions = true,
      description = "Sign a manifest update offline; prints the base64 signature for 'manifest set --signature'.")
  static final class Sign implements Callable<Integer> {
    @Spec private CommandSpec spec;
    @Parameters(index = "0", paramLabel = "MANIFEST") private Path file;
    @Option(names = "--key", required = true, paramLabel = "KEYFILE") private Path key;
    @Option(names = "--previous", required = true, paramLabel = "HASH|none",
        description = "Hash of the current manifest ('none' for the first version).")
    private String previous;

    @Override
    public Integer call() throws GeneralSecurityException {
      byte[] manifest = read(file);
      byte[] sig = CasStatements.signAsUser(CasConnection.userKey(key),
          CasStatements.manifestUpdate("none".equals(previous) ? null : previous, manifest));
      spec.commandLine().getOut().println(Base64.getEncoder().encodeToString(sig));
      spec.commandLine().getOut().flush();
      return SerecaCommand.EXIT_OK;
    }
  }
}
