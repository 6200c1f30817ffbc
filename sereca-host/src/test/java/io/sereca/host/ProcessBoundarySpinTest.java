package io.sereca.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code process} channel's spin: bounded, passed to the enclave JVM, and validated there. */
class ProcessBoundarySpinTest {

  @TempDir Path data;

  @Test
  void theSpinIsBoundedAndDefaultsByProcessorCount() {
    LaunchOptions o = new LaunchOptions();
    Duration expected = Runtime.getRuntime().availableProcessors() > 2
        ? LaunchOptions.DEFAULT_BOUNDARY_SPIN : Duration.ZERO;
    assertThat(o.getBoundarySpin()).isEqualTo(expected);
    assertThat(o.setBoundarySpin(Duration.ofNanos(200_000)).getBoundarySpin()).isEqualTo(Duration.ofNanos(200_000));
    assertThat(new LaunchOptions(o).getBoundarySpin()).as("copied").isEqualTo(Duration.ofNanos(200_000));
    assertThat(o.setBoundarySpin(null).getBoundarySpin()).as("null restores the default").isEqualTo(expected);
    assertThatThrownBy(() -> o.setBoundarySpin(Duration.ofNanos(-1))).hasMessageContaining("boundary spin");
    assertThatThrownBy(() -> o.setBoundarySpin(Duration.ofMillis(2))).hasMessageContaining("between 0 and 1000 µs");
  }

  @Test
  void enclavesAnswerWithoutSpinAndWithALongOne() throws Exception {
    try (EnclaveHost host = EnclaveHost.create(new HostOptions().setDataDirectory(data))) {
      EnclaveBundle bundle = TestBundles.signed(SignerKeys.generate(), 1, 1, 64);
      for (Duration spin : new Duration[] {Duration.ZERO, Duration.ofNanos(500_000)}) {
        Enclave e = host.launch(bundle, new LaunchOptions().setBackend("process").setBoundarySpin(spin),
            new RecordingListener()).get(60, TimeUnit.SECONDS);
        for (int i = 0; i < 50; i++) {
          byte[] msg = ("ping " + i).getBytes(StandardCharsets.UTF_8);
          assertThat(e.echo(msg).get(10, TimeUnit.SECONDS)).as("spin %s", spin).isEqualTo(msg);
        }
        e.close();
      }
    }
  }

  @Test
  void theEnclaveJvmRefusesASpinOutOfBoundsInsteadOfSpinningForever() throws Exception {
    try (EnclaveHost host = EnclaveHost.create(new HostOptions().setDataDirectory(data))) {
      EnclaveBundle bundle = TestBundles.signed(SignerKeys.generate(), 1, 1, 64);
      // A later -D wins over the backend's own: as a host that tampered with the property would.
      LaunchOptions opts = new LaunchOptions().setBackend("process").setMaxRestarts(0)
          .addJvmOption("-Dsereca.enclave.spinMicros=5000000");
      assertThatThrownBy(() -> host.launch(bundle, opts, new RecordingListener()).get(60, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .hasMessageContaining("spinMicros must be 0..1000");
    }
  }
}
