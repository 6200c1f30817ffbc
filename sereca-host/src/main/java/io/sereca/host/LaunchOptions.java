package io.sereca.host;

import io.sereca.enclave.boundary.BoundaryLimits;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** How to launch one enclave, as a data object. */
public final class LaunchOptions {

  /** Default backend. */
  public static final String DEFAULT_BACKEND = "sim";
  /** Default number of restarts after enclave failures before giving up. */
  public static final int DEFAULT_MAX_RESTARTS = 3;
  /** Default delay before a restart. */
  public static final Duration DEFAULT_RESTART_DELAY = Duration.ofMillis(200);

  private String backend = DEFAULT_BACKEND;
  private String name;
  private int maxFrameBytes = BoundaryLimits.DEFAULT_MAX_FRAME_BYTES;
  private int maxRestarts = DEFAULT_MAX_RESTARTS;
  private Duration restartDelay = DEFAULT_RESTART_DELAY;
  private final List<String> jvmOptions = new ArrayList<>();

  private EnclaveProvisioner provisioner;

  /** Defaults. */
  public LaunchOptions() {}

  /** Copy constructor. */
  public LaunchOptions(LaunchOptions other) {
    this.provisioner = other.provisioner;
    this.backend = other.backend;
    this.name = other.name;
    this.maxFrameBytes = other.maxFrameBytes;
    this.maxRestarts = other.maxRestarts;
    this.restartDelay = other.restartDelay;
    this.jvmOptions.addAll(other.jvmOptions);
  }

  /** The backend name ({@code sim}, {@code process}, ...). */
  public String getBackend() {
    return backend;
  }

  /** Sets the backend. */
  public LaunchOptions setBackend(String backend) {
    this.backend = Objects.requireNonNull(backend, "backend");
    return this;
  }

  /** A label for logs; defaults to the app class's simple name. */
  public String getName() {
    return name;
  }

  /** Sets the label. */
  public LaunchOptions setName(String name) {
    this.name = name;
    return this;
  }

  /** Maximum boundary frame size (default 16 MiB). */
  public int getMaxFrameBytes() {
    return maxFrameBytes;
  }

  /** Sets the maximum frame size (64 KiB..1 GiB). */
  public LaunchOptions setMaxFrameBytes(int maxFrameBytes) {
    BoundaryLimits.withMaxFrameBytes(maxFrameBytes);
    this.maxFrameBytes = maxFrameBytes;
    return this;
  }

  /** Restarts allowed after failures (0 = never restart). */
  public int getMaxRestarts() {
    return maxRestarts;
  }

  /** Sets the restart budget. */
  public LaunchOptions setMaxRestarts(int maxRestarts) {
    if (maxRestarts < 0) {
      throw new IllegalArgumentException("maxRestarts must be >= 0");
    }
    this.maxRestarts = maxRestarts;
    return this;
  }

  /** Delay before a restart. */
  public Duration getRestartDelay() {
    return restartDelay;
  }

  /** Sets the restart delay. */
  public LaunchOptions setRestartDelay(Duration restartDelay) {
    this.restartDelay = Objects.requireNonNull(restartDelay, "restartDelay");
    return this;
  }

  /** Extra JVM options for backends that start a JVM. */
  public List<String> getJvmOptions() {
    return List.copyOf(jvmOptions);
  }

  /** Adds a JVM option. */
  public LaunchOptions addJvmOption(String option) {
    jvmOptions.add(Objects.requireNonNull(option, "option"));
    return this;
  }

  /** Who provisions the enclave after launch and after each restart, or null (nobody). */
  public EnclaveProvisioner getProvisioner() {
    return provisioner;
  }

  /**
   * Sets who provisions the enclave: {@link EnclaveHost#launch} completes once it is provisioned
   * (and fails with the provisioner's reason otherwise), and every restarted instance is
   * provisioned again.
   */
  public LaunchOptions setProvisioner(EnclaveProvisioner provisioner) {
    this.provisioner = provisioner;
    return this;
  }
}
