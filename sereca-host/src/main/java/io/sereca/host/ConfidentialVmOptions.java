package io.sereca.host;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Options of the {@code tdx} and {@code sev-snp} backends, as a data object. Inside a
 * confidential VM the enclave code runs on an ordinary backend ({@code process} by default) and
 * evidence comes from the Linux configfs-tsm report interface.
 */
public final class ConfidentialVmOptions {

  /** Where configfs-tsm report instances are created. */
  public static final Path DEFAULT_REPORT_ROOT = Path.of("/sys/kernel/config/tsm/report");
  /** Attempts when another writer races on the same report instance. */
  public static final int DEFAULT_MAX_ATTEMPTS = 3;
  /** Backend that runs the enclave code inside the VM. */
  public static final String DEFAULT_INNER_BACKEND = "process";

  private Path reportRoot = DEFAULT_REPORT_ROOT;
  private int maxAttempts = DEFAULT_MAX_ATTEMPTS;
  private String innerBackend = DEFAULT_INNER_BACKEND;

  /** Defaults. */
  public ConfidentialVmOptions() {}

  /** Copy constructor. */
  public ConfidentialVmOptions(ConfidentialVmOptions other) {
    this.reportRoot = other.reportRoot;
    this.maxAttempts = other.maxAttempts;
    this.innerBackend = other.innerBackend;
  }

  /** The configfs-tsm report directory (tests point it at a fake tree). */
  public Path getReportRoot() {
    return reportRoot;
  }

  /** Sets the report directory. */
  public ConfidentialVmOptions setReportRoot(Path reportRoot) {
    this.reportRoot = Objects.requireNonNull(reportRoot, "reportRoot");
    return this;
  }

  /** How many times a raced report is retried before failing. */
  public int getMaxAttempts() {
    return maxAttempts;
  }

  /** Sets the attempts (1..10). */
  public ConfidentialVmOptions setMaxAttempts(int maxAttempts) {
    if (maxAttempts < 1 || maxAttempts > 10) {
      throw new IllegalArgumentException("maxAttempts must be in 1..10, was " + maxAttempts);
    }
    this.maxAttempts = maxAttempts;
    return this;
  }

  /** The backend running the enclave code inside the VM: {@code process} or {@code sim}. */
  public String getInnerBackend() {
    return innerBackend;
  }

  /** Sets the inner backend. */
  public ConfidentialVmOptions setInnerBackend(String innerBackend) {
    if (!"process".equals(innerBackend) && !"sim".equals(innerBackend)) {
      throw new IllegalArgumentException("innerBackend must be process or sim, was " + innerBackend);
    }
    this.innerBackend = innerBackend;
    return this;
  }
}
