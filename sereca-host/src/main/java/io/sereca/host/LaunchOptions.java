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
  private Duration boundarySpin;

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
    this.boundarySpin = other.boundarySpin;
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

  /** The longest boundary spin {@link #setBoundarySpin} accepts. */
  public static final Duration MAX_BOUNDARY_SPIN = Duration.ofMillis(1);
  /** The spin used on hosts with more than two processors unless set. */
  public static final Duration DEFAULT_BOUNDARY_SPIN = Duration.ofNanos(50_000);

  /**
   * How long each end of a {@code process} enclave's channel spins for the other's next frame
   * before it blocks. Unless set: {@link #DEFAULT_BOUNDARY_SPIN} where this JVM sees more than two
   * processors, zero (block at once) otherwise.
   *
   * <p>Why both: a spin saves the wake-up of a halted vCPU (a 1 KiB round trip's p50 falls from ~65
   * to ~25 µs on an idle 2-vCPU VM), but it burns the CPU it waits on; with the sender, the host and
   * the enclave JVM busy on 2 vCPUs, spinning cost the secure verticle about half its throughput
   * (docs/benchmarks.md).
   */
  public Duration getBoundarySpin() {
    if (boundarySpin != null) {
      return boundarySpin;
    }
    return Runtime.getRuntime().availableProcessors() > 2 ? DEFAULT_BOUNDARY_SPIN : Duration.ZERO;
  }

  /** Sets the boundary spin (0 .. {@link #MAX_BOUNDARY_SPIN}); null restores the default. */
  public LaunchOptions setBoundarySpin(Duration spin) {
    if (spin != null && (spin.isNegative() || spin.compareTo(MAX_BOUNDARY_SPIN) > 0)) {
      throw new IllegalArgumentException("boundary spin must be between 0 and " + MAX_BOUNDARY_SPIN.toNanos() / 1000
          + " µs, got " + spin);
    }
    this.boundarySpin = spin;
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
