package io.sereca.cli.internal;

import io.sereca.bus.DevPki;
import io.sereca.cli.SerecaCommand;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code sereca pki}: a development PKI for event-bus TLS between cluster nodes, until the
 * configuration and attestation service issues node certificates.
 */
@Command(
    name = "pki",
    mixinStandardHelpOptions = true,
    description = {
        "Development PKI for event-bus TLS (mutual authentication between cluster nodes).",
        "Not for production: the CA key is an ordinary file."},
    subcommands = {PkiCommand.Init.class, PkiCommand.Node.class})
public final class PkiCommand implements Runnable {

  /** Default PKI directory. */
  static final String DEFAULT_DIR = "pki";

  @Spec
  private CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "missing subcommand: init or node");
  }

  static DevPki open(Path dir) {
    try {
      return DevPki.open(dir);
    } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
      throw CommandFailure.because("cannot open the PKI in " + dir, e);
    }
  }

  /** {@code sereca pki init}: create (or show) the CA. */
  @Command(name = "init", mixinStandardHelpOptions = true,
      description = "Create the CA in DIR (EC P-256, key mode 0600), or show the existing one.")
  static final class Init implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--dir", paramLabel = "DIR", defaultValue = DEFAULT_DIR,
        description = "PKI directory (default: ${DEFAULT-VALUE}).")
    private Path dir;

    @Override
    public Integer call() {
      DevPki pki = open(dir);
      PrintWriter w = spec.commandLine().getOut();
      w.println("CA certificate: " + pki.caCertificateFile());
      w.println("CA subject:     " + pki.caCertificate().getSubjectX500Principal().getName());
      w.println("valid until:    " + pki.caCertificate().getNotAfter().toInstant());
      w.flush();
      return SerecaCommand.EXIT_OK;
    }
  }

  /** {@code sereca pki node}: issue a node certificate. */
  @Command(name = "node", mixinStandardHelpOptions = true,
      description = {"Issue (or re-issue) a certificate for cluster node NAME, signed by the CA in DIR",
          "(created if missing). Subject alternative names: 127.0.0.1, localhost and any --host."})
  static final class Node implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME", description = "Node name: letters, digits, '.', '_' or '-'.")
    private String name;

    @Option(names = "--dir", paramLabel = "DIR", defaultValue = DEFAULT_DIR,
        description = "PKI directory (default: ${DEFAULT-VALUE}).")
    private Path dir;

    @Option(names = "--host", paramLabel = "DNS", description = "Extra DNS name for the certificate (repeatable).")
    private List<String> hosts = new ArrayList<>();

    @Override
    public Integer call() {
      DevPki pki = open(dir);
      DevPki.NodeCredentials node;
      try {
        node = pki.issueNode(name, hosts.toArray(String[]::new));
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), e.getMessage());
      } catch (IOException | GeneralSecurityException e) {
        throw CommandFailure.because("cannot issue a certificate for " + name, e);
      }
      PrintWriter w = spec.commandLine().getOut();
      w.println("certificate: " + node.certificate());
      w.println("private key: " + node.privateKey() + " (mode 0600)");
      w.println("CA:          " + node.caCertificate());
      w.println("use with:    ClusterTls.eventBusOptions(ca, certificate, key): TLS 1.3, mutual auth, trustAll=false");
      w.flush();
      return SerecaCommand.EXIT_OK;
    }
  }
}
