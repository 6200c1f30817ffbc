package io.sereca.cas;

import static io.sereca.cas.CasFixture.ALICE;
import static io.sereca.cas.CasFixture.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sereca.enclave.crypto.ProvisioningCipher;
import io.sereca.vertx.SecureVerticle;
import io.sereca.vertx.SecureVerticleOptions;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The owner moves a CAS to a new host with the recovery key named in the manifest. */
class CasRecoveryTest {

  @TempDir Path tmp;

  @Test
  void theOwnerMovesManifestAndSecretsToANewHost() throws Exception {
    KeyPair recovery = ProvisioningCipher.generateKeyPair();
    Path front = CasFixture.bundle(tmp, "FrontApp", 1);
    Path back = CasFixture.bundle(tmp, "BackApp", 1);
    String text = CasEndToEndTest.manifest(CasFixture.measurement(front), CasFixture.measurement(back))
        .replace("updateThreshold: 2", "updateThreshold: 1\nrecoveryKey: "
            + Base64.getEncoder().encodeToString(ProvisioningCipher.rawPublicKey(recovery.getPublic())));
    byte[] manifest = text.getBytes(StandardCharsets.UTF_8);
    byte[] export;
    try (CasFixture old = new CasFixture(tmp.resolve("old-host"))) {
      old.start();
      CasClient client = old.client();
      client.setManifest(manifest, CasFixture.sign(null, manifest, Map.of("alice", ALICE)));
      client.putSecret(old.verify(client), "dbPassword", "moved".getBytes(StandardCharsets.UTF_8), "alice", ALICE.getPrivate());
      export = client.exportForRecovery();
    }
    assertThat(new String(export, StandardCharsets.ISO_8859_1)).doesNotContain("moved");

    // Another data directory: another simulated platform, so the old sealed state is unreadable here.
    try (CasFixture fresh = new CasFixture(tmp.resolve("new-host"))) {
      fresh.start();
      CasClient client = fresh.client();
      CasIdentity id = fresh.verify(client);
      assertThatThrownBy(() -> client.importRecovered(id, export, ProvisioningCipher.generateKeyPair()))
          .as("only the recovery key opens the export").isInstanceOf(java.security.GeneralSecurityException.class);
      client.importRecovered(id, export, recovery);
      assertThat(client.manifest().getString("hash")).isEqualTo(Manifest.hashOf(manifest));
      assertThatThrownBy(() -> client.importRecovered(id, export, recovery))
          .isInstanceOfSatisfying(CasException.class, e -> assertThat(e.status()).isEqualTo(409));

      for (var app : Map.of(back, "back", front, "front").entrySet()) {
        await(fresh.vertx.deployVerticle(new SecureVerticle(), new DeploymentOptions().setConfig(
            new SecureVerticleOptions().setBundle(app.getKey().toString()).setService(app.getValue())
                .setProvisioner(CasOptions.DEFAULT_BUS_ADDRESS).setDataDirectory(fresh.data.toString()).toJson())));
      }
      String reply = await(fresh.vertx.eventBus().<Buffer>request("front.ask", Buffer.buffer("?"))).body().toString();
      assertThat(reply).contains("env.DB_PASSWORD=moved");
      assertThat(client.audit(id, "alice", ALICE.getPrivate())).anySatisfy(e -> {
        assertThat(e.type()).isEqualTo("recovery");
        assertThat(e.detail()).contains("state imported; exported at audit entry");
      });
    }
  }
}
