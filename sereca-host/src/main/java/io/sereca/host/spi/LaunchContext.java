package io.sereca.host.spi;

import io.sereca.enclave.EnclaveIdentity;
import io.sereca.enclave.boundary.BoundaryLimits;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * Everything a backend needs to launch one instance.
 *
 * @param name a label for logs
 * @param identity the identity the host measured
 * @param runtimeJar a private copy of the measured trusted runtime
 * @param bundleJar a private copy of the verified bundle
 * @param memoryBudgetMib the enclave's memory budget
 * @param limits boundary limits
 * @param jvmOptions extra JVM options for backends that start a JVM
 * @param boundarySpinNanos how long channel ends spin for the next frame before blocking, for
 *     backends whose channel can (0: block at once)
 * @param ocallSink receives each raw ocall frame, in order
 * @param exitListener told once, with a reason, when the instance dies on its own
 * @param evidenceIssuer signs evidence for backends whose platform is simulated
 */
public record LaunchContext(
    String name,
    EnclaveIdentity identity,
    Path runtimeJar,
    Path bundleJar,
    int memoryBudgetMib,
    BoundaryLimits limits,
    List<String> jvmOptions,
    long boundarySpinNanos,
    Consumer<byte[]> ocallSink,
    Consumer<String> exitListener,
    EvidenceIssuer evidenceIssuer) {

  /**
   * Evidence for this instance binding {@code reportData}, from {@link #evidenceIssuer()}, as a
   * future (failed if the issuer throws).
   */
  public java.util.concurrent.CompletableFuture<byte[]> issueEvidence(byte[] reportData) {
    try {
      return java.util.concurrent.CompletableFuture.completedFuture(evidenceIssuer.issue(identity, reportData));
    } catch (Exception e) {
      return java.util.concurrent.CompletableFuture.failedFuture(e);
    }
  }

  /** Signs simulated evidence (the sim and process backends' stand-in for a quoting enclave). */
  @FunctionalInterface
  public interface EvidenceIssuer {
    /** Evidence for {@code identity} binding {@code reportData}. */
    byte[] issue(EnclaveIdentity identity, byte[] reportData) throws Exception;
  }
}
