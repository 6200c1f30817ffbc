package io.sereca.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.sereca.cli.Cli;
import io.sereca.host.EnclaveBundle;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SignCommandTest {

  @TempDir
  Path tmp;

  private Cli.Result sign(Path bundle, Path keys, Path out) {
    return Cli.run("enclave", "sign", bundle.toString(), "--key", keys.resolve("signer.key").toString(),
        "--pub", keys.resolve("signer.pub").toString(), "--out", out.toString());
  }

  @Test
  void writesABundleThatVerifiesAndPrintsItsIdentity() throws Exception {
    Path keys = Fixtures.keys(tmp.resolve("keys"));
    Path out = tmp.resolve("signed.jar");

    Cli.Result r = sign(Fixtures.unsignedBundle(tmp), keys, out);

    assertThat(r.exitCode()).as(r.toString()).isZero();
    EnclaveBundle bundle = EnclaveBundle.load(out);
    assertThat(Fixtures.field(r.out(), "measurement:")).isEqualTo(HexFormat.of().formatHex(bundle.measurement()));
    assertThat(Fixtures.field(r.out(), "signer:")).isEqualTo(HexFormat.of().formatHex(bundle.signerId()));
    assertThat(bundle.config().appClass()).isEqualTo(ExampleBundle.APP_CLASS);
  }

  @Test
  void signingTheSameJarWithTheSameKeyGivesTheSameBundle() throws Exception {
    Path keys = Fixtures.keys(tmp.resolve("keys"));
    Path unsigned = Fixtures.unsignedBundle(tmp);

    assertThat(sign(unsigned, keys, tmp.resolve("a.jar")).exitCode()).isZero();
    assertThat(sign(unsigned, keys, tmp.resolve("b.jar")).exitCode()).isZero();

    assertThat(Files.readAllBytes(tmp.resolve("a.jar"))).isEqualTo(Files.readAllBytes(tmp.resolve("b.jar")));
  }

  @Test
  void refusesAJarWithoutEnclaveConfig() throws Exception {
    Path keys = Fixtures.keys(tmp.resolve("keys"));
    ByteArrayOutputStream jar = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(jar)) {
      zip.putNextEntry(new ZipEntry("com/example/App.class"));
      zip.write(new byte[] {1, 2, 3});
      zip.closeEntry();
    }
    Path plain = Files.write(tmp.resolve("plain.jar"), jar.toByteArray());

    Cli.Result r = sign(plain, keys, tmp.resolve("out.jar"));

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).startsWith("sereca: bundle " + plain + " has no enclave config").doesNotContain("\tat ");
    assertThat(tmp.resolve("out.jar")).doesNotExist();
  }

  @Test
  void refusesAPublicKeyThatDoesNotMatchThePrivateKey() throws Exception {
    Path keys = Fixtures.keys(tmp.resolve("keys"));
    Path other = Fixtures.keys(tmp.resolve("other"));

    Cli.Result r = Cli.run("enclave", "sign", Fixtures.unsignedBundle(tmp).toString(),
        "--key", keys.resolve("signer.key").toString(), "--pub", other.resolve("signer.pub").toString(),
        "--out", tmp.resolve("out.jar").toString());

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("the public key does not belong to the signing key");
  }

  @Test
  void namesAMissingKeyFile() throws Exception {
    Path missing = tmp.resolve("nope.key");

    Cli.Result r = Cli.run("enclave", "sign", Fixtures.unsignedBundle(tmp).toString(),
        "--key", missing.toString(), "--pub", missing.toString(), "--out", tmp.resolve("o.jar").toString());

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).isEqualTo("sereca: private key " + missing + " does not exist or is not a file"
        + " (create a key pair with 'sereca enclave keygen')" + System.lineSeparator());
  }

  @Test
  void namesAKeyFileThatIsNotAKey() throws Exception {
    Path keys = Fixtures.keys(tmp.resolve("keys"));
    Path garbage = Files.writeString(tmp.resolve("garbage.key"), "not a key");

    Cli.Result r = Cli.run("enclave", "sign", Fixtures.unsignedBundle(tmp).toString(),
        "--key", garbage.toString(), "--pub", keys.resolve("signer.pub").toString(),
        "--out", tmp.resolve("o.jar").toString());

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).startsWith("sereca: cannot read the private key " + garbage + ": ")
        .contains("PRIVATE KEY").doesNotContain("\tat ");
  }

  @Test
  void missingOptionsAreUsageErrors() throws Exception {
    Cli.Result r = Cli.run("enclave", "sign", Fixtures.unsignedBundle(tmp).toString(), "--out", "x.jar");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("Missing required options").contains("--key=FILE").contains("--pub=FILE");
  }
}
