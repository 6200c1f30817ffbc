package io.sereca.cli.internal;

import io.sereca.cas.CasException;
import io.sereca.cli.SerecaCommand;
import io.sereca.enclave.crypto.ProvisioningCipher;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sereca cas recovery key|export|import}: move a CAS to a new host. */
@Command(name = "recovery", mixinStandardHelpOptions = true,
    description = {"Move a CAS's manifests and secrets to a new host with the owner's recovery key",
        "(named in the manifest's recoveryKey)."},
    subcommands = {CasRecoveryCommand.Key.class, CasRecoveryCommand.Export.class, CasRecoveryCommand.Import.class})
public final class CasRecoveryCommand implements Runnable {

  @Spec
  private CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "missing subcommand: key, export or import");
  }

  static KeyPair readKeyPair(Path dir) {
    try {
      KeyFactory f = KeyFactory.getInstance("X25519");
      return new KeyPair(
          f.generatePublic(new X509EncodedKeySpec(pem(dir.resolve("recovery.pub")))),
          f.generatePrivate(new PKCS8EncodedKeySpec(pem(dir.resolve("recovery.key")))));
    } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
      throw CommandFailure.because("cannot read the recovery key pair in " + dir, e);
    }
  }

  private static byte[] pem(Path file) throws IOException {
    String text = Files.readString(file, StandardCharsets.US_ASCII).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    return Base64.getDecoder().decode(text);
  }

  private static void writePem(Path file, String type, byte[] der, boolean secret) throws IOException {
    String text = "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
        .encodeToString(der) + "\n-----END " + type + "-----\n";
    if (secret) {
      Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    }
    Files.writeString(file, text, StandardCharsets.US_ASCII);
  }

  /** {@code recovery key --out DIR}. */
  @Command(name = "key", mixinStandardHelpOptions = true,
      description = "Generate the owner's X25519 recovery key pair (DIR/recovery.key, mode 0600; DIR/recovery.pub).")
  static final class Key implements Callable<Integer> {
    @Spec private CommandSpec spec;
    @Option(names = "--out", required = true, paramLabel = "DIR") private Path out;

    @Override
    public Integer call() throws Exception {
      if (Files.exists(out.resolve("recovery.key"))) {
        throw new CommandFailure("refusing to overwrite " + out.resolve("recovery.key"));
      }
      KeyPair pair = ProvisioningCipher.generateKeyPair();
      Files.createDirectories(out);
      writePem(out.resolve("recovery.key"), "PRIVATE KEY", pair.getPrivate().getEncoded(), true);
      writePem(out.resolve("recovery.pub"), "PUBLIC KEY", pair.getPublic().getEncoded(), false);
      PrintWriter w = spec.commandLine().getOut();
      w.println("recovery key: " + out.resolve("recovery.key") + " (mode 0600; keep it offline)");
      w.println("manifest entry:");
      w.println("recoveryKey: " + Base64.getEncoder().encodeToString(ProvisioningCipher.rawPublicKey(pair.getPublic())));
      w.flush();
      return SerecaCommand.EXIT_OK;
    }
  }

  /** {@code recovery export --out FILE}. */
  @Command(name = "export", mixinStandardHelpOptions = true,
      description = "Save the CAS's manifests and secrets, encrypted to the manifest's recovery key.")
  static final class Export implements Callable<Integer> {
    @Spec private CommandSpec spec;
    @Mixin private CasConnection cas;
    @Option(names = "--out", required = true, paramLabel = "FILE") private Path out;

    @Override
    public Integer call() throws Exception {
      PrintWriter w = spec.commandLine().getOut();
      var client = cas.client();
      cas.verify(client, w);
      try {
        Files.write(out, client.exportForRecovery());
      } catch (CasException e) {
        throw new CommandFailure(e.getMessage());
      }
      w.println("exported to " + out + " (encrypted to the recovery key)");
      w.flush();
      return SerecaCommand.EXIT_OK;
    }
  }

  /** {@code recovery import FILE --recovery-key DIR}. */
  @Command(name = "import", mixinStandardHelpOptions = true,
      description = {"Load an export into a new CAS (one without a manifest): decrypted here with the",
          "recovery key and encrypted to the verified new CAS enclave."})
  static final class Import implements Callable<Integer> {
    @Spec private CommandSpec spec;
    @Mixin private CasConnection cas;
    @Parameters(index = "0", paramLabel = "EXPORT") private Path file;
    @Option(names = "--recovery-key", required = true, paramLabel = "DIR") private Path keyDir;

    @Override
    public Integer call() throws Exception {
      PrintWriter w = spec.commandLine().getOut();
      var client = cas.client();
      var id = cas.verify(client, w);
      try {
        var r = client.importRecovered(id, Files.readAllBytes(file), readKeyPair(keyDir));
        w.println("imported: manifest version " + r.getInteger("version") + " " + r.getString("hash"));
      } catch (CasException e) {
        throw new CommandFailure(e.getMessage());
      } catch (GeneralSecurityException e) {
        throw new CommandFailure("the export does not open with this recovery key");
      }
      w.flush();
      return SerecaCommand.EXIT_OK;
    }
  }
}
