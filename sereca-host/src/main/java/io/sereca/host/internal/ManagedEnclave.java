package io.sereca.host.internal;

import io.sereca.attestation.SimulationAuthority;
import io.sereca.enclave.EnclaveIdentity;
import io.sereca.enclave.boundary.BoundaryException;
import io.sereca.enclave.boundary.BoundaryLimits;
import io.sereca.enclave.boundary.Ecall;
import io.sereca.enclave.boundary.EcallResult;
import io.sereca.enclave.boundary.Ocall;
import io.sereca.host.Enclave;
import io.sereca.host.EnclaveBundle;
import io.sereca.host.EnclaveException;
import io.sereca.host.EnclaveFailure;
import io.sereca.host.LaunchOptions;
import io.sereca.host.OcallListener;
import io.sereca.host.ProvisioningRequest;
import io.sereca.host.spi.EnclaveBackend;
import io.sereca.host.spi.EnclaveChannel;
import io.sereca.host.spi.EnclaveLaunchException;
import io.sereca.host.spi.LaunchContext;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An {@link Enclave}: a channel to the current instance, typed ecalls, and the restart policy.
 * Everything the enclave emits is decoded and validated here before a listener sees it.
 */
public final class ManagedEnclave implements Enclave {

  private static final System.Logger LOG = System.getLogger(ManagedEnclave.class.getName());

  private final EnclaveBundle bundle;
  private final EnclaveIdentity identity;
  private final EnclaveBackend backend;
  private final LaunchOptions options;
  private final OcallListener listener;
  private final HostWorkspace workspace;
  private final SimulationAuthority authority;
  private final ScheduledExecutorService scheduler;
  private final BoundaryLimits limits;
  private final String name;
  private final AtomicInteger failures = new AtomicInteger();
  private volatile EnclaveChannel channel;
  private Path bundleJar; // written once; restarts launch from the same private copy
  private volatile boolean closed;

  private ManagedEnclave(EnclaveBundle bundle, EnclaveBackend backend, LaunchOptions options,
      OcallListener listener, HostWorkspace workspace, SimulationAuthority authority,
      ScheduledExecutorService scheduler) {
    this.bundle = bundle;
    this.identity = bundle.identity();
    this.backend = backend;
    this.options = options;
    this.listener = listener;
    this.workspace = workspace;
    this.authority = authority;
    this.scheduler = scheduler;
    this.limits = BoundaryLimits.withMaxFrameBytes(options.getMaxFrameBytes());
    String appClass = bundle.config().appClass();
    this.name = options.getName() != null ? options.getName()
        : appClass.substring(appClass.lastIndexOf('.') + 1);
  }

  /** Launches and initialises an enclave. */
  public static CompletableFuture<Enclave> launch(EnclaveBundle bundle, EnclaveBackend backend,
      LaunchOptions options, OcallListener listener, HostWorkspace workspace,
      SimulationAuthority authority, ScheduledExecutorService scheduler) {
    ManagedEnclave e = new ManagedEnclave(bundle, backend, options, listener, workspace, authority, scheduler);
    return e.start().thenApply(v -> (Enclave) e);
  }

  private CompletableFuture<Void> start() {
    EnclaveChannel ch;
    try {
      Path runtime = workspace.runtimeJar();
      if (bundleJar == null) {
        bundleJar = workspace.bundleCopy(bundle.jarBytes());
      }
      LaunchContext ctx = new LaunchContext(name, identity, runtime, bundleJar,
          bundle.config().memoryBudgetMib(), limits, options.getJvmOptions(), options.getBoundarySpin().toNanos(),
          this::onOcallFrame, this::onExit, (id, reportData) -> authority.issue(id, reportData));
      ch = backend.open(ctx);
    } catch (IOException | EnclaveLaunchException e) {
      return CompletableFuture.failedFuture(new EnclaveException(
          "cannot launch enclave " + name + " on backend " + backend.name() + ": " + e.getMessage(), e));
    }
    channel = ch;
    Ecall.Init init = new Ecall.Init(bundle.config().appClass(), identity, authority.sealSecret());
    return ecall(init).thenApply(b -> (Void) null).whenComplete((v, err) -> {
      if (err != null) {
        ch.close();
      }
    });
  }

  private void onOcallFrame(byte[] frame) {
    Ocall ocall;
    try {
      ocall = Ocall.decode(frame, limits);
    } catch (BoundaryException e) {
      LOG.log(System.Logger.Level.WARNING, "enclave {0} emitted a malformed ocall, dropped: {1}",
          name, e.getMessage());
      return;
    }
    listener.onOcall(this, ocall);
  }

  private void onExit(String reason) {
    if (closed) {
      return;
    }
    int n = failures.incrementAndGet();
    boolean restarting = n <= options.getMaxRestarts();
    LOG.log(System.Logger.Level.WARNING, "enclave {0} failed ({1}); {2}", name, reason,
        restarting ? "restarting (" + n + "/" + options.getMaxRestarts() + ")" : "giving up");
    channel = null;
    safely(() -> listener.onFailure(this, new EnclaveFailure(reason, restarting, n)));
    if (restarting && !closed) {
      try {
        scheduler.schedule(this::restart, options.getRestartDelay().toMillis(), TimeUnit.MILLISECONDS);
      } catch (java.util.concurrent.RejectedExecutionException e) {
        // The host was closed meanwhile: nothing to restart into.
        LOG.log(System.Logger.Level.INFO, "enclave {0} not restarted: its host is closed", name);
      }
    }
  }

