package io.sereca.cli.internal;

import java.io.PrintWriter;

/**
 * The warning printed wherever a simulated backend or simulated evidence is used: neither
 * protects anything against the host, and nobody should mistake them for hardware.
 */
final class SimulationBanner {

  private SimulationBanner() {}

  /** Warns that {@code backend} is simulated and says where the enclave runs. */
  static void printBackend(PrintWriter out, String backend) {
    if (!"sim".equals(backend) && !"process".equals(backend)) {
      out.println("hardware backend '" + backend + "': evidence comes from the TEE (see docs/hardware-backends.md).");
      return;
    }
    String where = "process".equals(backend)
        ? "the enclave runs in a child JVM (OS process isolation only)"
        : "the enclave runs inside this JVM";
    out.println("!! SIMULATED backend '" + backend + "': " + where + ".");
    out.println("!! This is NOT hardware protection: the host can read the enclave's memory and secrets,");
    out.println("!! and its evidence is signed by this installation's simulation key. Development only.");
  }

  /** Warns that a piece of evidence is simulated. */
  static void printEvidence(PrintWriter out) {
    out.println("!! SIMULATED evidence: signed by a simulation platform key, not by TEE hardware.");
    out.println("!! It proves nothing about the host; only a policy with allowSimulation=true accepts it.");
  }
}
