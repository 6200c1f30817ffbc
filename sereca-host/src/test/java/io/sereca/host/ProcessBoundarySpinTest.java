package io.sereca.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code process} channel's spin: bounded, passed to the enclave JVM, and validated there;
 * and its write batching: ecalls behind others wait for the reader's next pause, results for the
 * enclave's, and none is ever left unsent.
 */
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
  void burstsOfPipelinedEcallsFromSeveralThreadsAllComeBack() throws Exception {
    try (EnclaveHost host = EnclaveHost.create(new HostOptions().setDataDirectory(data))) {
      EnclaveBundle bundle = TestBundles.signed(SignerKeys.generate(), 1, 1, 64);
      Enclave e = host.launch(bundle, new LaunchOptions().setBackend("process").setBoundarySpin(Duration.ZERO),
          new RecordingListener()).get(60, TimeUnit.SECONDS);
      try {
        int threads = 4;
        int perThread = 500;
        List<CompletableFuture<Boolean>> all =
            Collections.synchronizedList(new ArrayList<>());
        Thread[] senders = new Thread[threads];
        // Daemons: a deadlocked sender must not keep the test JVM alive.
        for (int t = 0; t < threads; t++) {
          int id = t;
          senders[t] = new Thread(() -> {
            for (int i = 0; i < perThread; i++) {
              // Every 50th is larger than the channel's 64 KiB buffers: it is written in pieces.
              byte[] msg = new byte[i % 50 == 0 ? 200_000 : 1 + i % 700];
              Arrays.fill(msg, (byte) (id * 31 + i));
              all.add(e.echo(msg).thenApply(back -> Arrays.equals(back, msg)));
            }
          });
          senders[t].setDaemon(true);
          senders[t].start();
        }
        for (Thread t : senders) {
          // A sender stuck in a write means both sides wait on full sockets: a deadlock.
          t.join(60_000);
          assertThat(t.isAlive()).as("a sender is stuck").isFalse();
        }
        CompletableFuture.allOf(all.toArray(new CompletableFuture[0]))
            .get(60, TimeUnit.SECONDS);
        assertThat(all).hasSize(threads * perThread).allSatisfy(f -> assertThat(f.join()).isTrue());
        // After the burst, a lone call still goes at once (nothing held back for a pause that never comes).
        assertThat(e.echo(new byte[] {42}).get(10, TimeUnit.SECONDS)).containsExactly(42);
      } finally {
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
