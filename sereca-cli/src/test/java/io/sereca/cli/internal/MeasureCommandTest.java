package io.sereca.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.sereca.cli.Cli;
import io.sereca.host.EnclaveBundle;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MeasureCommandTest {

  @TempDir
  Path tmp;

  @Test
  void printsTheIdentityOfASignedBundle() throws Exception {
    Path signed = Fixtures.signedBundle(tmp);
    EnclaveBundle bundle = EnclaveBundle.load(signed);

    Cli.Result r = Cli.run("enclave", "measure", signed.toString());

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out()).contains(
        "bundle:        " + signed + " (signature verified)",
        "measurement:   " + HexFormat.of().formatHex(bundle.measurement()),
        "signer:        " + HexFormat.of().formatHex(bundle.signerId()),
        "product id:    1",
        "svn:           1",
        "debug:         false",
        "memory budget: 64 MiB",
        "app class:     io.sereca.examples.hello.HelloEnclave");
    assertThat(r.err()).isEmpty();
  }

  @Test
  void outputIsStableAcrossRunsAndResigning() throws Exception {
    Path signed = Fixtures.signedBundle(tmp);
    Path keys = tmp.resolve("keys");
    Path again = tmp.resolve("again.jar");
    assertThat(Cli.run("enclave", "sign", signed.toString(), "--key", keys.resolve("signer.key").toString(),
        "--pub", keys.resolve("signer.pub").toString(), "--out", again.toString()).exitCode()).isZero();

    String first = Cli.run("enclave", "measure", signed.toString()).out();
    String second = Cli.run("enclave", "measure", signed.toString()).out();
    String resigned = Cli.run("enclave", "measure", again.toString()).out();

    assertThat(second).isEqualTo(first);
    assertThat(resigned.replace(again.toString(), signed.toString())).isEqualTo(first);
  }

  @Test
  void refusesAnUnsignedBundleWithTheReason() throws Exception {
    Path unsigned = Fixtures.unsignedBundle(tmp);

    Cli.Result r = Cli.run("enclave", "measure", unsigned.toString());

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).startsWith("sereca: refused: bundle " + unsigned + " is not signed")
        .doesNotContain("\tat ");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void refusesATamperedBundleWithTheReason() throws Exception {
    Path tampered = tamper(Fixtures.signedBundle(tmp), tmp.resolve("tampered.jar"));

    Cli.Result r = Cli.run("enclave", "measure", tampered.toString());

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("signature does not verify").doesNotContain("\tat ");
  }

  @Test
  void refusesAFileThatIsNotAJar() throws Exception {
    Path junk = Files.writeString(tmp.resolve("junk.jar"), "this is no zip");

    Cli.Result r = Cli.run("enclave", "measure", junk.toString());

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).startsWith("sereca: refused: bundle " + junk);
  }

  @Test
  void withoutBundleIsAUsageError() {
    Cli.Result r = Cli.run("enclave", "measure");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("Missing required parameter: 'BUNDLE'");
  }

  /** Copies a signed bundle, changing one byte of the enclave config (debug=false to debug=true). */
  static Path tamper(Path signed, Path target) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    boolean changed = false;
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(Files.readAllBytes(signed)));
        ZipOutputStream out = new ZipOutputStream(bytes)) {
      ZipEntry e;
      while ((e = in.getNextEntry()) != null) {
        byte[] content = in.readAllBytes();
        if (e.getName().equals("META-INF/sereca/enclave.properties")) {
          String config = new String(content, "UTF-8");
          changed = config.contains("debug=false");
          content = config.replace("debug=false", "debug=true").getBytes("UTF-8");
        }
        out.putNextEntry(new ZipEntry(e.getName()));
        out.write(content);
        out.closeEntry();
      }
    }
    assertThat(changed).as("the bundle's config had debug=false to change").isTrue();
    return Files.write(target, bytes.toByteArray());
  }
}
