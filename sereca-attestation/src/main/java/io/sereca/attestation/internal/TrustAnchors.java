package io.sereca.attestation.internal;

import java.security.cert.X509Certificate;
import java.util.Objects;
import java.util.Optional;

/**
 * The roots a verifier trusts for one verification. Today only the simulation root; hardware
 * formats will add the Intel and AMD roots here.
 *
 * <p>When a root is missing the reason is kept, so that the verdict can say how to fix it.
 */
public final class TrustAnchors {

  private final X509Certificate simulationRoot;
  private final String simulationRootProblem;

  private TrustAnchors(X509Certificate simulationRoot, String simulationRootProblem) {
    this.simulationRoot = simulationRoot;
    this.simulationRootProblem = simulationRootProblem;
  }

  /** Trusts {@code root} as the simulation root. */
  public static TrustAnchors withSimulationRoot(X509Certificate root) {
    return new TrustAnchors(Objects.requireNonNull(root, "root"), null);
  }

  /** No simulation root is available, for the reason given. */
  public static TrustAnchors withoutSimulationRoot(String problem) {
    return new TrustAnchors(null, Objects.requireNonNull(problem, "problem"));
  }

  /** The simulation root, if one is configured. */
  public Optional<X509Certificate> simulationRoot() {
    return Optional.ofNullable(simulationRoot);
  }

  /** Why there is no simulation root; null when there is one. */
  public String simulationRootProblem() {
    return simulationRootProblem;
  }
}
