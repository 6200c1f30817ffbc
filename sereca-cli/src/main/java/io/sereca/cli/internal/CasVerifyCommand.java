package io.sereca.cli.internal;

import io.sereca.cas.CasIdentity;
import io.sereca.cli.SerecaCommand;
import java.io.PrintWriter;
import java.util.Base64;
import java.util.HexFormat;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code sereca cas verify}: check the CAS's evidence before trusting it. */
@Command(name = "verify", mixinStandardHelpOptions = true,
    description = {"Verify the CAS: fresh nonce, evidence checked against --expect-measurement, and",
        "the keys its enclave vouches for. Exit 0 only if it verifies."})
public final class CasVerifyCommand implements Callable<Integer> {

  @Spec
  private CommandSpec spec;

  @Mixin
  private CasConnection cas;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    CasIdentity id = cas.verify(cas.client(), out);
    out.println("CAS verified" + (id.simulated() ? " (SIMULATED evidence)" : ""));
    out.println("  measurement:  " + id.measurement());
    out.println("  signing key:  " + Base64.getEncoder().encodeToString(id.signingKey().getEncoded()));
    out.println("  exchange key: " + HexFormat.of().formatHex(id.exchangeKey()));
    out.flush();
    return SerecaCommand.EXIT_OK;
  }
}