  private void restart() {
    if (closed) {
      return;
    }
    start().whenComplete((v, err) -> {
      if (err == null) {
        safely(() -> listener.onRestarted(this));
      } else {
        onExit("restart failed: " + rootMessage(err));
      }
    });
  }

  private static void safely(Runnable r) {
    try {
      r.run();
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "enclave listener failed", e);
    }
  }

  /** Sends an ecall and decodes the result; failures become {@link EnclaveException}. */
  private CompletableFuture<byte[]> ecall(Ecall call) {
    EnclaveChannel ch = channel;
    if (ch == null || closed) {
      return CompletableFuture.failedFuture(new EnclaveException("enclave " + name + " is not running"));
    }
    byte[] frame;
    try {
      frame = call.encode();
      limits.checkFrame(frame.length);
    } catch (BoundaryException e) {
      return CompletableFuture.failedFuture(new EnclaveException("ecall refused: " + e.getMessage()));
    }
    return ch.call(frame).handle((resultFrame, err) -> {
      if (err != null) {
        throw new CompletionException(new EnclaveException(rootMessage(err), err));
      }
      EcallResult result;
      try {
        result = EcallResult.decode(resultFrame, limits);
      } catch (BoundaryException e) {
        throw new CompletionException(new EnclaveException(
            "enclave " + name + " returned a malformed result: " + e.getMessage()));
      }
      if (!result.isOk()) {
        throw new CompletionException(new EnclaveException(result.error()));
      }
      return result.payload();
    });
  }

  private static String rootMessage(Throwable t) {
    while ((t instanceof CompletionException || t instanceof java.util.concurrent.ExecutionException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.getClass().getName() : t.getMessage();
  }

  @Override
  public EnclaveIdentity identity() {
    return identity;
  }

  @Override
  public String backend() {
    return backend.name();
  }

  @Override
  public boolean simulated() {
    return backend.simulated();
  }

  @Override
  public CompletableFuture<Void> deliver(String address, Map<String, String> headers, byte[] body,
      long replyToken) {
    return ecall(new Ecall.Deliver(address, headers, body, replyToken)).thenApply(b -> null);
  }

  @Override
  public CompletableFuture<Void> completeRequest(long requestId, Map<String, String> headers, byte[] body) {
    return ecall(Ecall.ReplyResult.reply(requestId, headers, body)).thenApply(b -> null);
  }

  @Override
  public CompletableFuture<Void> failRequest(long requestId, int code, String message) {
    return ecall(Ecall.ReplyResult.failure(requestId, code, message)).thenApply(b -> null);
  }

  @Override
  public CompletableFuture<byte[]> attest(byte[] reportData) {
    if (reportData == null || reportData.length != 64) {
      return CompletableFuture.failedFuture(new EnclaveException("report data must be exactly 64 bytes"));
    }
    EnclaveChannel ch = channel;
    if (ch == null) {
      return CompletableFuture.failedFuture(new EnclaveException("enclave " + name + " is not running"));
    }
    return ch.quote(reportData.clone());
  }

  @Override
  public CompletableFuture<ProvisioningRequest> requestProvisioning(byte[] nonce) {
    return ecall(new Ecall.ProvisionKey(nonce)).thenCompose(out -> {
      if (out.length < 32 + 64 || out.length > 32 + 64 + BoundaryLimits.MAX_CLAIMS_BYTES) {
        throw new CompletionException(new EnclaveException(
            "enclave returned a provisioning key of the wrong size: " + out.length));
      }
      byte[] pk = Arrays.copyOf(out, 32);
      byte[] reportData = Arrays.copyOfRange(out, 32, 96);
      byte[] claims = Arrays.copyOfRange(out, 96, out.length);
      EnclaveChannel ch = channel;
      if (ch == null) {
        throw new CompletionException(new EnclaveException("enclave " + name + " is not running"));
      }
      return ch.quoteWithCollateral(reportData)
          .thenApply(q -> new ProvisioningRequest(q.evidence(), pk, claims, q.collateral()));
    });
  }

  @Override
  public CompletableFuture<Void> provision(byte[] encryptedSecrets) {
    return ecall(new Ecall.Provision(encryptedSecrets)).thenApply(b -> null);
  }

  @Override
  public CompletableFuture<byte[]> echo(byte[] payload) {
    return ecall(new Ecall.Echo(payload));
  }

  @Override
  public int restarts() {
    return failures.get();
  }

  @Override
  public boolean isRunning() {
    return channel != null && !closed;
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    EnclaveChannel ch = channel;
    if (ch != null) {
      try {
        ecall(new Ecall.Shutdown()).get(5, TimeUnit.SECONDS);
      } catch (Exception e) {
        LOG.log(System.Logger.Level.DEBUG, "enclave {0} did not shut down cleanly: {1}", name, rootMessage(e));
      }
      closed = true;
      ch.close();
    }
    closed = true;
    channel = null;
  }

  @Override
  public String toString() {
    return "Enclave{" + name + ", backend=" + backend.name() + ", " + identity + "}";
  }

}
