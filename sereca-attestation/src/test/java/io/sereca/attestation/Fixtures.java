package io.sereca.attestation;

import io.sereca.enclave.EnclaveIdentity;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;

/** Shared test data: a fixed time, enclave identities and an authority pinned to that time. */
final class Fixtures {

  static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");
  static final EnclaveIdentity IDENTITY = identity(0x11, 0x22, 7, 3, false);

  private Fixtures() {}

  static byte[] filled(int length, int value) {
    byte[] bytes = new byte[length];
    Arrays.fill(bytes, (byte) value);
    return bytes;
  }

  static EnclaveIdentity identity(int measurement, int signer, int productId, int svn, boolean debug) {
    return EnclaveIdentity.create(filled(32, measurement), filled(32, signer), productId, svn, debug);
  }

  static byte[] reportData(int value) {
    return filled(64, value);
  }

  static SimulationAuthority authority(Path dir) throws IOException, GeneralSecurityException {
    return SimulationAuthority.open(dir, Clock.fixed(T0, ZoneOffset.UTC));
  }

  /** Allows simulation under {@code authority}'s root and admits {@link #IDENTITY} by measurement. */
  static AttestationPolicy simulationPolicy(SimulationAuthority authority) {
    return new AttestationPolicy()
        .setAllowSimulation(true)
        .setSimulationRoot(authority.rootCertificateFile())
        .addAllowedMeasurement(IDENTITY.measurementHex());
  }
}
