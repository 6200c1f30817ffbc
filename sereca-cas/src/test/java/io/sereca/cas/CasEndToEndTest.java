package io.sereca.cas;

import static io.sereca.cas.CasFixture.ALICE;
import static io.sereca.cas.CasFixture.BOB;
import static io.sereca.cas.CasFixture.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sereca.vertx.SecureVerticle;
import io.sereca.vertx.SecureVerticleOptions;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.Message;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CAS end to end in one JVM: two secure verticles get their route keys, env, args and files
 * only through attestation, talk over a protected route, and an unknown enclave gets nothing.
 */
class CasEndToEndTest {

  @TempDir Path tmp;
  private CasFixture cas;
  private Path front;
  private Path back;

  @BeforeEach
  void startCas() throws Exception {
    cas = new CasFixture(tmp.resolve("data"));
    cas.start();
    front = CasFixture.bundle(tmp, "FrontApp", 1);
    back = CasFixture.bundle(tmp, "BackApp", 1);
  }

  @AfterEach
  void stopCas() throws Exception {
    cas.close();
  }

  static String manifest(String frontMeasurement, String backMeasurement) {
    return """
        name: e2e
        updateThreshold: 2
        policy:
          allowSimulation: true
        users:
          alice: {publicKey: %s, roles: [update, secrets, audit]}
          bob: {publicKey: %s, roles: [update]}
        secrets:
          busKey: {type: symmetric, size: 256}
          dbPassword: {type: user}
          signing: {type: ecdsa-p256}
          nodeCa: {type: ca, subject: "CN=e2e-ca,O=SERECA"}
          backCert: {type: certificate, ca: nodeCa, subject: "CN=back", dns: [localhost], ips: [127.0.0.1]}
        services:
          front:
            identities: [{measurement: %s}]
          back:
            identities: [{measurement: %s}]
            maxInstances: 3
            env: {DB_PASSWORD: "{{dbPassword}}"}
            args: ["--mode", "prod"]
            files:
              /etc/back.conf: "password={{dbPassword}}\\nsigning-public={{signing.public}}\\n"
            secrets: [signing, backCert]
        routes:
          - address: "svc.back.*"
            key: busKey
            senders: [front]
            receivers: [back]
        """.formatted(CasFixture.publicKey(ALICE), CasFixture.publicKey(BOB), frontMeasurement, backMeasurement);
  }

  private Future deploy(Path bundle, String service) {
    return new Future(cas.vertx.deployVerticle(new SecureVerticle(), new DeploymentOptions().setConfig(
        new SecureVerticleOptions().setBundle(bundle.toString()).setProvisioner(CasOptions.DEFAULT_BUS_ADDRESS)
            .setService(service).setDataDirectory(cas.data.toString()).toJson())));
  }

  private record Future(io.vertx.core.Future<String> f) {}

  @Test
  void secureVerticlesGetTheirKeysAndConfigurationOnlyThroughAttestation() throws Exception {
    CasClient client = cas.client();
    CasIdentity identity = cas.verify(client);
    assertThat(identity.simulated()).isTrue();
    assertThat(identity.measurement()).isEqualTo(cas.server.measurement());

    byte[] m = manifest(CasFixture.measurement(front), CasFixture.measurement(back)).getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> client.setManifest(m, CasFixture.sign(null, m, Map.of("alice", ALICE))))
        .isInstanceOf(CasException.class).hasMessageContaining("403").hasMessageContaining("needs valid signatures of 2");
    client.setManifest(m, CasFixture.sign(null, m, Map.of("alice", ALICE, "bob", BOB)));

    // A user secret not uploaded yet: the back service cannot be provisioned.
    assertThatThrownBy(() -> await(deploy(back, "back").f()))
        .hasMessageContaining("dbPassword has not been uploaded yet");
    client.putSecret(identity, "dbPassword", "hunter2".getBytes(StandardCharsets.UTF_8), "alice", ALICE.getPrivate());

    await(deploy(back, "back").f());
    await(deploy(front, "front").f());
    Message<Buffer> reply = await(cas.vertx.eventBus().<Buffer>request("front.ask", Buffer.buffer("?")));
    String text = reply.body().toString();
    assertThat(text).contains("env.DB_PASSWORD=hunter2", "args=[--mode, prod]",
        "file=password=hunter2\nsigning-public=MF", "signing=present");
    assertThat(text).doesNotContain("sereca.route-key").as("route keys are for the runtime, not the app");

