package io.sereca.bench;

import io.sereca.bench.harness.internal.HelloBundles;
import io.sereca.enclave.boundary.Ocall;
import io.sereca.host.Enclave;
import io.sereca.host.EnclaveBundle;
import io.sereca.host.EnclaveHost;
import io.sereca.host.HostOptions;
import io.sereca.host.LaunchOptions;
import io.sereca.host.OcallListener;
import io.sereca.host.SignerKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * A host with one launched hello-enclave, as a benchmark (or a test) uses it: a fresh data
 * directory, the hello-enclave bundle signed with a fresh key, and a listener that completes the
 * futures of requests delivered with {@link #request} when their {@link Ocall.Reply} arrives.
 */
public final class EnclaveFixture implements AutoCloseable {

  /** The hello-enclave address that replies with the request body. */
  public static final String ECHO_ADDRESS = "hello.echo";

  private final Path dataDirectory;
  private final EnclaveHost host;
  private final Enclave enclave;
  private final Map<Long, CompletableFuture<Ocall.Body>> pendingReplies = new ConcurrentHashMap<>();
  private final AtomicLong nextToken = new AtomicLong(1);

  private EnclaveFixture(Path dataDirectory, EnclaveHost host, Enclave enclave) {
    this.dataDirectory = dataDirectory;
    this.host = host;
    this.enclave = enclave;
  }

  /** Creates a host and launches the hello-enclave on {@code backend} ({@code sim}, {@code process}). */
  public static EnclaveFixture open(String backend) throws Exception {
    return open(backend, null);
  }

  /**
   * As {@link #open(String)}, with the {@code process} channel's spin set ({@code null}: the
   * launch default, which depends on the processor count).
   */
  public static EnclaveFixture open(String backend, java.time.Duration boundarySpin) throws Exception {
    Path data = Files.createTempDirectory("sereca-bench-");
    EnclaveHost host = null;
    try {
      host = EnclaveHost.create(new HostOptions().setDataDirectory(data));
      EnclaveBundle bundle = helloBundle(SignerKeys.generate());
      Listener listener = new Listener();
      Enclave enclave = host.launch(bundle, new LaunchOptions().setBackend(backend).setBoundarySpin(boundarySpin), listener)
          .get(60, TimeUnit.SECONDS);
      EnclaveFixture fixture = new EnclaveFixture(data, host, enclave);
      listener.fixture = fixture;
      return fixture;
    } catch (Exception | Error e) {
      if (host != null) {
        host.close();
      }
      deleteTree(data);
      throw e;
    }
  }

  /** The launched enclave. */
  public Enclave enclave() {
    return enclave;
  }

  /** The pure boundary round trip (ECHO ecall). */
  public byte[] echo(byte[] payload) {
    return enclave.echo(payload).join();
  }

  /**
   * The app-level round trip: delivers {@code body} as a request to {@link #ECHO_ADDRESS} and
   * waits for the app's reply (an {@link Ocall.Reply} to the listener) and for the deliver ecall
   * to complete. The reply's body is returned in place, a range of the reply frame, as the secure
   * verticle's relay reads it.
   */
  public Ocall.Body request(byte[] body) {
    long token = nextToken.getAndIncrement();
    CompletableFuture<Ocall.Body> reply = new CompletableFuture<>();
    pendingReplies.put(token, reply);
    CompletableFuture<Void> delivered = enclave.deliver(ECHO_ADDRESS, Map.of(), body, token);
    delivered.whenComplete((v, err) -> {
      if (err != null) {
        CompletableFuture<Ocall.Body> f = pendingReplies.remove(token);
        if (f != null) {
          f.completeExceptionally(err);
        }
      }
    });
    Ocall.Body out = reply.join();
    delivered.join();
    return out;
  }

  /** Closes the enclave and the host and deletes the data directory. */
  @Override
  public void close() {
    try {
      enclave.close();
    } finally {
      host.close();
      deleteTree(dataDirectory);
    }
  }

  /** Completes reply futures; everything else the enclave says (registrations, logs) is ignored. */
  private static final class Listener implements OcallListener {
    volatile EnclaveFixture fixture;

    @Override
    public void onOcall(Enclave enclave, Ocall ocall) {
      EnclaveFixture f = fixture;
      if (f == null) {
        return;
      }
      if (ocall instanceof Ocall.Reply r) {
        CompletableFuture<Ocall.Body> p = f.pendingReplies.remove(r.replyToken());
        if (p != null) {
          p.complete(r.payload());
        }
      } else if (ocall instanceof Ocall.Fail fail) {
        CompletableFuture<Ocall.Body> p = f.pendingReplies.remove(fail.replyToken());
        if (p != null) {
          p.completeExceptionally(new IllegalStateException(
              "enclave failed the request: " + fail.code() + " " + fail.message()));
        }
      }
    }
  }

  /** The hello-enclave bundle (its classes and config, from the class path), signed with {@code key}. */
  static EnclaveBundle helloBundle(KeyPair key) throws Exception {
    return HelloBundles.sign(key);
  }

  static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // Best effort: a temp directory.
    }
  }
}
