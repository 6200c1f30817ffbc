package io.sereca.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.sereca.cli.Cli;
import io.sereca.host.EnclaveBundle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GramineManifestCommandTest {

  @TempDir
  Path tmp;

  @Test
  void writesTheManifestAndTheAppFilesItPins() throws Exception {
    Path signed = Fixtures.signedBundle(tmp);
    EnclaveBundle bundle = EnclaveBundle.load(signed);
    Path out = tmp.resolve("gramine/sereca-enclave.manifest.template");
    Files.createDirectories(out.getParent());

    Cli.Result r = Cli.run("enclave", "gramine-manifest", signed.toString(), "--out", out.toString(),
        "--java-home", System.getProperty("java.home"), "--max-threads", "32");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out()).contains("manifest:      " + out, "enclave size:  1024 MiB");
    String toml = Files.readString(out);
    byte[] bundleCopy = Files.readAllBytes(out.getParent().resolve("app/bundle.jar"));
    assertThat(bundleCopy).isEqualTo(bundle.jarBytes());
    String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bundleCopy));
    byte[] runtime = Files.readAllBytes(out.getParent().resolve("app/sereca-enclave-runtime.jar"));
    String runtimeSha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(runtime));
    assertThat(toml).contains("{ uri = \"file:app/bundle.jar\", sha256 = \"" + sha + "\" }")
        .contains("{ uri = \"file:app/sereca-enclave-runtime.jar\", sha256 = \"" + runtimeSha + "\" }")
        .contains("sgx.max_threads = 32")
        .contains("sgx.remote_attestation = \"dcap\"")
        .contains("uri = \"file:" + System.getProperty("java.home") + "\"");
  }

  @Test
  void refusesAJavaHomeWithoutJava() throws Exception {
    Path signed = Fixtures.signedBundle(tmp);
    Cli.Result r = Cli.run("enclave", "gramine-manifest", signed.toString(), "--out",
        tmp.resolve("m.toml").toString(), "--java-home", tmp.toString());
    assertThat(r.exitCode()).isNotZero();
    assertThat(r.err()).contains("has no executable bin/java");
    assertThat(tmp.resolve("m.toml")).doesNotExist();
  }

  @Test
  void refusesAnUnsignedBundle() throws Exception {
    Path junk = tmp.resolve("junk.jar");
    Files.write(junk, new byte[] {1, 2, 3});
    Cli.Result r = Cli.run("enclave", "gramine-manifest", junk.toString(), "--out", tmp.resolve("m").toString());
    assertThat(r.exitCode()).isNotZero();
    assertThat(r.err()).contains("refused:");
  }
}
