package io.sereca.cli.internal;

import io.sereca.cas.CasException;
import io.sereca.cli.SerecaCommand;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sereca cas secret put}. */
@Command(name = "secret", mixinStandardHelpOptions = true, description = "Upload user-provided secrets.",
    subcommands = CasSecretCommand.Put.class)
public final class CasSecretCommand implements Runnable {

  @Spec
  private CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "missing subcommand: put");
  }

  /** {@code secret put NAME (--value-file FILE | --value-stdin) --user U --key KEY}. */
  @Command(name = "put", mixinStandardHelpOptions = true,
      description = {"Upload a secret's value, encrypted to the verified CAS enclave's key (the CAS host",
          "never sees it). Never pass secrets on the command line: use a file or standard input."})
  static final class Put implements Callable<Integer> {
    @Spec private CommandSpec spec;
    @Mixin private CasConnection cas;
    @Parameters(index = "0", paramLabel = "NAME") private String name;
    @ArgGroup(multiplicity = "1") private Source source;
    @Option(names = "--user", required = true) private String user;
    @Option(names = "--key", required = true, paramLabel = "KEYFILE") private Path key;

    static final class Source {
      @Option(names = "--value-file", paramLabel = "FILE") Path file;
      @Option(names = "--value-stdin") boolean stdin;
    }

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      byte[] value;
      try {
        value = source.file != null ? Files.readAllBytes(source.file) : System.in.readAllBytes();
      } catch (IOException e) {
        throw CommandFailure.because("cannot read the secret's value", e);
      }
      var client = cas.client();
      var id = cas.verify(client, out);
      try {
        var r = client.putSecret(id, name, value, user, CasConnection.userKey(key));
        out.println("secret " + name + " version " + r.getInteger("version") + " uploaded ("
            + value.length + " bytes, encrypted to the CAS enclave)");
      } catch (CasException e) {
        throw new CommandFailure(e.getMessage());
      } finally {
        java.util.Arrays.fill(value, (byte) 0);
      }
      out.flush();
      return SerecaCommand.EXIT_OK;
    }
  }

  static String utf8(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }
}
