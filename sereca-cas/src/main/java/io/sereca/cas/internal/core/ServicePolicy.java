package io.sereca.cas.internal.core;

import io.sereca.attestation.AllowedSigner;
import io.sereca.attestation.AttestationPolicy;
import io.sereca.cas.Manifest;

/** The attestation policy a service's manifest entry stands for. */
final class ServicePolicy {

  private ServicePolicy() {}

  /** Accepted identities, debug flag, simulation and TCB statuses of {@code s} under {@code m}. */
  static AttestationPolicy of(Manifest m, Manifest.Service s) {
    AttestationPolicy p = new AttestationPolicy()
        .setAllowSimulation(m.policy().allowSimulation())
        .setDebugAllowed(s.debugAllowed())
        .setAcceptedTcbStatuses(m.policy().acceptedTcbStatuses().stream()
            .map(io.sereca.attestation.TcbStatus::valueOf).toList());
    for (Manifest.Identity i : s.identities()) {
      if (i.measurement() != null) {
        p.addAllowedMeasurement(i.measurement());
      } else {
        p.addAllowedSigner(AllowedSigner.create(i.signer(), i.productId(), i.minSvn()));
      }
    }
    return p;
  }
}
