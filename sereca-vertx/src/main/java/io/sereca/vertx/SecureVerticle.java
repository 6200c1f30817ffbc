package io.sereca.vertx;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.sereca.host.Enclave;
import io.sereca.host.EnclaveBundle;
import io.sereca.host.EnclaveHost;
import io.sereca.host.HostOptions;
import io.sereca.host.LaunchOptions;
import io.sereca.vertx.internal.EnclaveRelay;
import io.sereca.vertx.internal.Provisioning;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.nio.file.Path;

/**
 * A verticle whose logic runs in an enclave: it launches a signed enclave bundle on a backend,
 * relays its event-bus traffic across the boundary, and (given a provisioner address) has the
 * enclave attested and provisioned with its route keys before the deployment completes.
 *
 * <p>Deploy it like any verticle:
 *
 * <pre>{@code
 * vertx.deployVerticle(new SecureVerticle(), new DeploymentOptions().setConfig(
 *     new SecureVerticleOptions().setBundle("dam-analytics.jar").setBackend("process")
 *         .setProvisioner("sereca.dev-provisioner").toJson()));
 * }</pre>
 *
 * <p>Regular and secure verticles mix freely on one bus. On addresses covered by the enclave's
 * route table the host relays envelopes only; plaintext never leaves the enclave.
 */
public class SecureVerticle extends VerticleBase {

  private static final System.Logger LOG = System.getLogger(SecureVerticle.class.getName());

  private final MeterRegistry metrics;
  private SecureVerticleOptions options;
  private EnclaveHost host;
  private EnclaveRelay relay;
  private Enclave enclave;
  private Provisioning provisioning;
  private io.vertx.core.eventbus.MessageConsumer<Object> rotations;

  /**
   * Suffix of the address on which a provisioner announces key rotations
   * ({@code <provisioner>.rotated}); secure verticles provision again when they hear one.
   */
  public static final String ROTATED_SUFFIX = ".rotated";

  /** A secure verticle reporting metrics to Micrometer's global registry. */
  public SecureVerticle() {
    this(Metrics.globalRegistry);
  }

  /** A secure verticle reporting rejected envelopes and such to {@code metrics}. */
  public SecureVerticle(MeterRegistry metrics) {
    this.metrics = metrics;
  }

  @Override
  public Future<?> start() {
    try {
      options = new SecureVerticleOptions(config());
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
    if (options.getBundle() == null) {
      return Future.failedFuture(new IllegalArgumentException("secure verticle config needs 'bundle'"));
    }
    relay = new EnclaveRelay(vertx, context, metrics, this::reprovision);
    LaunchOptions launch = new LaunchOptions().setBackend(options.getBackend())
        .setMaxFrameBytes(options.getMaxFrameBytes()).setMaxRestarts(options.getMaxRestarts());
    if (options.getBoundarySpinMicros() != null) {
      launch.setBoundarySpin(java.time.Duration.ofNanos(options.getBoundarySpinMicros() * 1000));
    }
    return vertx.executeBlocking(() -> {
      EnclaveBundle bundle = EnclaveBundle.load(Path.of(options.getBundle()));
      host = EnclaveHost.create(new HostOptions().setDataDirectory(Path.of(options.getDataDirectory())));
      return bundle;
    }).compose(bundle -> Future.fromCompletionStage(host.launch(bundle, launch, relay), context))
        .compose(e -> {
          enclave = e;
          if (e.simulated()) {
            LOG.log(System.Logger.Level.WARNING, "secure verticle runs on the SIMULATED '" + e.backend()
                + "' backend: no hardware protection");
          }
          return provision(e);
        })
        .compose(v -> relay.registrationsComplete());
  }

  private Future<Void> provision(Enclave e) {
    if (options.getProvisioner() == null) {
      return Future.succeededFuture();
    }
    if (provisioning == null) {
      provisioning = new Provisioning(vertx, context, options.getProvisioner(),
          options.getProvisioningTimeoutMillis(), options.getService());
      // A rotated key reaches a running enclave by provisioning it again: the provisioner
      // attests it afresh, so an enclave the manifest no longer allows gets nothing new.
      rotations = vertx.eventBus().consumer(options.getProvisioner() + ROTATED_SUFFIX, m -> {
        if (enclave != null) {
          provision(enclave).onFailure(err -> LOG.log(System.Logger.Level.ERROR,
              "provisioning after a key rotation failed: " + err.getMessage()));
        }
      });
    }
    return provisioning.run(e);
  }

  private void reprovision(Enclave e) {
    provision(e).onFailure(err -> LOG.log(System.Logger.Level.ERROR,
        "re-provisioning the restarted enclave failed: " + err.getMessage()));
  }

  /** The running enclave (for diagnostics), or null before start. */
  public Enclave enclave() {
    return enclave;
  }

  @Override
  public Future<?> stop() {
    if (rotations != null) {
      rotations.unregister();
    }
    if (provisioning != null && provisioning.lease() != null) {
      // Best effort: an unreleased lease expires on its own.
      vertx.eventBus().send(options.getProvisioner() + ".release",
          new io.vertx.core.json.JsonObject().put("lease", provisioning.lease()));
    }
    Future<Void> closed = relay == null ? Future.succeededFuture() : relay.close();
    return closed.compose(v -> vertx.executeBlocking(() -> {
      if (enclave != null) {
        enclave.close();
      }
      if (host != null) {
        host.close();
      }
      return null;
    }));
  }
}
