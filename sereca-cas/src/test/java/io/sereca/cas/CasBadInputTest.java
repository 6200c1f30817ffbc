package io.sereca.cas;

import static io.sereca.cas.CasFixture.ALICE;
import static io.sereca.cas.CasFixture.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sereca.vertx.SecureVerticle;
import io.sereca.vertx.SecureVerticleOptions;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the CAS refuses, with which status and reason; it keeps serving afterwards. */
class CasBadInputTest {

  @TempDir Path tmp;
  private CasFixture cas;
  private CasClient client;
  private Path back;

  @BeforeEach
  void start() throws Exception {
    cas = new CasFixture(tmp.resolve("data"));
    cas.start();
    client = cas.client();
    back = CasFixture.bundle(tmp, "BackApp", 1);
  }

  @AfterEach
  void stop() throws Exception {
    cas.close();
  }

  private void setManifest(String identity, boolean allowSimulation) throws Exception {
    byte[] m = """
        name: bad-input
        policy: {allowSimulation: %s}
        users:
          alice: {publicKey: %s, roles: [update, secrets, audit]}
        services:
          back:
            identities: [%s]
        """.formatted(allowSimulation, CasFixture.publicKey(ALICE), identity).getBytes(StandardCharsets.UTF_8);
    client.setManifest(m, CasFixture.sign(client.currentManifestHash(), m, Map.of("alice", ALICE)));
  }

