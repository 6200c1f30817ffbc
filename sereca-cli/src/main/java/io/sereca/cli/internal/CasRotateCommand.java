package io.sereca.cli.internal;

import io.sereca.cas.CasException;
import io.sereca.cli.SerecaCommand;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sereca cas rotate NAME --user U --key KEY}. */
@Command(name = "rotate", mixinStandardHelpOptions = true,
    description = {"Rotate a generated secret (e.g. a route key) now. Running secure verticles are told",
        "on the bus and attested again; senders switch to the new version after the propagation time."})
public final class CasRotateCommand implements Callable<Integer> {

  @Spec private CommandSpec spec;
  @Mixin private CasConnection cas;
  @Parameters(index = "0", paramLabel = "NAME") private String name;
  @Option(names = "--user", required = true) private String user;
  @Option(names = "--key", required = true, paramLabel = "KEYFILE") private Path key;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    var client = cas.client();
    cas.verify(client, out);
    try {
      var r = client.rotate(name, user, CasConnection.userKey(key));
      out.println(name + " rotated to version " + r.getInteger("version") + ", used for sending from "
          + Instant.ofEpochMilli(r.getLong("activeFrom")));
    } catch (CasException e) {
      throw new CommandFailure(e.getMessage());
    }
    out.flush();
    return SerecaCommand.EXIT_OK;
  }
}
