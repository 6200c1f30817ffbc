package io.sereca.cli.internal;

import io.sereca.attestation.AttestationPolicy;
import io.sereca.attestation.EvidenceVerifier;
import io.sereca.attestation.SimulationAuthority;
import io.sereca.cas.CasClient;
import io.sereca.cas.CasException;
import io.sereca.cas.CasIdentity;
import io.sereca.host.EnclaveHost;
import io.sereca.host.SignerKeys;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * How {@code sereca cas} commands reach and verify a CAS: its URL, the CA its TLS certificate
 * chains to, and what its evidence must show before anything is sent to it.
 */
public final class CasConnection {

  @Option(names = "--url", paramLabel = "URL", defaultValue = "https://127.0.0.1:8443",
      description = "CAS address. Default: ${DEFAULT-VALUE}.")
  URI url;

  @Option(names = "--ca", paramLabel = "PEM",
      description = "CA certificate the CAS's TLS certificate chains to. Default: DATA_DIR/cas/tls/ca.pem.")
  Path ca;

  @Option(names = "--expect-measurement", paramLabel = "HEX",
      description = "The CAS core's measurement to accept (required to verify the CAS).")
  String expectMeasurement;

  @Option(names = "--allow-simulation",
      description = "Accept SIMULATED evidence from the CAS (development only; no hardware protection).")
  boolean allowSimulation;

  @Mixin
  DataDirOption data;

  CasClient client() {
    Path caFile = ca != null ? ca : data.dataDir().resolve("cas").resolve("tls").resolve("ca.pem");
    try (InputStream in = Files.newInputStream(caFile)) {
      return CasClient.create(url, CasClient.readCertificate(in));
    } catch (IOException | GeneralSecurityException e) {
      throw CommandFailure.because("cannot read the CAS's TLS CA certificate " + caFile, e);
    }
  }

  /** Verifies the CAS's evidence (printing SIMULATED when it is) and returns what it vouches for. */
  CasIdentity verify(CasClient client, PrintWriter out) {
    if (expectMeasurement == null) {
      throw new CommandFailure("--expect-measurement is required: never trust a CAS you have not verified");
    }
    AttestationPolicy policy = new AttestationPolicy().setAllowSimulation(allowSimulation);
    try {
      policy.addAllowedMeasurement(expectMeasurement);
    } catch (IllegalArgumentException e) {
      throw new CommandFailure("--expect-measurement: " + e.getMessage());
    }
    EvidenceVerifier verifier = EvidenceVerifier.create();
    if (allowSimulation) {
      try {
        verifier = EvidenceVerifier.create(SimulationAuthority.open(
            EnclaveHost.simulationDirectory(data.dataDir())).rootCertificate());
      } catch (IOException | GeneralSecurityException e) {
        throw CommandFailure.because("cannot open the simulation platform in " + data.dataDir(), e);
      }
    }
    try {
      CasIdentity id = client.verify(policy, verifier);
      if (id.simulated()) {
        SimulationBanner.printEvidence(out);
      }
      return id;
    } catch (CasException e) {
      throw new CommandFailure("CAS not verified: " + e.getMessage());
    }
  }

  static PrivateKey userKey(Path file) {
    try {
      return SignerKeys.readPrivateKey(file);
    } catch (IOException | GeneralSecurityException e) {
      throw CommandFailure.because("cannot read the user key " + file, e);
    }
  }
}
