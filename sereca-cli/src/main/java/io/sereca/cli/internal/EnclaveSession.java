package io.sereca.cli.internal;

import io.sereca.attestation.SimulationAuthority;
import io.sereca.enclave.ReplyException;
import io.sereca.enclave.boundary.Ocall;
import io.sereca.host.Enclave;
import io.sereca.host.EnclaveBundle;
import io.sereca.host.EnclaveFailure;
import io.sereca.host.EnclaveHost;
import io.sereca.host.HostOptions;
import io.sereca.host.LaunchOptions;
import io.sereca.host.OcallListener;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * One enclave launched by the CLI, and the CLI acting as its host: it pairs the enclave's
 * replies with the requests it delivered, reports the enclave's log lines, answers the enclave's
 * requests to {@value #CLOCK_ADDRESS} with the current time (and refuses other addresses: there
 * is no event bus behind the CLI), and notices when the enclave fails.
 *
 * <p>Events are reported as lines to a consumer, from whichever thread the backend calls back
 * on; the consumer must be thread-safe.
 */
public final class EnclaveSession implements AutoCloseable {

  /** The address on which this host tells the enclave the time. */
  public static final String CLOCK_ADDRESS = "host.clock";
  /** How long launching an enclave (a child JVM for {@code process}) may take. */
  public static final Duration LAUNCH_TIMEOUT = Duration.ofSeconds(60);
  /** How long an ecall other than a request (attest, provision) may take. */
  public static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