  private String deployFailure() {
    Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> await(cas.vertx.deployVerticle(
        new SecureVerticle(), new DeploymentOptions().setConfig(new SecureVerticleOptions()
            .setBundle(back.toString()).setProvisioner(CasOptions.DEFAULT_BUS_ADDRESS).setService("back")
            .setDataDirectory(cas.data.toString()).toJson()))));
    assertThat(t).as("deployment must fail").isNotNull();
    return t.getMessage();
  }

  @Test
  void simulatedEvidenceIsRefusedUnlessTheManifestAllowsIt() throws Exception {
    setManifest("{measurement: " + CasFixture.measurement(back) + "}", false);

    assertThat(deployFailure()).contains("attestation refused").contains("simulated evidence refused");
  }

  @Test
  void anOldSecurityVersionIsRefused() throws Exception {
    var id = io.sereca.host.EnclaveBundle.load(back).identity();
    setManifest("{signer: " + id.signerHex() + ", productId: 7, minSvn: 2}", true);

    assertThat(deployFailure()).contains("attestation refused").contains("svn");
  }

  @Test
  void aDebugEnclaveIsRefusedUnlessTheServiceAllowsDebug() throws Exception {
    back = CasFixture.bundle(tmp, "BackApp", 1, true);
    setManifest("{measurement: " + CasFixture.measurement(back) + "}", true);

    assertThat(deployFailure()).contains("attestation refused").contains("debug");
  }

  @Test
  void aReusedNonceAndMalformedRequestsAreRefusedAndTheCasLivesOn() throws Exception {
    setManifest("{measurement: " + CasFixture.measurement(back) + "}", true);
    byte[] nonce = await(cas.vertx.eventBus().<Buffer>request("sereca.cas.nonce", Buffer.buffer())).body().getBytes();
    JsonObject bogus = new JsonObject().put("service", "back").put("nonce", Base64.getEncoder().encodeToString(nonce))
        .put("evidence", Base64.getEncoder().encodeToString(new byte[] {1, 2, 3}))
        .put("publicKey", Base64.getEncoder().encodeToString(new byte[32]));

    ReplyException first = refusal(bogus);
    assertThat(first.failureCode()).isEqualTo(403);
    assertThat(first.getMessage()).contains("attestation refused").contains("malformed evidence");
    assertThat(refusal(bogus).getMessage()).contains("unknown, used or expired nonce");
    assertThat(refusal("not json").failureCode()).isEqualTo(400);

    HttpClient raw = HttpClient.newBuilder().sslContext(trustTheCasCa()).build();
    URI base = URI.create("https://127.0.0.1:" + cas.server.actualPort());
    HttpResponse<String> r1 = raw.send(HttpRequest.newBuilder(base.resolve("/manifest"))
        .PUT(HttpRequest.BodyPublishers.ofString("{not json")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r1.statusCode()).isEqualTo(400);
    assertThat(new JsonObject(r1.body()).getString("reason")).contains("not valid JSON");
    HttpResponse<String> r2 = raw.send(HttpRequest.newBuilder(base.resolve("/manifest"))
        .PUT(HttpRequest.BodyPublishers.ofString(new JsonObject().put("manifest",
            Base64.getEncoder().encodeToString("name: x\nservices: {a: {identities: []}}\nusers: {}".getBytes(StandardCharsets.UTF_8))).encode()))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r2.statusCode()).isEqualTo(400);
    assertThat(new JsonObject(r2.body()).getString("path")).isEqualTo("services.a.identities");
    HttpResponse<String> r3 = raw.send(HttpRequest.newBuilder(base.resolve("/attestation?nonce=zz")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r3.statusCode()).isEqualTo(400);
    HttpResponse<String> r4 = raw.send(HttpRequest.newBuilder(base.resolve("/nope")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r4.statusCode()).isEqualTo(404);

    // Still serving.
    assertThat(client.manifest().getInteger("version")).isEqualTo(1);
    assertThatThrownBy(() -> client.rotate("busKey", "alice", ALICE.getPrivate()))
        .isInstanceOfSatisfying(CasException.class, e -> assertThat(e.status()).isEqualTo(404));
  }

  @Test
  void realSgxEvidenceGoesThroughTheSameVerifierAndIsRefusedWhenItBindsSomethingElse() throws Exception {
    Path evidenceDir = null;
    for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
      if (java.nio.file.Files.isDirectory(d.resolve("shared/testdata/tee-evidence"))) {
        evidenceDir = d.resolve("shared/testdata/tee-evidence");
        break;
      }
    }
    org.junit.jupiter.api.Assumptions.assumeTrue(evidenceDir != null,
        "shared/testdata/tee-evidence (public SGX quotes) not found above the working directory");
    byte[] quote = java.nio.file.Files.readAllBytes(evidenceDir.resolve("sgx/phala_sgx_quote.bin"));
    byte[] collateral = java.nio.file.Files.readAllBytes(evidenceDir.resolve("sgx/phala_sgx_quote_collateral.json"));
    // MRENCLAVE of the public quote (offset 112 of the quote, 32 bytes).
    String mrenclave = java.util.HexFormat.of().formatHex(quote, 112, 144);
    setManifest("{measurement: " + mrenclave + "}", false);
    byte[] nonce = await(cas.vertx.eventBus().<Buffer>request("sereca.cas.nonce", Buffer.buffer())).body().getBytes();
    JsonObject request = new JsonObject().put("service", "back").put("nonce", Base64.getEncoder().encodeToString(nonce))
        .put("evidence", Base64.getEncoder().encodeToString(quote))
        .put("collateral", Base64.getEncoder().encodeToString(collateral))
        .put("publicKey", Base64.getEncoder().encodeToString(new byte[32]));

    ReplyException refused = refusal(request);

    assertThat(refused.failureCode()).isEqualTo(403);
    // Genuine SGX evidence with the right MRENCLAVE, but it binds "Hello, world!", not this
    // request's key and nonce: a replayed quote gets nothing.
    assertThat(refused.getMessage()).contains("attestation refused").containsIgnoringCase("report data")
        .doesNotContain("malformed");
  }

  private ReplyException refusal(Object body) {
    Throwable t = org.assertj.core.api.Assertions.catchThrowable(
        () -> await(cas.vertx.eventBus().request("sereca.cas.attest", body)));
    assertThat(t).isNotNull().hasCauseInstanceOf(ReplyException.class);
    return (ReplyException) t.getCause();
  }

  private javax.net.ssl.SSLContext trustTheCasCa() throws Exception {
    // The CAS's own dev CA: the test trusts exactly the certificate the CAS serves.
    var ca = io.sereca.bus.DevPki.open(cas.data.resolve("cas").resolve("tls")).caCertificate();
    var ks = java.security.KeyStore.getInstance(java.security.KeyStore.getDefaultType());
    ks.load(null, null);
    ks.setCertificateEntry("ca", ca);
    var tmf = javax.net.ssl.TrustManagerFactory.getInstance(javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(ks);
    var ctx = javax.net.ssl.SSLContext.getInstance("TLSv1.3");
    ctx.init(null, tmf.getTrustManagers(), null);
    return ctx;
  }
}
