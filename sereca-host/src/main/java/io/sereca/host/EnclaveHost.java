package io.sereca.host;

import io.sereca.attestation.SimulationAuthority;
import io.sereca.host.internal.ConfidentialVmBackend;
import io.sereca.host.internal.ConfigfsTsm;
import io.sereca.host.internal.GramineSgxBackend;
import io.sereca.host.internal.HostWorkspace;
import io.sereca.host.internal.ManagedEnclave;
import io.sereca.host.internal.ProcessBackend;
import io.sereca.host.internal.SimBackend;
import io.sereca.host.spi.EnclaveBackend;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Launches verified, measured enclave bundles on a backend. One per JVM is typical.
 *
 * <pre>{@code
 * EnclaveHost host = EnclaveHost.create(new HostOptions());
 * EnclaveBundle bundle = EnclaveBundle.load(Path.of("app-enclave.jar"));
 * Enclave enclave = host.launch(bundle, new LaunchOptions().setBackend("process"), listener).join();
 * }</pre>
 *
 * <p>The {@code sim} and {@code process} backends have no hardware root of trust: their evidence
 * is signed by this installation's simulation authority and says SIMULATED; verifiers refuse it
 * unless their policy explicitly allows simulation.
 */
public final class EnclaveHost implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(EnclaveHost.class.getName());

  private final HostOptions options;
  private final Map<String, EnclaveBackend> backends = new LinkedHashMap<>();
  private final HostWorkspace workspace;
  private final ScheduledExecutorService scheduler;
  private volatile SimulationAuthority simulationAuthority;

  private EnclaveHost(HostOptions options, HostWorkspace workspace) {
    this.options = options;
    this.workspace = workspace;
    SimBackend sim = new SimBackend();
    ProcessBackend process = new ProcessBackend();
    register(sim);
    register(process);
    register(new GramineSgxBackend(options.getGramine()));
    ConfidentialVmOptions cvm = options.getConfidentialVm();
    EnclaveBackend inside = "sim".equals(cvm.getInnerBackend()) ? sim : process;
    register(ConfidentialVmBackend.tdx(inside, new ConfigfsTsm(cvm.getReportRoot(), cvm.getMaxAttempts())));
    register(ConfidentialVmBackend.sevSnp(inside, new ConfigfsTsm(cvm.getReportRoot(), cvm.getMaxAttempts())));
    options.getExtraBackends().forEach(this::register);
    this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "sereca-enclave-host");
      t.setDaemon(true);
      return t;
    });
  }

  private void register(EnclaveBackend backend) {
    if (backends.putIfAbsent(backend.name(), backend) != null) {
      throw new IllegalArgumentException("two backends are named " + backend.name());
    }
  }

  /**
   * Creates a host.
   *
   * @throws IOException if its private workspace cannot be created
   */
  public static EnclaveHost create(HostOptions options) throws IOException {
    return new EnclaveHost(new HostOptions(options), HostWorkspace.create());
  }

  /** Names of the available backends. */
  public Set<String> backends() {
    return backends.keySet();
  }

  /**
   * This installation's simulation authority (root CA, platform key, seal secret), created in
   * {@code <data directory>/sim-platform} on first use.
   */
  public SimulationAuthority simulationAuthority() throws IOException, GeneralSecurityException {
    SimulationAuthority a = simulationAuthority;
    if (a == null) {
      synchronized (this) {
        if (simulationAuthority == null) {
          simulationAuthority = SimulationAuthority.open(simulationDirectory(options.getDataDirectory()));
        }
        a = simulationAuthority;
      }
    }
    return a;
  }

  /** Where the simulation authority of a data directory lives. */
  public static Path simulationDirectory(Path dataDirectory) {
    return dataDirectory.resolve("sim-platform");
  }

  /**
   * Launches {@code bundle}: picks the backend, starts an instance from private copies of the
   * measured runtime and bundle, and runs the app's {@code init}. The future fails with an
   * {@link EnclaveException} naming the problem (unknown backend, launch failure, init failure).
   */
  public CompletableFuture<Enclave> launch(EnclaveBundle bundle, LaunchOptions launchOptions,
      OcallListener listener) {
    Objects.requireNonNull(bundle, "bundle");
    Objects.requireNonNull(listener, "listener");
    LaunchOptions opts = new LaunchOptions(launchOptions);
    EnclaveBackend backend = backends.get(opts.getBackend());
    if (backend == null) {
      return CompletableFuture.failedFuture(new EnclaveException(
          "unknown backend '" + opts.getBackend() + "' (available: " + backends.keySet() + ")"));
    }
    SimulationAuthority authority;
    try {
      authority = simulationAuthority();
    } catch (IOException | GeneralSecurityException e) {
      return CompletableFuture.failedFuture(new EnclaveException(
          "cannot open the simulation platform in " + options.getDataDirectory() + ": " + e.getMessage(), e));
    }
    EnclaveProvisioner provisioner = opts.getProvisioner();
    if (provisioner == null) {
      return ManagedEnclave.launch(bundle, backend, opts, listener, workspace, authority, scheduler);
    }
    // Restarted instances lost their secrets with the old one: provision them again.
    OcallListener reprovisioning = new OcallListener() {
      @Override
      public void onOcall(Enclave enclave, io.sereca.enclave.boundary.Ocall ocall) {
        listener.onOcall(enclave, ocall);
      }

      @Override
      public void onFailure(Enclave enclave, EnclaveFailure failure) {
        listener.onFailure(enclave, failure);
      }

      @Override
      public void onRestarted(Enclave enclave) {
        provisioner.provision(enclave).whenComplete((v, err) -> {
          if (err != null) {
            LOG.log(System.Logger.Level.ERROR, "provisioning the restarted enclave failed: " + rootMessage(err));
          }
          listener.onRestarted(enclave);
        });
      }
    };
    return ManagedEnclave.launch(bundle, backend, opts, reprovisioning, workspace, authority, scheduler)
        .thenCompose(enclave -> provisioner.provision(enclave).handle((v, err) -> {
          if (err != null) {
            enclave.close();
            throw new java.util.concurrent.CompletionException(new EnclaveException(
                "the enclave was launched but not provisioned: " + rootMessage(err), err));
          }
          return enclave;
        }));
  }

  private static String rootMessage(Throwable t) {
    Throwable c = t;
    while (c.getCause() != null && (c instanceof java.util.concurrent.CompletionException
        || c instanceof java.util.concurrent.ExecutionException)) {
      c = c.getCause();
    }
    return c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage();
  }

  /** Stops the host's scheduler and deletes its workspace; close enclaves first. */
  @Override
  public void close() {
    scheduler.shutdownNow();
    workspace.delete();
  }
}
