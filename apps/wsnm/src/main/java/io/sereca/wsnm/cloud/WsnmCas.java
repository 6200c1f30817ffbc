package io.sereca.wsnm.cloud;

import io.sereca.attestation.AttestationPolicy;
import io.sereca.attestation.EvidenceVerifier;
import io.sereca.attestation.SimulationAuthority;
import io.sereca.bus.DevPki;
import io.sereca.cas.CasClient;
import io.sereca.cas.CasException;
import io.sereca.cas.CasIdentity;
import io.sereca.cas.CasServer;
import io.sereca.cas.CasStatements;
import io.sereca.host.EnclaveHost;
import io.sereca.host.SignerKeys;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.util.Base64;
import java.util.Map;

/**
 * Configures a running CAS for a WSNM deployment, as its owner would with {@code sereca cas ...}:
 * verifies the CAS's evidence against its measurement, sets the WSNM manifest (signed with the
 * owner's key, chained to the current version) and uploads the dashboard users file encrypted
 * to the verified CAS core.
 */
public final class WsnmCas {

  /** Owner key files in the deployment's directory (0600). */
  public static final String OWNER_KEY = "owner.key";
  /** Owner public key file. */
  public static final String OWNER_PUB = "owner.pub";

  private WsnmCas() {}

  /** The owner's key pair from {@code dir}, created on first use. */
  public static KeyPair ownerKey(Path dir) throws IOException, GeneralSecurityException {
    Path key = dir.resolve(OWNER_KEY);
    Path pub = dir.resolve(OWNER_PUB);
    synchronized (WsnmCas.class) {
      if (!Files.exists(key)) {
        Files.createDirectories(dir);
        SignerKeys.save(SignerKeys.generate(), key, pub);
      }
    }
    return new KeyPair(SignerKeys.readPublicKey(pub), SignerKeys.readPrivateKey(key));
  }

  /**
   * Verifies {@code server} (started with data directory {@code casData}) and gives it the WSNM
   * manifest and users.
   *
   * @param allowSimulation accept simulated evidence, from the CAS and from the services (the
   *     embedded demo; it protects nothing against this host)
   * @return the verified identity of the CAS
   * @throws CasException if the CAS is refused or refuses the manifest, with its reasons
   */
  public static CasIdentity configure(CasServer server, Path casData, Map<WsnmService, String> measurements,
      byte[] usersJson, KeyPair owner, boolean allowSimulation)
      throws CasException, IOException, GeneralSecurityException {
    CasClient client = client(server, casData);
    CasIdentity identity = verify(client, server, casData, allowSimulation);
    String ownerPublic = Base64.getEncoder().encodeToString(owner.getPublic().getEncoded());
    byte[] manifest = WsnmManifest.yaml(measurements, ownerPublic, allowSimulation).getBytes(StandardCharsets.UTF_8);
    String previous = client.currentManifestHash();
    byte[] signature = CasStatements.signAsUser(owner.getPrivate(), CasStatements.manifestUpdate(previous, manifest));
    client.setManifest(manifest, Map.of(WsnmManifest.OWNER, signature));
    client.putSecret(identity, WsnmManifest.USERS_SECRET, usersJson, WsnmManifest.OWNER, owner.getPrivate());
    return identity;
  }

  /** A REST client of {@code server}, trusting the CA its TLS certificate was issued by. */
  public static CasClient client(CasServer server, Path casData) throws IOException, GeneralSecurityException {
    DevPki pki = DevPki.open(casData.resolve("cas").resolve("tls"));
    return CasClient.create(URI.create("https://127.0.0.1:" + server.actualPort()), pki.caCertificate());
  }

  private static CasIdentity verify(CasClient client, CasServer server, Path casData, boolean allowSimulation)
      throws CasException, IOException, GeneralSecurityException {
    SimulationAuthority sim = SimulationAuthority.open(EnclaveHost.simulationDirectory(casData));
    AttestationPolicy policy = new AttestationPolicy().setAllowSimulation(allowSimulation)
        .addAllowedMeasurement(server.measurement());
    return client.verify(policy, EvidenceVerifier.create(sim.rootCertificate()));
  }
}
