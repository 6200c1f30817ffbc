package io.sereca.bus.bench;

import io.sereca.bus.SecureEventBus;
import io.sereca.enclave.bus.KeyRing;
import io.sereca.enclave.bus.RouteKey;
import io.sereca.enclave.bus.RouteTable;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.Message;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Request/reply of a 1 KiB body on one Vert.x instance: the secure bus on a protected address vs
 * the plain event bus on an unprotected one (target: secure ≥ 0.9× plain). Both run with the
 * fail-closed guard installed, as they would in production. Not run by the build; see
 * {@link EnvelopeBenchmark} for the command.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class BusRequestReplyBenchmark {

  private static final String SECURE = "bench.secure";
  private static final String PLAIN = "plain.bench";

  private Vertx vertx;
  private SecureEventBus bus;
  private Buffer body;

  @Setup
  public void setUp() {
    vertx = Vertx.vertx();
    KeyRing ring = new KeyRing(0);
    ring.add(RouteKey.generate("bench-key", 1), System.currentTimeMillis());
    bus = SecureEventBus.create(vertx, RouteTable.of(Map.of("bench.*", "bench-key")), ring);
    bus.<Buffer>consumer(SECURE, m -> m.reply(m.body())).completion().await();
    vertx.eventBus().<Buffer>consumer(PLAIN, (Message<Buffer> m) -> m.reply(m.body())).completion().await();
    body = Buffer.buffer(new byte[1024]);
  }

  @TearDown
  public void tearDown() {
    bus.close().await();
    vertx.close().await();
  }

  @Benchmark
  public Object secureRequestReply() {
    return bus.<Buffer>request(SECURE, body).await().body();
  }

  @Benchmark
  public Object plainRequestReply() {
    return vertx.eventBus().<Buffer>request(PLAIN, body).await().body();
  }
}
