package io.sereca.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.sereca.bus.DevPki;
import io.sereca.cli.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PkiCommandTest {

  @TempDir Path tmp;

  @Test
  void initCreatesTheCaAndNodeIssuesACertificateItSigned() throws Exception {
    Path dir = tmp.resolve("pki");
    Cli.Result init = Cli.run("pki", "init", "--dir", dir.toString());
    assertThat(init.exitCode()).as(init.toString()).isZero();
    assertThat(init.out()).contains("CA certificate: " + dir.resolve("ca.pem"));

    Cli.Result node = Cli.run("pki", "node", "node-1", "--dir", dir.toString(), "--host", "node1.local");
    assertThat(node.exitCode()).as(node.toString()).isZero();
    Path key = dir.resolve("node-1-key.pem");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
    X509Certificate cert = DevPki.readCertificate(dir.resolve("node-1.pem"));
    X509Certificate ca = DevPki.readCertificate(dir.resolve("ca.pem"));
    cert.verify(ca.getPublicKey());
    assertThat(cert.getSubjectAlternativeNames()).anySatisfy(san -> assertThat(san.get(1)).isEqualTo("node1.local"));
    assertThat(node.out()).contains("trustAll=false");
  }

  @Test
  void aBadNodeNameIsAUsageError() {
    Cli.Result r = Cli.run("pki", "node", "../evil", "--dir", tmp.toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("node name must be");
  }

  @Test
  void aMissingSubcommandIsAUsageError() {
    Cli.Result r = Cli.run("pki");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("missing subcommand");
  }
}
