package io.sereca.cli.internal;

import io.sereca.cas.AuditEntry;
import io.sereca.cas.CasException;
import io.sereca.cli.SerecaCommand;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sereca cas audit --user U --key KEY}: show and verify the audit log. */
@Command(name = "audit", mixinStandardHelpOptions = true,
    description = {"Print the CAS's audit log and verify it: the hash chain from the first entry, and",
        "its head as signed by the verified CAS enclave. Exit 1 if anything was altered or dropped."})
public final class CasAuditCommand implements Callable<Integer> {

  @Spec private CommandSpec spec;
  @Mixin private CasConnection cas;
  @Option(names = "--user", required = true) private String user;
  @Option(names = "--key", required = true, paramLabel = "KEYFILE") private Path key;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    var client = cas.client();
    var id = cas.verify(client, out);
    List<AuditEntry> entries;
    try {
      entries = client.audit(id, user, CasConnection.userKey(key));
    } catch (CasException e) {
      throw new CommandFailure("audit log NOT verified: " + e.getMessage());
    }
    for (AuditEntry e : entries) {
      out.printf("%5d %s %-11s %-8s %-20s %s%n", e.seq(), Instant.ofEpochMilli(e.time()), e.type(), e.outcome(),
          e.subject(), e.detail());
    }
    out.println("audit log verified: " + entries.size() + " entries, hash chain intact, head signed by the CAS enclave");
    out.flush();
    return SerecaCommand.EXIT_OK;
  }
}
