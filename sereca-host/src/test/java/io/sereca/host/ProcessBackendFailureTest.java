package io.sereca.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An enclave crash is an enclave failure: the host lives on and the restart policy applies. */
class ProcessBackendFailureTest {

  @TempDir Path data;

  private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within 60 s");
      }
      Thread.sleep(20);
    }
  }

  @Test
  void outOfMemoryIsReportedAndTheEnclaveIsRestarted() throws Exception {
    try (EnclaveHost host = EnclaveHost.create(new HostOptions().setDataDirectory(data))) {
      EnclaveBundle bundle = TestBundles.signed(SignerKeys.generate(), 1, 1, 32);
      RecordingListener l = new RecordingListener();
      LaunchOptions opts = new LaunchOptions().setBackend("process").setMaxRestarts(1)
          .setRestartDelay(Duration.ofMillis(50));
      Enclave e = host.launch(bundle, opts, l).get(60, TimeUnit.SECONDS);
      e.deliver("alloc", Map.of(), new byte[0], 1);
      await(() -> !l.failures.isEmpty());
      assertThat(l.failures.get(0).reason()).contains("out of memory").contains("32 MiB");
      assertThat(l.failures.get(0).restarting()).isTrue();
      await(() -> !l.restarted.isEmpty());
      assertThat(l.replyText(e, "echo", "back")).isEqualTo("back");
      assertThat(e.restarts()).isEqualTo(1);

      // The second failure exhausts the budget of one restart.
      e.deliver("alloc", Map.of(), new byte[0], 2);
      await(() -> l.failures.size() == 2);
      assertThat(l.failures.get(1).restarting()).isFalse();
      assertThat(e.isRunning()).isFalse();
      e.close();
    }
  }

  @Test
  void aKilledEnclaveProcessFailsPendingCallsInsteadOfHanging() throws Exception {
    try (EnclaveHost host = EnclaveHost.create(new HostOptions().setDataDirectory(data))) {
      EnclaveBundle bundle = TestBundles.signed(SignerKeys.generate(), 1, 1, 32);
      RecordingListener l = new RecordingListener();
      Enclave e = host.launch(bundle, new LaunchOptions().setBackend("process").setMaxRestarts(0), l)
          .get(60, TimeUnit.SECONDS);
      // Kill every child JVM running the enclave main class.
      ProcessHandle.current().children()
          .filter(p -> p.info().commandLine().orElse("").contains("ProcessEnclaveMain"))
          .forEach(ProcessHandle::destroyForcibly);
      await(() -> !l.failures.isEmpty());
      assertThat(l.failures.get(0).reason()).contains("exited with code");
      assertThat(e.echo("x".getBytes(StandardCharsets.UTF_8)))
          .failsWithin(Duration.ofSeconds(10));
      e.close();
    }
  }
}
