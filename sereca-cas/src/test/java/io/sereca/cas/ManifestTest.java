package io.sereca.cas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ManifestTest {

  private static final String M = "a".repeat(64);
  private static final String KEY = CasFixture.publicKey(CasFixture.ALICE);

  static String valid() {
    return """
        name: plant
        users:
          alice: {publicKey: %s, roles: [update, secrets, audit]}
        secrets:
          busKey: {type: symmetric, rotateEvery: 24h}
          db: {type: user}
          tls: {type: ecdsa-p256}
        services:
          collector:
            identities:
              - measurement: %s
              - {signer: %s, productId: 3, minSvn: 2}
            backends: [sim, process]
            env: {DB: "{{db}}"}
            files: {/etc/c.conf: "key={{tls.public}}"}
        routes:
          - {address: "plant.*", key: busKey, senders: [collector], receivers: [collector]}
        """.formatted(KEY, M, M);
  }

  @Test
  void parsesAValidManifestWithDefaults() throws Exception {
    Manifest m = Manifest.parse(valid());

    assertThat(m.name()).isEqualTo("plant");
    assertThat(m.updateThreshold()).isEqualTo(1);
    assertThat(m.policy().allowSimulation()).as("simulation is refused unless allowed").isFalse();
    assertThat(m.policy().acceptedTcbStatuses()).containsExactly("UP_TO_DATE");
    Manifest.Service c = m.services().get("collector");
    assertThat(c.identities()).hasSize(2);
    assertThat(c.identities().get(1).minSvn()).isEqualTo(2);
    assertThat(c.maxInstances()).isEqualTo(16);
    assertThat(c.debugAllowed()).isFalse();
    assertThat(m.secrets().get("busKey").rotateEvery()).contains(Duration.ofHours(24));
    assertThat(m.routesOf("collector")).hasSize(1);
    assertThat(m.hash()).isEqualTo(Manifest.hashOf(valid().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(delimiter = '|', value = {
      "name: plant|name: bad name!|name",
      "      - measurement: " + "a" + "|      - measurement: abc|services.collector.identities[0].measurement",
      "busKey: {type: symmetric, rotateEvery: 24h}|busKey: {type: symmetric, rotateEvery: soon}|secrets.busKey.rotateEvery",
      "busKey: {type: symmetric, rotateEvery: 24h}|busKey: {type: rsa}|secrets.busKey.type",
      "env: {DB: \"{{db}}\"}|env: {DB: \"{{nope}}\"}|services.collector.env.DB",
      "env: {DB: \"{{db}}\"}|env: {1DB: x}|services.collector.env.1DB",
      "files: {/etc/c.conf: \"key={{tls.public}}\"}|files: {/etc/c.conf: \"key={{db.public}}\"}|services.collector.files./etc/c.conf",
      "files: {/etc/c.conf: \"key={{tls.public}}\"}|files: {../c.conf: x}|services.collector.files.../c.conf",
      "receivers: [collector]|receivers: [ghost]|routes[0].receivers[0]",
      "key: busKey, senders|key: db, senders|routes[0].key",
      "roles: [update, secrets, audit]|roles: [admin]|users.alice.roles[0]",
      "roles: [update, secrets, audit]|roles: [audit]|users",
      "backends: [sim, process]|backend: [sim]|services.collector.backend",
  })
  void namesTheFieldThatIsWrong(String from, String to, String path) {
    String text = valid().replace(from.startsWith("      - measurement: a") ? "      - measurement: " + M : from, to);
    assertThat(text).isNotEqualTo(valid());

    assertThatThrownBy(() -> Manifest.parse(text))
        .isInstanceOfSatisfying(ManifestException.class, e -> assertThat(e.path()).isEqualTo(path));
  }

  @Test
  void refusesBadDocumentsAsAWhole() {
    assertThatThrownBy(() -> Manifest.parse("")).hasMessageContaining("empty");
    assertThatThrownBy(() -> Manifest.parse("name: [unclosed")).hasMessageContaining("not valid YAML");
    assertThatThrownBy(() -> Manifest.parse("name: a\nname: b\n")).hasMessageContaining("not valid YAML");
    assertThatThrownBy(() -> Manifest.parse("name: a\n")).isInstanceOfSatisfying(ManifestException.class,
        e -> assertThat(e.path()).isEqualTo("services"));
    assertThatThrownBy(() -> Manifest.parse(new byte[Manifest.MAX_BYTES + 1])).hasMessageContaining("limit");
  }

  @Test
  void certificatesNeedACaOfTheManifestAndAValidSubject() throws Exception {
    String withCa = valid().replace("  db: {type: user}", "  db: {type: user}\n  ca1: {type: ca, subject: \"CN=ca\"}\n"
        + "  leaf: {type: certificate, ca: ca1, subject: \"CN=leaf,O=x\", ips: [127.0.0.1], validity: 30d}");
    Manifest m = Manifest.parse(withCa);
    assertThat(m.secrets().get("leaf").certificate().orElseThrow().validity()).isEqualTo(Duration.ofDays(30));
    assertThat(m.secrets().get("ca1").certificate().orElseThrow().validity()).isEqualTo(Duration.ofDays(3650));

    assertThatThrownBy(() -> Manifest.parse(withCa.replace("ca: ca1", "ca: db")))
        .isInstanceOfSatisfying(ManifestException.class, e -> assertThat(e.path()).isEqualTo("secrets.leaf.ca"));
    assertThatThrownBy(() -> Manifest.parse(withCa.replace("CN=leaf,O=x", "EMAIL=x")))
        .isInstanceOfSatisfying(ManifestException.class, e -> assertThat(e.path()).isEqualTo("secrets.leaf.subject"));
    assertThatThrownBy(() -> Manifest.parse(withCa.replace("ips: [127.0.0.1]", "ips: [not-an-ip]")))
        .isInstanceOfSatisfying(ManifestException.class, e -> assertThat(e.path()).isEqualTo("secrets.leaf.ips[0]"));
    assertThatThrownBy(() -> Manifest.parse(valid().replace("type: symmetric, rotateEvery", "type: symmetric, subject: CN=x, rotateEvery")))
        .isInstanceOfSatisfying(ManifestException.class, e -> assertThat(e.path()).isEqualTo("secrets.busKey.subject"));
  }

  @Test
  void aThresholdAboveTheNumberOfUpdatersIsRefused() {
    String text = valid().replace("name: plant", "name: plant\nupdateThreshold: 2");

    assertThatThrownBy(() -> Manifest.parse(text)).isInstanceOfSatisfying(ManifestException.class,
        e -> assertThat(e.path()).isEqualTo("updateThreshold"));
  }
}
