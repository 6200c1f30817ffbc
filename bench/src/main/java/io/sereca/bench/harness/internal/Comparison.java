package io.sereca.bench.harness.internal;

/**
 * Two targets measured side by side, interleaved point by point.
 *
 * @param key file-name prefix and summary key, e.g. {@code vault-sim}
 * @param title chart title
 * @param baseline the reference (regular verticle, plain bus)
 * @param baselineLabel its name in tables and charts
 * @param candidate what is compared with it (secure verticle, secure bus)
 * @param candidateLabel its name in tables and charts
 */
public record Comparison(String key, String title, Target baseline, String baselineLabel, Target candidate,
    String candidateLabel) {

  /** Vert.x Vault: regular vs secure verticle on {@code backend}. */
  public static Comparison vault(String backend) {
    return new Comparison("vault-" + backend, "Vert.x Vault, " + backend + " backend (SIMULATED enclave)",
        Target.REGULAR, "regular verticle", Target.SECURE_VERTICLE, "secure verticle (" + backend + ")");
  }

  /** Plain vs secure event bus. */
  public static Comparison bus() {
    return new Comparison("bus", "Plain vs secure event bus", Target.PLAIN, "plain bus", Target.REGULAR,
        "secure bus");
  }

  /** The label of {@code target} in this comparison. */
  public String label(Target target) {
    return target == baseline ? baselineLabel : candidateLabel;
  }
}
