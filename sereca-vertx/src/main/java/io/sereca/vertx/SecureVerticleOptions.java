package io.sereca.vertx;

import io.sereca.enclave.boundary.BoundaryLimits;
import io.sereca.host.HostOptions;
import io.sereca.host.LaunchOptions;
import io.vertx.core.json.JsonObject;
import java.util.Objects;

/**
 * Options of a {@link SecureVerticle}, as a data object; also read from the verticle's config
 * JSON, so a secure verticle deploys like any verticle:
 *
 * <pre>{@code
 * {
 *   "bundle": "enclaves/dam-analytics.jar",
 *   "backend": "process",
 *   "provisioner": "sereca.dev-provisioner",
 *   "dataDirectory": "/var/lib/sereca"
 * }
 * }</pre>
 *
 * <p>No keys go here: route keys reach the enclave only encrypted to its attested key, from the
 * provisioner (the dev provisioner now, the CAS later).
 */
public final class SecureVerticleOptions {

  /** Default backend. */
  public static final String DEFAULT_BACKEND = LaunchOptions.DEFAULT_BACKEND;
  /** Default provisioning timeout in milliseconds. */
  public static final long DEFAULT_PROVISIONING_TIMEOUT_MILLIS = 30_000;

  private String bundle;
  private String backend = DEFAULT_BACKEND;
  private String provisioner;
  private String service;
  private String dataDirectory = HostOptions.defaultDataDirectory().toString();
  private int maxFrameBytes = BoundaryLimits.DEFAULT_MAX_FRAME_BYTES;
  private int maxRestarts = LaunchOptions.DEFAULT_MAX_RESTARTS;
  private long provisioningTimeoutMillis = DEFAULT_PROVISIONING_TIMEOUT_MILLIS;
  private Long boundarySpinMicros;

  /** Defaults. */
  public SecureVerticleOptions() {}

  /** Copy constructor. */
  public SecureVerticleOptions(SecureVerticleOptions other) {
    this.bundle = other.bundle;
    this.backend = other.backend;
    this.provisioner = other.provisioner;
    this.service = other.service;
    this.dataDirectory = other.dataDirectory;
    this.maxFrameBytes = other.maxFrameBytes;
    this.maxRestarts = other.maxRestarts;
    this.provisioningTimeoutMillis = other.provisioningTimeoutMillis;
    this.boundarySpinMicros = other.boundarySpinMicros;
  }

  /**
   * From JSON; unknown keys are errors (a typo must not silently fall back to a default).
   *
   * @throws IllegalArgumentException naming the bad key or value
   */
  public SecureVerticleOptions(JsonObject json) {
    for (String key : json.fieldNames()) {
      switch (key) {
        case "bundle": bundle = json.getString(key); break;
        case "backend": backend = json.getString(key); break;
        case "provisioner": provisioner = json.getString(key); break;
        case "service": service = json.getString(key); break;
        case "dataDirectory": dataDirectory = json.getString(key); break;
        case "maxFrameBytes": setMaxFrameBytes(json.getInteger(key)); break;
        case "maxRestarts": maxRestarts = json.getInteger(key); break;
        case "provisioningTimeoutMillis": provisioningTimeoutMillis = json.getLong(key); break;
        case "boundarySpinMicros": setBoundarySpinMicros(json.getLong(key)); break;
        default:
          throw new IllegalArgumentException("secure verticle config has unknown key '" + key
              + "' (known: bundle, backend, provisioner, service, dataDirectory, maxFrameBytes, maxRestarts,"
              + " provisioningTimeoutMillis, boundarySpinMicros)");
      }
    }
  }

  /** As JSON. */
  public JsonObject toJson() {
    JsonObject j = new JsonObject().put("backend", backend).put("dataDirectory", dataDirectory)
        .put("maxFrameBytes", maxFrameBytes).put("maxRestarts", maxRestarts)
        .put("provisioningTimeoutMillis", provisioningTimeoutMillis);
    if (bundle != null) {
      j.put("bundle", bundle);
    }
    if (provisioner != null) {
      j.put("provisioner", provisioner);
    }
    if (service != null) {
      j.put("service", service);
    }
    if (boundarySpinMicros != null) {
      j.put("boundarySpinMicros", boundarySpinMicros);
    }
    return j;
  }

  /** Path of the signed enclave bundle (required). */
  public String getBundle() {
    return bundle;
  }

  /** Sets the bundle path. */
  public SecureVerticleOptions setBundle(String bundle) {
    this.bundle = bundle;
    return this;
  }

  /** Enclave backend: {@code sim} (default) or {@code process}. */
  public String getBackend() {
    return backend;
  }

  /** Sets the backend. */
  public SecureVerticleOptions setBackend(String backend) {
    this.backend = Objects.requireNonNull(backend, "backend");
    return this;
  }

  /** Event-bus address of the provisioner, or null to run without provisioned secrets. */
  public String getProvisioner() {
    return provisioner;
  }

  /** Sets the provisioner address. */
  public SecureVerticleOptions setProvisioner(String provisioner) {
    this.provisioner = provisioner;
    return this;
  }

  /**
   * The service name this verticle's enclave attests as (the CAS matches it against its
   * manifest), or null for provisioners that do not use service names.
   */
  public String getService() {
    return service;
  }

  /** Sets the service name. */
  public SecureVerticleOptions setService(String service) {
    this.service = service;
    return this;
  }

  /** Data directory (simulation platform state). */
  public String getDataDirectory() {
    return dataDirectory;
  }

  /** Sets the data directory. */
  public SecureVerticleOptions setDataDirectory(String dataDirectory) {
    this.dataDirectory = Objects.requireNonNull(dataDirectory, "dataDirectory");
    return this;
  }

  /** Maximum boundary frame size. */
  public int getMaxFrameBytes() {
    return maxFrameBytes;
  }

  /** Sets the maximum boundary frame size. */
  public SecureVerticleOptions setMaxFrameBytes(int maxFrameBytes) {
    BoundaryLimits.withMaxFrameBytes(maxFrameBytes);
    this.maxFrameBytes = maxFrameBytes;
    return this;
  }

  /** Restarts after enclave failures. */
  public int getMaxRestarts() {
    return maxRestarts;
  }

  /** Sets the restart budget. */
  public SecureVerticleOptions setMaxRestarts(int maxRestarts) {
    this.maxRestarts = maxRestarts;
    return this;
  }

  /** How long provisioning may take before the deployment fails. */
  public long getProvisioningTimeoutMillis() {
    return provisioningTimeoutMillis;
  }

  /** Sets the provisioning timeout. */
  public SecureVerticleOptions setProvisioningTimeoutMillis(long provisioningTimeoutMillis) {
    this.provisioningTimeoutMillis = provisioningTimeoutMillis;
    return this;
  }

  /**
   * How long the ends of a {@code process} enclave's channel spin for the next frame before
   * blocking, in µs; null for the default of {@link LaunchOptions#getBoundarySpin()} (50 µs with
   * more than two processors, else 0).
   */
  public Long getBoundarySpinMicros() {
    return boundarySpinMicros;
  }

  /** Sets the boundary spin in µs (0..1000), or null for the default. */
  public SecureVerticleOptions setBoundarySpinMicros(Long micros) {
    if (micros != null && (micros < 0 || micros > LaunchOptions.MAX_BOUNDARY_SPIN.toNanos() / 1000)) {
      throw new IllegalArgumentException("boundarySpinMicros must be 0.."
          + LaunchOptions.MAX_BOUNDARY_SPIN.toNanos() / 1000 + ", got " + micros);
    }
    this.boundarySpinMicros = micros;
    return this;
  }
}
