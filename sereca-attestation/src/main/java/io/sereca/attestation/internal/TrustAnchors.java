package io.sereca.attestation.internal;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The roots a verifier trusts for one verification: the installation's simulation root (if any)
 * and the pinned hardware roots (Intel SGX Root CA, AMD ARKs with their ASK and ASVK).
 *
 * <p>When the simulation root is missing the reason is kept, so that the verdict can say how to
 * fix it.
 */
public final class TrustAnchors {

  private final X509Certificate simulationRoot;
  private final String simulationRootProblem;
  private final HardwareRoots hardware;

  private TrustAnchors(X509Certificate simulationRoot, String simulationRootProblem, HardwareRoots hardware) {
    this.simulationRoot = simulationRoot;
    this.simulationRootProblem = simulationRootProblem;
    this.hardware = hardware;
  }

  /** Trusts {@code root} as the simulation root, and the pinned hardware roots. */
  public static TrustAnchors withSimulationRoot(X509Certificate root) {
    return new TrustAnchors(Objects.requireNonNull(root, "root"), null, HardwareRoots.pinned());
  }

  /** No simulation root is available, for the reason given; the pinned hardware roots are. */
  public static TrustAnchors withoutSimulationRoot(String problem) {
    return new TrustAnchors(null, Objects.requireNonNull(problem, "problem"), HardwareRoots.pinned());
  }

  /** Only the given hardware roots (tests use this to show what another root would accept). */
  public static TrustAnchors hardwareOnly(HardwareRoots hardware) {
    return new TrustAnchors(null, "simulation root not used", Objects.requireNonNull(hardware));
  }

  /** The simulation root, if one is configured. */
  public Optional<X509Certificate> simulationRoot() {
    return Optional.ofNullable(simulationRoot);
  }

  /** Why there is no simulation root; null when there is one. */
  public String simulationRootProblem() {
    return simulationRootProblem;
  }

  /** The Intel SGX Root CA that PCK chains must lead to. */
  public X509Certificate intelRoot() {
    return hardware.intelRoot();
  }

  /** The AMD product lines whose ARK may root a VCEK or VLEK chain. */
  public List<HardwareRoots.AmdProduct> amdProducts() {
    return hardware.amdProducts();
  }
}
