package io.sereca.cas;

import static io.sereca.cas.CasFixture.ALICE;
import static io.sereca.cas.CasFixture.await;
import static org.assertj.core.api.Assertions.assertThat;


import io.sereca.vertx.SecureVerticle;
import io.sereca.vertx.SecureVerticleOptions;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Route key rotation pushed to running enclaves, under load, without losing a message. */
class CasRotationTest {

  @TempDir Path tmp;

  static String manifest(String front, String back, boolean withFront) {
    return """
        name: rotation
        policy: {allowSimulation: true}
        users:
          alice: {publicKey: %s, roles: [update, secrets, audit]}
        secrets:
          busKey: {type: symmetric}
        services:
          %s
          back:
            identities: [{measurement: %s}]
        routes:
          - {address: "svc.back.*", key: busKey, senders: [%s], receivers: [back]}
        """.formatted(CasFixture.publicKey(ALICE),
        withFront ? "front:\n    identities: [{measurement: " + front + "}]" : "",
        back, withFront ? "front" : "back");
  }

  private static Future<String> deploy(CasFixture cas, Path bundle, String service) {
    return cas.vertx.deployVerticle(new SecureVerticle(), new DeploymentOptions().setConfig(
        new SecureVerticleOptions().setBundle(bundle.toString()).setProvisioner(CasOptions.DEFAULT_BUS_ADDRESS)
            .setService(service).setDataDirectory(cas.data.toString()).toJson()));
  }

  @Test
  void rotatingUnderLoadLosesNoMessageAndADroppedServiceGetsNoNewKey() throws Exception {
    try (CasFixture cas = new CasFixture(tmp.resolve("data"))) {
      cas.start();
      CasClient client = cas.client();
      CasIdentity id = cas.verify(client);
      Path front = CasFixture.bundle(tmp, "FrontApp", 1);
      Path back = CasFixture.bundle(tmp, "BackApp", 1);
      String fm = CasFixture.measurement(front);
      String bm = CasFixture.measurement(back);
      byte[] v1 = manifest(fm, bm, true).getBytes(StandardCharsets.UTF_8);
      client.setManifest(v1, CasFixture.sign(null, v1, Map.of("alice", ALICE)));
      await(deploy(cas, back, "back"));
      await(deploy(cas, front, "front"));

      // Load: a steady stream of requests through both enclaves while the key is rotated twice.
      AtomicBoolean running = new AtomicBoolean(true);
      ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
      List<Future<?>> sent = new ArrayList<>();
      Thread load = new Thread(() -> {
        int i = 0;
        while (running.get()) {
          String body = "m" + i++;
          Future<?> f = cas.vertx.eventBus().<Buffer>request("front.echo", Buffer.buffer(body),
                  new DeliveryOptions().setSendTimeout(20_000))
              .onSuccess(r -> {
                if (!r.body().toString().equals("back saw: " + body)) {
                  failures.add(body + " -> " + r.body());
                }
              })
              .onFailure(e -> failures.add(body + " failed: " + e.getMessage()));
          synchronized (sent) {
            sent.add(f);
          }
          try {
            Thread.sleep(5);
          } catch (InterruptedException e) {
            return;
          }
        }
      });
      load.start();
      Thread.sleep(500);
      var r1 = client.rotate("busKey", "alice", ALICE.getPrivate());
      assertThat(r1.getInteger("version")).isEqualTo(2);
      Thread.sleep(2500);
      var r2 = client.rotate("busKey", "alice", ALICE.getPrivate());
      assertThat(r2.getInteger("version")).isEqualTo(3);
      Thread.sleep(2500);
      running.set(false);
      load.join();
      List<Future<?>> all;
      synchronized (sent) {
        all = new ArrayList<>(sent);
      }
      await(Future.join(all.stream().map(f -> (Future<?>) f.recover(e -> Future.succeededFuture())).toList()));
      assertThat(all).hasSizeGreaterThan(200);
      assertThat(failures).as("messages lost or garbled during rotation").isEmpty();

      // Both instances were attested again after each rotation and received the new versions.
      org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
          assertThat(client.audit(id, "alice", ALICE.getPrivate()).stream()
              .filter(e -> e.type().equals("attestation") && e.outcome().equals("accepted")))
              .hasSize(6)
              .anySatisfy(e -> assertThat(e.detail()).contains("busKey.3")));

      // Dropping the front service: its next provisioning (the next rotation) is refused.
      byte[] v2 = manifest(fm, bm, false).getBytes(StandardCharsets.UTF_8);
      client.setManifest(v2, CasFixture.sign(Manifest.hashOf(v1), v2, Map.of("alice", ALICE)));
      client.rotate("busKey", "alice", ALICE.getPrivate());
      org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
          assertThat(client.audit(id, "alice", ALICE.getPrivate()))
              .anySatisfy(e -> {
                assertThat(e.type()).isEqualTo("attestation");
                assertThat(e.subject()).isEqualTo("front");
                assertThat(e.outcome()).isEqualTo("refused");
                assertThat(e.detail()).contains("not in the manifest");
              }));
    }
  }
}
