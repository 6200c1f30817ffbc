package io.sereca.host;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Options of the {@code gramine-sgx} backend, as a data object: the Gramine tools to call, the
 * JVM to run inside the enclave, and the manifest's sizing.
 */
public final class GramineOptions {

  /** Default launcher. */
  public static final String DEFAULT_GRAMINE_SGX = "gramine-sgx";
  /** Default manifest renderer. */
  public static final String DEFAULT_GRAMINE_MANIFEST = "gramine-manifest";
  /** Default signer. */
  public static final String DEFAULT_GRAMINE_SGX_SIGN = "gramine-sgx-sign";
  /** Where Gramine mounts its attestation device inside the enclave. */
  public static final String DEFAULT_ATTESTATION_DEVICE = "/dev/attestation";
  /** Memory beyond the heap budget for the JVM (metaspace, code cache, stacks) and Gramine. */
  public static final int DEFAULT_HEADROOM_MIB = 512;
  /** Default {@code sgx.max_threads}: the JVM's own threads plus the app's. */
  public static final int DEFAULT_MAX_THREADS = 64;
  /** Default {@code arch_libdir} passed to gramine-manifest. */
  public static final String DEFAULT_ARCH_LIBDIR = "/lib/x86_64-linux-gnu";

  private String gramineSgx = DEFAULT_GRAMINE_SGX;
  private String gramineManifest = DEFAULT_GRAMINE_MANIFEST;
  private String gramineSgxSign = DEFAULT_GRAMINE_SGX_SIGN;
  private Path signingKey;
  private Path javaHome = Path.of(System.getProperty("java.home"));
  private String attestationDevice = DEFAULT_ATTESTATION_DEVICE;
  private int headroomMib = DEFAULT_HEADROOM_MIB;
  private int maxThreads = DEFAULT_MAX_THREADS;
  private String archLibdir = DEFAULT_ARCH_LIBDIR;

  /** Defaults. */
  public GramineOptions() {}

  /** Copy constructor. */
  public GramineOptions(GramineOptions other) {
    this.gramineSgx = other.gramineSgx;
    this.gramineManifest = other.gramineManifest;
    this.gramineSgxSign = other.gramineSgxSign;
    this.signingKey = other.signingKey;
    this.javaHome = other.javaHome;
    this.attestationDevice = other.attestationDevice;
    this.headroomMib = other.headroomMib;
    this.maxThreads = other.maxThreads;
    this.archLibdir = other.archLibdir;
  }

  /** The launcher command (a name looked up on PATH, or a path). */
  public String getGramineSgx() {
    return gramineSgx;
  }

  /** Sets the launcher command. */
  public GramineOptions setGramineSgx(String command) {
    this.gramineSgx = Objects.requireNonNull(command, "command");
    return this;
  }

  /** The manifest renderer command. */
  public String getGramineManifest() {
    return gramineManifest;
  }

  /** Sets the manifest renderer command. */
  public GramineOptions setGramineManifest(String command) {
    this.gramineManifest = Objects.requireNonNull(command, "command");
    return this;
  }

  /** The signer command. */
  public String getGramineSgxSign() {
    return gramineSgxSign;
  }

  /** Sets the signer command. */
  public GramineOptions setGramineSgxSign(String command) {
    this.gramineSgxSign = Objects.requireNonNull(command, "command");
    return this;
  }

  /** The enclave signing key (RSA-3072 PEM) for gramine-sgx-sign; null = Gramine's default. */
  public Path getSigningKey() {
    return signingKey;
  }

  /** Sets the enclave signing key. */
  public GramineOptions setSigningKey(Path signingKey) {
    this.signingKey = signingKey;
    return this;
  }

  /** The JDK run inside the enclave (trusted: hashed into the manifest). Default: this JVM's. */
  public Path getJavaHome() {
    return javaHome;
  }

  /** Sets the JDK. */
  public GramineOptions setJavaHome(Path javaHome) {
    this.javaHome = Objects.requireNonNull(javaHome, "javaHome").toAbsolutePath().normalize();
    return this;
  }

  /**
   * The attestation device root the enclave reads (default {@value #DEFAULT_ATTESTATION_DEVICE});
   * only tests standing in for Gramine change it.
   */
  public String getAttestationDevice() {
    return attestationDevice;
  }

  /** Sets the attestation device root. */
  public GramineOptions setAttestationDevice(String attestationDevice) {
    this.attestationDevice = Objects.requireNonNull(attestationDevice, "attestationDevice");
    return this;
  }

  /** Enclave memory beyond the heap budget, in MiB. */
  public int getHeadroomMib() {
    return headroomMib;
  }

  /** Sets the headroom (64..65536 MiB). */
  public GramineOptions setHeadroomMib(int headroomMib) {
    if (headroomMib < 64 || headroomMib > 65536) {
      throw new IllegalArgumentException("headroomMib must be in 64..65536, was " + headroomMib);
    }
    this.headroomMib = headroomMib;
    return this;
  }

  /** {@code sgx.max_threads}. */
  public int getMaxThreads() {
    return maxThreads;
  }

  /** Sets {@code sgx.max_threads} (16..4096: the JVM alone starts a dozen threads). */
  public GramineOptions setMaxThreads(int maxThreads) {
    if (maxThreads < 16 || maxThreads > 4096) {
      throw new IllegalArgumentException("maxThreads must be in 16..4096, was " + maxThreads);
    }
    this.maxThreads = maxThreads;
    return this;
  }

  /** The host's architecture library directory, given to gramine-manifest as {@code arch_libdir}. */
  public String getArchLibdir() {
    return archLibdir;
  }

  /** Sets {@code arch_libdir}. */
  public GramineOptions setArchLibdir(String archLibdir) {
    this.archLibdir = Objects.requireNonNull(archLibdir, "archLibdir");
    return this;
  }
}
