package io.sereca.cas;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/** Options of a {@link CasServer}, as a data object. */
public final class CasOptions {

  /** Default HTTPS host: loopback only. */
  public static final String DEFAULT_HOST = "127.0.0.1";
  /** Default HTTPS port. */
  public static final int DEFAULT_PORT = 8443;
  /** Default event-bus address (requests go to {@code <address>.nonce}, {@code .attest}, ...). */
  public static final String DEFAULT_BUS_ADDRESS = "sereca.cas";
  /** Default backend of the CAS's own enclave. */
  public static final String DEFAULT_BACKEND = "sim";
  /** Default time between a rotation and senders using the new version. */
  public static final Duration DEFAULT_ROTATION_PROPAGATION = Duration.ofSeconds(5);
  /** Default interval of checking for scheduled rotations. */
  public static final Duration DEFAULT_ROTATION_CHECK = Duration.ofSeconds(30);

  private String host = DEFAULT_HOST;
  private int port = DEFAULT_PORT;
  private String busAddress = DEFAULT_BUS_ADDRESS;
  private String backend = DEFAULT_BACKEND;
  private Path dataDirectory;
  private Duration rotationPropagation = DEFAULT_ROTATION_PROPAGATION;
  private Duration rotationCheck = DEFAULT_ROTATION_CHECK;
  private Duration leaseTtl = Duration.ofHours(1);

  /** Defaults; the data directory must be set. */
  public CasOptions() {}

  /** Copy constructor. */
  public CasOptions(CasOptions o) {
    host = o.host;
    port = o.port;
    busAddress = o.busAddress;
    backend = o.backend;
    dataDirectory = o.dataDirectory;
    rotationPropagation = o.rotationPropagation;
    rotationCheck = o.rotationCheck;
    leaseTtl = o.leaseTtl;
  }

  /** From JSON with the same names as the getters (durations in milliseconds). */
  public CasOptions(JsonObject json) {
    for (String key : json.fieldNames()) {
      switch (key) {
        case "host" -> setHost(json.getString(key));
        case "port" -> setPort(json.getInteger(key));
        case "busAddress" -> setBusAddress(json.getString(key));
        case "backend" -> setBackend(json.getString(key));
        case "dataDirectory" -> setDataDirectory(Path.of(json.getString(key)));
        case "rotationPropagationMillis" -> setRotationPropagation(Duration.ofMillis(json.getLong(key)));
        case "rotationCheckMillis" -> setRotationCheck(Duration.ofMillis(json.getLong(key)));
        case "leaseTtlMillis" -> setLeaseTtl(Duration.ofMillis(json.getLong(key)));
        default -> throw new IllegalArgumentException("CAS options have unknown key '" + key + "'");
      }
    }
  }

  /** As JSON. */
  public JsonObject toJson() {
    JsonObject j = new JsonObject().put("host", host).put("port", port).put("busAddress", busAddress)
        .put("backend", backend).put("rotationPropagationMillis", rotationPropagation.toMillis())
        .put("rotationCheckMillis", rotationCheck.toMillis()).put("leaseTtlMillis", leaseTtl.toMillis());
    if (dataDirectory != null) {
      j.put("dataDirectory", dataDirectory.toString());
    }
    return j;
  }

  /** HTTPS listen host. */
  public String getHost() {
    return host;
  }

  /** Sets the HTTPS listen host. */
  public CasOptions setHost(String host) {
    this.host = Objects.requireNonNull(host, "host");
    return this;
  }

  /** HTTPS port (0 picks a free one). */
  public int getPort() {
    return port;
  }

  /** Sets the HTTPS port. */
  public CasOptions setPort(int port) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0..65535, was " + port);
    }
    this.port = port;
    return this;
  }

  /** Event-bus address prefix. */
  public String getBusAddress() {
    return busAddress;
  }

  /** Sets the event-bus address prefix. */
  public CasOptions setBusAddress(String busAddress) {
    this.busAddress = Objects.requireNonNull(busAddress, "busAddress");
    return this;
  }

  /** Backend of the CAS's own enclave ({@code sim}, {@code process}, ...). */
  public String getBackend() {
    return backend;
  }

  /** Sets the backend. */
  public CasOptions setBackend(String backend) {
    this.backend = Objects.requireNonNull(backend, "backend");
    return this;
  }

  /** Where the CAS keeps its store, TLS material and the simulation platform. */
  public Path getDataDirectory() {
    return dataDirectory;
  }

  /** Sets the data directory. */
  public CasOptions setDataDirectory(Path dataDirectory) {
    this.dataDirectory = dataDirectory;
    return this;
  }

  /** Time between a rotation and senders switching to the new version. */
  public Duration getRotationPropagation() {
    return rotationPropagation;
  }

  /** Sets the propagation time; every instance must re-provision within it. */
  public CasOptions setRotationPropagation(Duration d) {
    this.rotationPropagation = Objects.requireNonNull(d);
    return this;
  }

  /** How often scheduled rotations are checked. */
  public Duration getRotationCheck() {
    return rotationCheck;
  }

  /** Sets the scheduled-rotation check interval. */
  public CasOptions setRotationCheck(Duration d) {
    this.rotationCheck = Objects.requireNonNull(d);
    return this;
  }

  /** How long an instance lease lives without renewal. */
  public Duration getLeaseTtl() {
    return leaseTtl;
  }

  /** Sets the lease lifetime. */
  public CasOptions setLeaseTtl(Duration d) {
    this.leaseTtl = Objects.requireNonNull(d);
    return this;
  }
}
