package io.sereca.cli.internal;

import io.sereca.cas.CasException;
import io.sereca.cli.SerecaCommand;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sereca cas node-cert}: a cluster node's event-bus TLS certificate from a manifest CA. */
@Command(name = "node-cert", mixinStandardHelpOptions = true,
    description = {"Make a cluster node's event-bus TLS key here and have the CAS certify it with one of",
        "the manifest's CAs. Writes DIR/NODE.pem, DIR/NODE-key.pem (mode 0600) and DIR/ca.pem, the",
        "layout 'sereca pki' uses, so ClusterTls takes them as they are."})
public final class CasNodeCertCommand implements Callable<Integer> {

  @Spec private CommandSpec spec;
  @Mixin private CasConnection cas;
  @Option(names = "--issuer", required = true, description = "The manifest's ca secret that signs.") private String ca;
  @Option(names = "--node", required = true, description = "Node name (the certificate's CN and a DNS name).")
  private String node;
  @Option(names = "--out", required = true, paramLabel = "DIR") private Path out;
  @Option(names = "--user", required = true) private String user;
  @Option(names = "--key", required = true, paramLabel = "KEYFILE") private Path key;

  @Override
  public Integer call() throws Exception {
    PrintWriter w = spec.commandLine().getOut();
    Path keyFile = out.resolve(node + "-key.pem");
    if (Files.exists(keyFile)) {
      throw new CommandFailure("refusing to overwrite " + keyFile);
    }
    var client = cas.client();
    cas.verify(client, w);
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair pair = g.generateKeyPair();
    java.security.cert.X509Certificate[] certs;
    try {
      certs = client.nodeCertificate(ca, node, pair.getPublic(), user, CasConnection.userKey(key));
    } catch (CasException e) {
      throw new CommandFailure(e.getMessage());
    }
    try {
      Files.createDirectories(out);
      Files.createFile(keyFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(keyFile, pem("PRIVATE KEY", pair.getPrivate().getEncoded()), StandardCharsets.US_ASCII);
      Files.writeString(out.resolve(node + ".pem"), pem("CERTIFICATE", certs[0].getEncoded()), StandardCharsets.US_ASCII);
      Files.writeString(out.resolve("ca.pem"), pem("CERTIFICATE", certs[1].getEncoded()), StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw CommandFailure.because("cannot write the node's files to " + out, e);
    }
    w.println("node certificate for " + node + " from " + ca + ": " + out.resolve(node + ".pem")
        + " (valid until " + certs[0].getNotAfter().toInstant() + ")");
    w.flush();
    return SerecaCommand.EXIT_OK;
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
        .encodeToString(der) + "\n-----END " + type + "-----\n";
  }
}
