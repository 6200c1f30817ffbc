package io.sereca.bench;

import io.sereca.enclave.boundary.Ocall;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Latency of one call across the enclave boundary, per backend and payload size, one caller at a
 * time (no pipelining).
 *
 * <ul>
 *   <li>{@link #echo}: the pure boundary round trip, the ECHO ecall (encode the frame, copy it in,
 *       decode and validate it in the enclave, copy the result out).
 *   <li>{@link #deliver}: the app-level round trip: deliver a request to the hello-enclave's
 *       {@code hello.echo} address; the app replies, the reply leaves the enclave as an ocall and
 *       completes the caller's future; the deliver ecall's own completion is awaited too.
 * </ul>
 *
 * <p>Sample-time mode gives the distribution (p50, p99) in microseconds. Run with {@code java -jar
 * bench/target/benchmarks.jar EcallRoundTrip}; a full run takes about 4 minutes on 2 cores.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m", "-XX:+AlwaysPreTouch"})
@Warmup(iterations = 3, time = 2, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 2, timeUnit = TimeUnit.SECONDS)
@Threads(1)
public class EcallRoundTripBenchmark {

  /** Backend: {@code sim} (in-JVM class loader) or {@code process} (child JVM over a Unix socket). */
  @Param({"sim", "process"})
  public String backend;

  /** Payload (request body) size in bytes. */
  @Param({"0", "1024", "65536"})
  public int payload;

  /**
   * The {@code process} channel's spin in µs, or {@code default} for the launch default (0 on a
   * 2-processor host). 50 is what the figures of 2026-11-22 in docs/benchmarks.md were taken with.
   */
  @Param({"50"})
  public String spinMicros = "50";

  private EnclaveFixture fixture;
  private byte[] data;

  /** Launches the hello-enclave on the backend and checks both round trips once. */
  @Setup(Level.Trial)
  public void setUp() throws Exception {
    data = new byte[payload];
    new Random(42).nextBytes(data);
    fixture = EnclaveFixture.open(backend, spinMicros.equals("default") ? null
        : java.time.Duration.ofNanos(Long.parseLong(spinMicros) * 1000));
    check(roundTripEcho(), "echo");
    check(roundTripDeliver().toArray(), "deliver");
  }

  /** Closes the enclave and the host. */
  @TearDown(Level.Trial)
  public void tearDown() {
    if (fixture != null) {
      fixture.close();
      fixture = null;
    }
  }

  /** The pure boundary round trip. */
  @Benchmark
  public void echo(Blackhole bh) {
    bh.consume(roundTripEcho());
  }

  /** The app-level request/reply round trip through {@code hello.echo}. */
  @Benchmark
  public void deliver(Blackhole bh) {
    bh.consume(roundTripDeliver());
  }

  byte[] roundTripEcho() {
    return fixture.echo(data);
  }

  Ocall.Body roundTripDeliver() {
    return fixture.request(data);
  }

  byte[] payloadBytes() {
    return data.clone();
  }

  private void check(byte[] got, String what) {
    if (!java.util.Arrays.equals(got, data)) {
      throw new IllegalStateException(what + " on " + backend + " returned " + got.length
          + " bytes that differ from the " + data.length + " sent");
    }
  }
}
