package io.sereca.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.security.KeyPair;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gramine-sgx backend refuses clearly where Gramine is not installed (as on this machine). */
class GramineSgxBackendTest {

  static final KeyPair KEY = SignerKeys.generate();
  @TempDir Path data;

  @Test
  void launchingWithoutGramineNamesEveryMissingTool() throws Exception {
    GramineOptions g = new GramineOptions().setGramineSgx("/nonexistent/gramine-sgx")
        .setGramineManifest("sereca-no-such-gramine-manifest").setGramineSgxSign("sereca-no-such-gramine-sgx-sign");
    try (EnclaveHost host = EnclaveHost.create(new HostOptions().setDataDirectory(data).setGramine(g))) {
      assertThat(host.backends()).contains("gramine-sgx", "tdx", "sev-snp");
      var launch = host.launch(TestBundles.signed(KEY, 1, 1, 64),
          new LaunchOptions().setBackend("gramine-sgx"), new RecordingListener());
      assertThatThrownBy(() -> launch.get(30, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .hasMessageContaining("gramine-sgx backend needs Gramine")
          .hasMessageContaining("/nonexistent/gramine-sgx, sereca-no-such-gramine-manifest, sereca-no-such-gramine-sgx-sign are not installed");
    }
  }

  @Test
  void defaultToolsAreLookedUpOnPath() throws Exception {
    // No Gramine exists on these machines; if one is ever installed this test says so instead of lying.
    org.junit.jupiter.api.Assumptions.assumeTrue(
        io.sereca.host.internal.GramineSgxBackendAccess.resolve("gramine-sgx") == null,
        "gramine-sgx is installed here");
    try (EnclaveHost host = EnclaveHost.create(new HostOptions().setDataDirectory(data))) {
      var launch = host.launch(TestBundles.signed(KEY, 1, 1, 64),
          new LaunchOptions().setBackend("gramine-sgx"), new RecordingListener());
      assertThatThrownBy(() -> launch.get(30, TimeUnit.SECONDS))
          .hasMessageContaining("gramine-sgx")
          .hasMessageContaining("not installed (not found on PATH=");
    }
  }
}