    // The certificate the CAS issued inside its enclave: chains to the CAS's CA, names the
    // service, and its key (delivered only into the back enclave) matches.
    String[] cert = await(cas.vertx.eventBus().<Buffer>request("front.cert", Buffer.buffer("probe")))
        .body().toString().split("\\|");
    var cf = java.security.cert.CertificateFactory.getInstance("X.509");
    var leaf = (java.security.cert.X509Certificate) cf.generateCertificate(
        new java.io.ByteArrayInputStream(java.util.Base64.getDecoder().decode(cert[0])));
    var ca = (java.security.cert.X509Certificate) cf.generateCertificate(
        new java.io.ByteArrayInputStream(java.util.Base64.getDecoder().decode(cert[1])));
    var pkix = new java.security.cert.PKIXParameters(java.util.Set.of(new java.security.cert.TrustAnchor(ca, null)));
    pkix.setRevocationEnabled(false);
    java.security.cert.CertPathValidator.getInstance("PKIX").validate(cf.generateCertPath(List.of(leaf)), pkix);
    assertThat(leaf.getSubjectX500Principal().getName()).isEqualTo("CN=back");
    assertThat(ca.getSubjectX500Principal().getName()).isEqualTo("O=SERECA,CN=e2e-ca");
    assertThat(leaf.getBasicConstraints()).isEqualTo(-1);
    assertThat(ca.getBasicConstraints()).isGreaterThanOrEqualTo(0);
    assertThat(leaf.getSubjectAlternativeNames().stream().map(n -> String.valueOf(n.get(1))).toList())
        .contains("localhost", "127.0.0.1");
    var verify = java.security.Signature.getInstance("SHA256withECDSA");
    verify.initVerify(leaf.getPublicKey());
    verify.update("probe".getBytes(StandardCharsets.UTF_8));
    assertThat(verify.verify(java.util.Base64.getDecoder().decode(cert[2]))).isTrue();

    // An enclave whose measurement is not in the manifest gets nothing.
    Path stranger = CasFixture.bundle(tmp, "BackApp", 2);
    assertThatThrownBy(() -> await(deploy(stranger, "back").f()))
        .hasMessageContaining("attestation refused").hasMessageContaining("measurement");

    // Without Vert.x: an enclave launched with EnclaveHost, provisioned over the REST API.
    try (var host = io.sereca.host.EnclaveHost.create(new io.sereca.host.HostOptions().setDataDirectory(cas.data));
        var enclave = host.launch(io.sereca.host.EnclaveBundle.load(back), new io.sereca.host.LaunchOptions(),
            (e, o) -> { }).get(60, java.util.concurrent.TimeUnit.SECONDS)) {
      String lease = client.provision(enclave, "back", null);
      assertThat(lease).hasSize(32);
      assertThat(client.provision(enclave, "back", lease)).as("re-provisioning renews the lease").isEqualTo(lease);
      assertThatThrownBy(() -> client.provision(enclave, "front", null))
          .isInstanceOfSatisfying(CasException.class, e -> assertThat(e.getMessage()).contains("measurement"));
    }
    // ... or automatically: the launch completes only once the CAS has provisioned the enclave.
    try (var host = io.sereca.host.EnclaveHost.create(new io.sereca.host.HostOptions().setDataDirectory(cas.data))) {
      var bundle = io.sereca.host.EnclaveBundle.load(back);
      try (var enclave = host.launch(bundle, new io.sereca.host.LaunchOptions().setProvisioner(client.provisioner("back")),
          (e, o) -> { }).get(60, java.util.concurrent.TimeUnit.SECONDS)) {
        assertThat(enclave.isRunning()).isTrue();
      }
      // The verticle, the REST-provisioned enclave and this one hold the 3 leases: a 4th is refused.
      assertThatThrownBy(() -> host.launch(bundle, new io.sereca.host.LaunchOptions()
          .setProvisioner(client.provisioner("back")), (e, o) -> { }).get(60, java.util.concurrent.TimeUnit.SECONDS))
          .hasMessageContaining("already has 3 live instances (maxInstances)");
      assertThatThrownBy(() -> host.launch(bundle, new io.sereca.host.LaunchOptions()
          .setProvisioner(client.provisioner("front")), (e, o) -> { }).get(60, java.util.concurrent.TimeUnit.SECONDS))
          .hasMessageContaining("launched but not provisioned").hasMessageContaining("measurement");
    }

    List<AuditEntry> audit = client.audit(identity, "alice", ALICE.getPrivate());
    assertThat(audit).extracting(AuditEntry::type).contains("start", "manifest", "secret", "attestation");
    assertThat(audit.stream().filter(e -> e.type().equals("attestation") && e.subject().equals("back")
        && e.outcome().equals("accepted"))).as("verticle, REST twice, automatic launch").hasSizeGreaterThanOrEqualTo(4);
    assertThat(audit).anySatisfy(e -> {
      assertThat(e.type()).isEqualTo("attestation");
      assertThat(e.outcome()).isEqualTo("refused");
      assertThat(e.detail()).contains("measurement");
    });
    assertThat(audit).noneSatisfy(e -> assertThat(e.detail()).contains("hunter2"));
  }
}