  private final EnclaveHost host;
  private final Path dataDir;
  private final Consumer<String> events;
  private final Map<Long, CompletableFuture<EnclaveReply>> pending = new ConcurrentHashMap<>();
  private final AtomicLong replyTokens = new AtomicLong();
  private final Set<String> addresses = Collections.synchronizedSet(new LinkedHashSet<>());
  private final AtomicInteger clockRequests = new AtomicInteger();
  private final CompletableFuture<String> gaveUp = new CompletableFuture<>();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final AtomicBoolean hostClosed = new AtomicBoolean();
  // Requests of the enclave are answered off the backend's thread: on sim that thread is inside
  // an ecall, and answering is another ecall.
  private final ExecutorService answering = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "sereca-cli-host");
    t.setDaemon(true);
    return t;
  });
  private volatile Enclave enclave;

  private EnclaveSession(EnclaveHost host, Path dataDir, Consumer<String> events) {
    this.host = host;
    this.dataDir = dataDir;
    this.events = events;
  }

  /**
   * Launches {@code bundle} on {@code backend} with this installation's data directory.
   *
   * @param maxRestarts how often a failed enclave is restarted (0 = never)
   * @param events receives one line per event: the enclave's log, answered requests, failures
   * @throws CommandFailure naming the problem if the host or the enclave cannot start
   */
  public static EnclaveSession launch(EnclaveBundle bundle, String backend, Path dataDir,
      int maxRestarts, Consumer<String> events) {
    EnclaveHost host;
    try {
      host = EnclaveHost.create(new HostOptions().setDataDirectory(dataDir));
    } catch (IOException e) {
      throw CommandFailure.because("cannot create the enclave host's workspace", e);
    }
    EnclaveSession session = new EnclaveSession(host, dataDir, events);
    try {
      LaunchOptions options = new LaunchOptions().setBackend(backend).setMaxRestarts(maxRestarts);
      session.enclave = await(host.launch(bundle, options, session.new Listener()), LAUNCH_TIMEOUT,
          "launching the enclave on backend " + backend);
      return session;
    } catch (RuntimeException e) {
      session.close();
      throw e;
    }
  }

  /** The launched enclave. */
  public Enclave enclave() {
    return enclave;
  }

  /** This installation's simulation authority, whose root certifies the enclave's evidence. */
  public SimulationAuthority simulationAuthority() {
    try {
      return host.simulationAuthority();
    } catch (IOException | GeneralSecurityException e) {
      throw CommandFailure.because("cannot open the simulation platform in "
          + EnclaveHost.simulationDirectory(dataDir), e);
    }
  }

  /** The addresses the enclave consumes, in the order it registered them. */
  public List<String> addresses() {
    synchronized (addresses) {
      return new ArrayList<>(addresses);
    }
  }

  /** How many {@value #CLOCK_ADDRESS} requests of the enclave this host answered. */
  public int clockRequestsAnswered() {
    return clockRequests.get();
  }

  /** Completes with the reason when the enclave failed and will not be restarted. */
  public CompletableFuture<String> gaveUp() {
    return gaveUp;
  }

  /**
   * Delivers a request to {@code address} and waits for the enclave's reply or failure.
   *
   * @throws CommandFailure if the enclave is gone, refuses the delivery or does not answer
   *     within {@code timeout}
   */
  public EnclaveReply request(String address, byte[] body, Duration timeout) {
    long token = replyTokens.incrementAndGet();
    CompletableFuture<EnclaveReply> answer = new CompletableFuture<>();
    pending.put(token, answer);
    try {
      await(enclave.deliver(address, Map.of(), body, token), timeout, "delivering to " + address);
      return await(answer, timeout, "waiting for the enclave's reply on " + address);
    } finally {
      pending.remove(token);
    }
  }

  /** Same as {@link #request(String, byte[], Duration)} with a UTF-8 text body. */
  public EnclaveReply request(String address, String body, Duration timeout) {
    return request(address, body.getBytes(StandardCharsets.UTF_8), timeout);
  }

  /**
   * Waits for {@code future}, turning failures and time-outs into a {@link CommandFailure} that
   * says what was being done.
   */
  public static <T> T await(CompletableFuture<T> future, Duration timeout, String doing) {
    try {
      return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw CommandFailure.because(doing + " failed", e);
    } catch (TimeoutException e) {
      future.cancel(false);
      throw new CommandFailure(doing + " did not complete within " + timeout.toSeconds() + " s");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CommandFailure(doing + " was interrupted");
    }
  }

  /** Shuts the enclave down and deletes the host's workspace. Idempotent. */
  @Override
  public void close() {
    try {
      closeEnclave();
    } finally {
      if (hostClosed.compareAndSet(false, true)) {
        answering.shutdownNow();
        host.close();
      }
    }
  }

  /**
   * Shuts the enclave down but leaves the host running, for a JVM shutdown hook: the enclave's
   * child process may die of the same Ctrl-C at the same moment, and the host's handling of that
   * failure must not find its executor already terminated. The JVM's exit ends the rest. From
   * here on the session reports no failures: they are the shutdown's doing. Idempotent.
   */
  public void closeEnclave() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    Enclave e = enclave;
    try {
      if (e != null) {
        e.close();
      }
    } finally {
      pending.values().forEach(f -> f.completeExceptionally(new CommandFailure("the enclave was closed")));
    }
  }

  private void report(String line) {
    try {
      events.accept(line);
    } catch (RuntimeException ignored) {
      // Reporting must never break the host side of the boundary.
    }
  }

  private void answer(Enclave target, Ocall.Request request) {
    if (CLOCK_ADDRESS.equals(request.address())) {
      String now = Instant.now().toString();
      clockRequests.incrementAndGet();
      report("[host] " + CLOCK_ADDRESS + " asked by the enclave, answered " + now);
      target.completeRequest(request.requestId(), Map.of(), now.getBytes(StandardCharsets.UTF_8));
    } else {
      report("[host] the enclave asked " + request.address() + ": no handler on this host, refused");
      target.failRequest(request.requestId(), ReplyException.NO_HANDLERS,
          "the sereca CLI host answers only " + CLOCK_ADDRESS);
    }
  }

  private static String level(int level) {
    switch (level) {
      case 0:
        return "INFO";
      case 1:
        return "WARN";
      default:
        return "ERROR";
    }
  }

  /** The host side of the boundary: everything the enclave asks of the outside world. */
  private final class Listener implements OcallListener {

    @Override
    public void onOcall(Enclave source, Ocall ocall) {
      if (ocall instanceof Ocall.Reply) {
        Ocall.Reply r = (Ocall.Reply) ocall;
        complete(r.replyToken(), EnclaveReply.success(r.headers(), r.body()));
      } else if (ocall instanceof Ocall.Fail) {
        Ocall.Fail f = (Ocall.Fail) ocall;
        complete(f.replyToken(), EnclaveReply.failure(f.code(), f.message()));
      } else if (ocall instanceof Ocall.Request) {
        Ocall.Request r = (Ocall.Request) ocall;
        answering.execute(() -> answer(source, r));
      } else if (ocall instanceof Ocall.Log) {
        Ocall.Log l = (Ocall.Log) ocall;
        report("[enclave " + level(l.level()) + "] " + l.message());
      } else if (ocall instanceof Ocall.Register) {
        addresses.add(((Ocall.Register) ocall).address());
      } else if (ocall instanceof Ocall.Unregister) {
        addresses.remove(((Ocall.Unregister) ocall).address());
      } else if (ocall instanceof Ocall.Send) {
        report("[host] the enclave sent to " + ((Ocall.Send) ocall).address()
            + ": no event bus behind this host, dropped");
      } else if (ocall instanceof Ocall.Publish) {
        report("[host] the enclave published to " + ((Ocall.Publish) ocall).address()
            + ": no event bus behind this host, dropped");
      }
    }

    private void complete(long token, EnclaveReply reply) {
      CompletableFuture<EnclaveReply> answer = pending.get(token);
      if (answer == null) {
        report("[host] the enclave answered unknown request " + token + ", ignored");
      } else {
        answer.complete(reply);
      }
    }

    @Override
    public void onFailure(Enclave source, EnclaveFailure failure) {
      if (closed.get()) {
        return;
      }
      report("[host] the enclave failed (" + failure.reason() + "); "
          + (failure.restarting() ? "restarting" : "giving up after " + failure.failures() + " failure(s)"));
      CommandFailure lost = new CommandFailure("the enclave failed: " + failure.reason());
      pending.values().forEach(f -> f.completeExceptionally(lost));
      if (!failure.restarting()) {
        gaveUp.complete(failure.reason());
      }
    }

    @Override
    public void onRestarted(Enclave source) {
      if (closed.get()) {
        return;
      }
      report("[host] the enclave was restarted; secrets provisioned before are gone");
    }
  }
}
