package io.sereca.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.sereca.cli.Cli;
import io.sereca.host.SignerKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeygenCommandTest {

  @TempDir
  Path tmp;

  @Test
  void writesAPrivateKeyOnlyTheOwnerCanReadAndThePublicKey() throws Exception {
    Path dir = tmp.resolve("keys");

    Cli.Result r = Cli.run("enclave", "keygen", "--out", dir.toString());

    assertThat(r.exitCode()).as(r.toString()).isZero();
    Path privateKey = dir.resolve("signer.key");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(privateKey))).isEqualTo("rw-------");
    assertThat(Files.readString(privateKey)).startsWith("-----BEGIN PRIVATE KEY-----");
    PublicKey publicKey = SignerKeys.readPublicKey(dir.resolve("signer.pub"));
    SignerKeys.readPrivateKey(privateKey);
    String signer = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(publicKey.getEncoded()));
    assertThat(Fixtures.field(r.out(), "signer:")).isEqualTo(signer);
  }

  @Test
  void refusesToOverwriteAnExistingKey() throws Exception {
    Path dir = Fixtures.keys(tmp.resolve("keys"));
    byte[] before = Files.readAllBytes(dir.resolve("signer.key"));

    Cli.Result r = Cli.run("enclave", "keygen", "--out", dir.toString());

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).startsWith("sereca: refusing to overwrite the existing key file "
        + dir.resolve("signer.key")).doesNotContain("\tat ");
    assertThat(Files.readAllBytes(dir.resolve("signer.key"))).isEqualTo(before);
  }

  @Test
  void refusesWhenOnlyThePublicKeyExists() throws Exception {
    Files.writeString(tmp.resolve("signer.pub"), "keep me");

    Cli.Result r = Cli.run("enclave", "keygen", "--out", tmp.toString());

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("refusing to overwrite the existing key file " + tmp.resolve("signer.pub"));
    assertThat(tmp.resolve("signer.key")).doesNotExist();
    assertThat(Files.readString(tmp.resolve("signer.pub"))).isEqualTo("keep me");
  }

  @Test
  void outMustBeADirectory() throws Exception {
    Path file = Files.writeString(tmp.resolve("file"), "x");

    Cli.Result r = Cli.run("enclave", "keygen", "--out", file.toString());

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).isEqualTo("sereca: " + file + " exists and is not a directory" + System.lineSeparator());
  }

  @Test
  void withoutOutIsAUsageError() {
    Cli.Result r = Cli.run("enclave", "keygen");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("Missing required option: '--out=DIR'").contains("Usage: sereca enclave keygen");
  }
}
