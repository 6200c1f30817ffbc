package io.sereca.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sereca.host.internal.TrustedRuntime;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Gramine manifest template: its fields, its sizing, and that it parses as TOML. */
class GramineManifestTest {

  static final KeyPair KEY = SignerKeys.generate();
  @TempDir Path tmp;

  private static String sha256Hex(byte[] b) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
  }

  @Test
  void manifestPinsTheJvmTheRuntimeAndTheBundleAndCarriesTheEnclaveConfig() throws Exception {
    EnclaveBundle bundle = TestBundles.signed(KEY, 7, 3, 128);
    GramineOptions g = new GramineOptions().setJavaHome(Path.of("/opt/jdk-17"));
    String toml = GramineManifest.forBundle(bundle, new LaunchOptions().addJvmOption("-Dx=1"), g).toToml();

    assertThat(toml).contains("libos.entrypoint = \"/sereca/jdk/bin/java\"")
        .contains("{ path = \"/sereca/jdk\", uri = \"file:/opt/jdk-17\" }")
        .contains("{ uri = \"file:/opt/jdk-17/\" }")
        .contains("{ uri = \"file:app/sereca-enclave-runtime.jar\", sha256 = \""
            + sha256Hex(TrustedRuntime.current().jarBytes()) + "\" }")
        .contains("{ uri = \"file:app/bundle.jar\", sha256 = \"" + sha256Hex(bundle.jarBytes()) + "\" }")
        .contains("sgx.remote_attestation = \"dcap\"")
        .contains("sgx.enclave_size = \"1G\"")
        .contains("sgx.max_threads = 64")
        .contains("sgx.isvprodid = 7")
        .contains("sgx.isvsvn = 3")
        .contains("sgx.debug = false")
        .contains("\"-Xmx128m\"").contains("\"-Dx=1\"")
        .contains("\"io.sereca.enclave.internal.ProcessEnclaveMain\", \"env:SERECA_ENCLAVE_CONNECT\", \"16777216\", \"/dev/attestation\"]")
        .contains("loader.env.SERECA_ENCLAVE_TOKEN = { passthrough = true }");
  }

  @Test
  void debugBundlesGetADebugEnclave() throws Exception {
    var entries = new java.util.TreeMap<>(TestBundles.appClasses());
    entries.put(EnclaveConfig.ENTRY, TestBundles.config(1, 0, 64, true).getBytes(StandardCharsets.UTF_8));
    EnclaveBundle bundle = EnclaveBundle.fromBytes(
        BundleSigner.sign(entries, "t", KEY.getPrivate(), KEY.getPublic()), "debug-bundle");
    assertThat(GramineManifest.forBundle(bundle, new LaunchOptions(), new GramineOptions()).toToml())
        .contains("sgx.debug = true");
  }

  @Test
  void enclaveSizeIsThePowerOfTwoAboveBudgetPlusHeadroom() {
    assertThat(GramineManifest.enclaveSizeMib(16, 512)).isEqualTo(1024);
    assertThat(GramineManifest.enclaveSizeMib(512, 512)).isEqualTo(1024);
    assertThat(GramineManifest.enclaveSizeMib(513, 512)).isEqualTo(2048);
    assertThat(GramineManifest.enclaveSizeMib(4096, 512)).isEqualTo(8192);
    for (int budget = 16; budget < 70_000; budget += 997) {
      int size = GramineManifest.enclaveSizeMib(budget, 512);
      assertThat(Integer.bitCount(size)).as("power of two for %d", budget).isEqualTo(1);
      assertThat(size).isGreaterThanOrEqualTo(budget + 512).isLessThan(2 * (budget + 512));
    }
  }

  @Test
  void stringsWithQuotesAndBackslashesAreEscaped() throws Exception {
    EnclaveBundle bundle = TestBundles.signed(KEY, 1, 1, 64);
    String toml = GramineManifest.forBundle(bundle, new LaunchOptions().addJvmOption("-Dq=\"a\\b\""),
        new GramineOptions()).toToml();
    assertThat(toml).contains("\"-Dq=\\\"a\\\\b\\\"\"");
    assertParsesAsToml(toml, "[x for x in m['loader']['argv'] if x.startswith('-Dq=')][0] == '-Dq=\"a\\\\b\"'");
  }

  @Test
  void templateIsWellFormedTomlWithTheExpectedStructure() throws Exception {
    EnclaveBundle bundle = TestBundles.signed(KEY, 7, 3, 128);
    String toml = GramineManifest.forBundle(bundle, new LaunchOptions(), new GramineOptions()).toToml();
    assertParsesAsToml(toml, "m['sgx']['remote_attestation'] == 'dcap' and m['sgx']['isvprodid'] == 7"
        + " and m['sgx']['isvsvn'] == 3 and m['sgx']['enclave_size'] == '1G'"
        + " and len(m['sgx']['trusted_files']) == 7 and len(m['fs']['mounts']) == 6"
        + " and m['loader']['argv'][-4] == 'io.sereca.enclave.internal.ProcessEnclaveMain'"
        + " and m['loader']['env']['SERECA_ENCLAVE_CONNECT'] == {'passthrough': True}");
  }

  /** Parses with Python's tomllib (a real TOML 1.0 parser) and evaluates {@code check}. */
  private void assertParsesAsToml(String toml, String check) throws IOException, InterruptedException {
    Path file = tmp.resolve("m.toml");
    Files.writeString(file, toml);
    Process p;
    try {
      p = new ProcessBuilder("python3", "-c", "import sys, tomllib\n"
          + "m = tomllib.load(open(sys.argv[1], 'rb'))\n"
          + "sys.exit(0 if (" + check + ") else 3)", file.toString()).redirectErrorStream(true).start();
    } catch (IOException e) {
      assumeTrue(false, "python3 not available to parse TOML: " + e.getMessage());
      return;
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assumeTrue(!out.contains("No module named 'tomllib'"), "python3 lacks tomllib (needs 3.11+)");
    assertThat(p.exitValue()).as("TOML parse/check output: %s", out).isEqualTo(0);
  }
}
