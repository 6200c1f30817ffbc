package io.sereca.host;

import io.sereca.host.spi.EnclaveBackend;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Options of an {@link EnclaveHost}, as a data object. */
public final class HostOptions {

  /** Environment variable naming the data directory. */
  public static final String HOME_ENV = "SERECA_HOME";

  private Path dataDirectory;
  private final List<EnclaveBackend> extraBackends = new ArrayList<>();
  private GramineOptions gramine = new GramineOptions();
  private ConfidentialVmOptions confidentialVm = new ConfidentialVmOptions();

  /** Defaults: data directory from {@value #HOME_ENV}, else {@code ~/.sereca}. */
  public HostOptions() {
    this.dataDirectory = defaultDataDirectory();
  }

  /** Copy constructor. */
  public HostOptions(HostOptions other) {
    this.dataDirectory = other.dataDirectory;
    this.extraBackends.addAll(other.extraBackends);
    this.gramine = new GramineOptions(other.gramine);
    this.confidentialVm = new ConfidentialVmOptions(other.confidentialVm);
  }

  /** Options of the {@code gramine-sgx} backend. */
  public GramineOptions getGramine() {
    return gramine;
  }

  /** Sets the {@code gramine-sgx} backend's options. */
  public HostOptions setGramine(GramineOptions gramine) {
    this.gramine = new GramineOptions(Objects.requireNonNull(gramine, "gramine"));
    return this;
  }

  /** Options of the {@code tdx} and {@code sev-snp} backends. */
  public ConfidentialVmOptions getConfidentialVm() {
    return confidentialVm;
  }

  /** Sets the confidential-VM backends' options. */
  public HostOptions setConfidentialVm(ConfidentialVmOptions confidentialVm) {
    this.confidentialVm = new ConfidentialVmOptions(Objects.requireNonNull(confidentialVm, "confidentialVm"));
    return this;
  }

  /** {@value #HOME_ENV} if set, else {@code ~/.sereca}. */
  public static Path defaultDataDirectory() {
    String env = System.getenv(HOME_ENV);
    if (env != null && !env.isBlank()) {
      return Path.of(env);
    }
    return Path.of(System.getProperty("user.home"), ".sereca");
  }

  /** Where per-installation state lives (simulation root CA, platform seal secret). */
  public Path getDataDirectory() {
    return dataDirectory;
  }

  /** Sets the data directory. */
  public HostOptions setDataDirectory(Path dataDirectory) {
    this.dataDirectory = Objects.requireNonNull(dataDirectory, "dataDirectory");
    return this;
  }

  /** Backends beyond the built-in {@code sim}, {@code process}, {@code gramine-sgx}, {@code tdx} and {@code sev-snp}. */
  public List<EnclaveBackend> getExtraBackends() {
    return List.copyOf(extraBackends);
  }

  /** Adds a backend (e.g. a hardware backend). */
  public HostOptions addBackend(EnclaveBackend backend) {
    extraBackends.add(Objects.requireNonNull(backend, "backend"));
    return this;
  }
}
