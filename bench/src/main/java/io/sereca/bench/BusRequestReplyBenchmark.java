package io.sereca.bench;

import io.sereca.bus.SecureEventBus;
import io.sereca.enclave.bus.KeyRing;
import io.sereca.enclave.bus.RouteKey;
import io.sereca.enclave.bus.RouteTable;
import io.sereca.vertx.Clustering;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.core.eventbus.Message;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Request/reply throughput of a 1 KiB body across two clustered Vert.x nodes (Hazelcast, event bus
 * over TCP on 127.0.0.1): the secure bus on a protected address vs the plain event bus on an
 * unprotected one (target: secure ≥ 0.9× plain). Each operation keeps {@value #PENDING} requests
 * in flight and waits for all replies, so the figure is throughput, not one caller's latency.
 * Both sides run with the fail-closed guard installed, as in production. Not run by the build:
 * {@code java -jar bench/target/benchmarks.jar BusRequestReply} (see docs/benchmarks.md).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgs = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 4, time = 3)
@Measurement(iterations = 5, time = 3)
public class BusRequestReplyBenchmark {

  /** Requests in flight per operation. */
  static final int PENDING = 128;

  private static final String SECURE = "bench.secure";
  private static final String PLAIN = "plain.bench";

  private Vertx requester;
  private Vertx responder;
  private SecureEventBus requesterBus;
  private SecureEventBus responderBus;
  private Buffer body;

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  @Setup
  public void setUp() throws Exception {
    int a = freePort();
    int b = freePort();
    requester = Clustering.start(Clustering.loopbackHazelcast(a, List.of(a, b)), new EventBusOptions())
        .await(60, TimeUnit.SECONDS);
    responder = Clustering.start(Clustering.loopbackHazelcast(b, List.of(a, b)), new EventBusOptions())
        .await(60, TimeUnit.SECONDS);
    RouteKey key = RouteKey.generate("bench-key", 1);
    RouteTable routes = RouteTable.of(Map.of("bench.*", "bench-key"));
    requesterBus = SecureEventBus.create(requester, routes, ring(key));
    responderBus = SecureEventBus.create(responder, routes, ring(key));
    responderBus.<Buffer>consumer(SECURE, m -> m.reply(m.body())).completion().await(30, TimeUnit.SECONDS);
    responder.eventBus().<Buffer>consumer(PLAIN, (Message<Buffer> m) -> m.reply(m.body()))
        .completion().await(30, TimeUnit.SECONDS);
    body = Buffer.buffer(new byte[1024]);
    // Both addresses must be known on the requester's side before timing starts.
    requesterBus.<Buffer>request(SECURE, body).await(30, TimeUnit.SECONDS);
    requester.eventBus().<Buffer>request(PLAIN, body).await(30, TimeUnit.SECONDS);
  }

  private static KeyRing ring(RouteKey key) {
    KeyRing ring = new KeyRing(0);
    ring.add(key, System.currentTimeMillis());
    return ring;
  }

  @TearDown
  public void tearDown() throws Exception {
    requesterBus.close().await(30, TimeUnit.SECONDS);
    responderBus.close().await(30, TimeUnit.SECONDS);
    requester.close().await(30, TimeUnit.SECONDS);
    responder.close().await(30, TimeUnit.SECONDS);
  }

  @Benchmark
  @OperationsPerInvocation(PENDING)
  public Object secureRequestReply() throws Exception {
    List<Future<?>> replies = new ArrayList<>(PENDING);
    for (int i = 0; i < PENDING; i++) {
      replies.add(requesterBus.<Buffer>request(SECURE, body));
    }
    return Future.all(replies).await(30, TimeUnit.SECONDS);
  }

  @Benchmark
  @OperationsPerInvocation(PENDING)
  public Object plainRequestReply() throws Exception {
    List<Future<?>> replies = new ArrayList<>(PENDING);
    for (int i = 0; i < PENDING; i++) {
      replies.add(requester.eventBus().<Buffer>request(PLAIN, body));
    }
    return Future.all(replies).await(30, TimeUnit.SECONDS);
  }
}
