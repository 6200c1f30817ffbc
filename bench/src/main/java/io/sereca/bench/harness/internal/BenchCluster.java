package io.sereca.bench.harness.internal;

import com.hazelcast.config.Config;
import io.sereca.attestation.AttestationPolicy;
import io.sereca.attestation.SimulationAuthority;
import io.sereca.bus.SecureEventBus;
import io.sereca.enclave.bus.KeyRing;
import io.sereca.enclave.bus.RouteKey;
import io.sereca.host.EnclaveBundle;
import io.sereca.host.EnclaveHost;
import io.sereca.host.SignerKeys;
import io.sereca.vertx.Clustering;
import io.sereca.vertx.DevProvisioner;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VerticleBase;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBusOptions;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The two JVMs of one comparison: this one (the sender, with the dev provisioner) and a
 * {@link ResponderNode} child, clustered with Hazelcast over 127.0.0.1. Closing it stops the child
 * and deletes the temporary simulation platform.
 */
public final class BenchCluster implements AutoCloseable {

  private static final long READY_TIMEOUT_MILLIS = 180_000;
  /** Where the responder's link verticle sends its first message (see ResponderNode.LinkVerticle). */
  static final String SENDER_LINK = "bench.link";

  private final Path work;
  private final Vertx vertx;
  private final SecureEventBus bus;
  private final Process responder;
  private final Path log;

  private BenchCluster(Path work, Vertx vertx, SecureEventBus bus, Process responder, Path log) {
    this.work = work;
    this.vertx = vertx;
    this.bus = bus;
    this.responder = responder;
    this.log = log;
  }

  /**
   * Starts both JVMs.
   *
   * @param suite {@code vault} (with a secure verticle on {@code backend}) or {@code bus}
   * @param logFile where the responder's standard error goes
   * @param responderJvmArgs extra JVM options of the responder
   */
  public static BenchCluster start(String suite, String backend, Path logFile, List<String> responderJvmArgs)
      throws Exception {
    Path work = Files.createTempDirectory("sereca-bench-");
    Vertx vertx = null;
    Process child = null;
    try {
      Path data = work.resolve("data");
      // The simulation platform both JVMs share (the responder's enclave signs evidence with it).
      SimulationAuthority.open(EnclaveHost.simulationDirectory(data));
      EnclaveBundle bundle = HelloBundles.write(SignerKeys.generate(), work.resolve("hello-enclave.jar"));
      RouteKey key = RouteKey.generate(BenchRoutes.KEY_NAME, 1);
      int local = freePort();
      int remote = freePort();
      List<Integer> members = List.of(local, remote);
      // As in the responder: enough event loops that no two of our contexts share one.
      vertx = Clustering.start(hazelcast(local, members), new EventBusOptions(),
          new VertxOptions().setEventLoopPoolSize(ResponderNode.EVENT_LOOPS)).await(60, TimeUnit.SECONDS);
      // Answers the responder's first message: both connections between the JVMs open on loops
      // of their own (see ResponderNode.LinkVerticle).
      vertx.deployVerticle(new SenderLink()).await(30, TimeUnit.SECONDS);
      AttestationPolicy policy = new AttestationPolicy().setAllowSimulation(true)
          .setSimulationRoot(EnclaveHost.simulationDirectory(data).resolve(SimulationAuthority.ROOT_CERTIFICATE_FILE))
          .addAllowedMeasurement(bundle.identity().measurementHex());
      vertx.deployVerticle(new DevProvisioner(DevProvisioner.DEFAULT_ADDRESS, BenchRoutes.table(), List.of(key), policy))
          .await(30, TimeUnit.SECONDS);
      KeyRing ring = new KeyRing(0);
      ring.add(key, System.currentTimeMillis());
      SecureEventBus bus = SecureEventBus.create(vertx, BenchRoutes.table(), ring);

      List<String> cmd = new ArrayList<>();
      cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      cmd.add("-Xms1g");
      cmd.add("-Xmx1g");
      cmd.addAll(responderJvmArgs);
      cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), ResponderNode.class.getName(),
          Integer.toString(remote), local + "," + remote, suite, backend, data.toString(),
          work.resolve("hello-enclave.jar").toString()));
      Files.createDirectories(logFile.toAbsolutePath().getParent());
      child = new ProcessBuilder(cmd).redirectError(logFile.toFile()).start();
      OutputStream stdin = child.getOutputStream();
      stdin.write((Base64.getEncoder().encodeToString(key.material()) + "\n").getBytes(StandardCharsets.US_ASCII));
      stdin.flush();
      awaitReady(child, logFile);
      return new BenchCluster(work, vertx, bus, child, logFile);
    } catch (Exception | Error e) {
      if (child != null) {
        child.destroyForcibly();
      }
      if (vertx != null) {
        vertx.close().await(30, TimeUnit.SECONDS);
      }
      deleteTree(work);
      throw e;
    }
  }

  /**
   * Answers the responder's link message. Its reply is the first message from us to the responder,
   * so our connection to it opens on this verticle's event loop, not on the sender verticle's
   * (which would then pay a socket write per request) nor the dev provisioner's.
   */
  private static final class SenderLink extends VerticleBase {
    @Override
    public Future<?> start() {
      return vertx.eventBus().consumer(SENDER_LINK, m -> m.reply("linked")).completion();
    }
  }

  /**
   * The loopback Hazelcast config, joining without Hazelcast's default 5 s wait: the sender is the
   * first member and the responder joins it by the member list, so there is nothing to wait for.
   */
  static Config hazelcast(int port, List<Integer> members) {
    Config config = Clustering.loopbackHazelcast(port, members);
    config.setProperty("hazelcast.wait.seconds.before.join", "0");
    return config;
  }

  private static void awaitReady(Process child, Path log) throws IOException {
    long deadline = System.currentTimeMillis() + READY_TIMEOUT_MILLIS;
    BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
    // The child prints nothing else; a reader thread guards against it hanging before READY.
    Thread watchdog = new Thread(() -> {
      try {
        Thread.sleep(Math.max(0, deadline - System.currentTimeMillis()));
        child.destroyForcibly();
      } catch (InterruptedException ignored) {
        // READY arrived.
      }
    }, "bench-responder-watchdog");
    watchdog.setDaemon(true);
    watchdog.start();
    try {
      String line;
      while ((line = out.readLine()) != null) {
        if (line.equals(ResponderNode.READY)) {
          return;
        }
      }
    } finally {
      watchdog.interrupt();
    }
    throw new IllegalStateException("the responder JVM did not become ready; its log " + log + " ends with:\n"
        + tail(log));
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    } catch (IOException e) {
      return "(no log)";
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /** The sender's Vert.x. */
  public Vertx vertx() {
    return vertx;
  }

  /** The sender's secure bus. */
  public SecureEventBus bus() {
    return bus;
  }

  /** The responder's log file. */
  public Path log() {
    return log;
  }

  @Override
  public void close() throws Exception {
    try {
      responder.getOutputStream().close();
      if (!responder.waitFor(30, TimeUnit.SECONDS)) {
        responder.destroyForcibly();
        responder.waitFor(10, TimeUnit.SECONDS);
      }
    } finally {
      try {
        bus.close().await(30, TimeUnit.SECONDS);
        vertx.close().await(30, TimeUnit.SECONDS);
      } finally {
        deleteTree(work);
      }
    }
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // Best effort: a temporary directory.
    }
  }
}
