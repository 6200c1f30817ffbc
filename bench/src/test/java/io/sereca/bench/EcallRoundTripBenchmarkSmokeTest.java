package io.sereca.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The benchmark's state sets up and tears down on both backends; times nothing. */
class EcallRoundTripBenchmarkSmokeTest {

  @ParameterizedTest
  @ValueSource(strings = {"sim", "process"})
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void setupRoundTripsAndTeardownWork(String backend) throws Exception {
    EcallRoundTripBenchmark bench = new EcallRoundTripBenchmark();
    bench.backend = backend;
    bench.payload = 1024;
    bench.setUp();
    try {
      byte[] sent = bench.payloadBytes();
      assertThat(sent).hasSize(1024);
      assertThat(bench.roundTripEcho()).isEqualTo(sent);
      assertThat(bench.roundTripDeliver().toArray()).isEqualTo(sent);
    } finally {
      bench.tearDown();
    }
    bench.tearDown(); // idempotent
  }
}
