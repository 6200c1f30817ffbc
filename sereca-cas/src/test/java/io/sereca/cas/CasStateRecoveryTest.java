package io.sereca.cas;

import static io.sereca.cas.CasFixture.ALICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CAS's sealed state survives restarts, and a tampered or rolled-back state stops it. */
class CasStateRecoveryTest {

  @TempDir Path tmp;

  static byte[] manifest(String name) {
    return """
        name: %s
        users:
          alice: {publicKey: %s, roles: [update, secrets, audit]}
        secrets:
          busKey: {type: symmetric}
        services:
          svc:
            identities: [{measurement: %s}]
        """.formatted(name, CasFixture.publicKey(ALICE), "b".repeat(64)).getBytes(StandardCharsets.UTF_8);
  }

  private Path data() {
    return tmp.resolve("data");
  }

  private byte[] stateBlob() throws Exception {
    try (Connection c = db(); Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT blob FROM state")) {
      assertThat(r.next()).isTrue();
      return r.getBytes(1);
    }
  }

  private void writeStateBlob(byte[] blob) throws Exception {
    try (Connection c = db(); PreparedStatement p = c.prepareStatement("UPDATE state SET blob = ?")) {
      p.setBytes(1, blob);
      assertThat(p.executeUpdate()).isEqualTo(1);
    }
  }

  private Connection db() throws Exception {
    return DriverManager.getConnection("jdbc:sqlite:" + data().resolve("cas").resolve("cas.db"));
  }

  @Test
  void aRestartRecoversTheManifestChainAndTheCasKeys() throws Exception {
    String firstHash;
    java.security.PublicKey signing;
    try (CasFixture cas = new CasFixture(data())) {
      cas.start();
      CasClient client = cas.client();
      signing = cas.verify(client).signingKey();
      byte[] v1 = manifest("one");
      client.setManifest(v1, CasFixture.sign(null, v1, Map.of("alice", ALICE)));
      firstHash = Manifest.hashOf(v1);
      byte[] v2 = manifest("two");
      client.setManifest(v2, CasFixture.sign(firstHash, v2, Map.of("alice", ALICE)));
    }
    try (CasFixture cas = new CasFixture(data())) {
      cas.start();
      CasClient client = cas.client();
      CasIdentity again = cas.verify(client);
      assertThat(again.signingKey()).isEqualTo(signing);
      var m = client.manifest();
      assertThat(m.getInteger("version")).isEqualTo(2);
      assertThat(m.getJsonArray("history").getJsonObject(1).getString("previous")).isEqualTo(firstHash);
      assertThat(client.audit(again, "alice", ALICE.getPrivate()))
          .extracting(AuditEntry::type).containsSubsequence("start", "manifest", "manifest", "start");
    }
  }

  @Test
  void anUpdateSignedForAnotherPredecessorIsRefused() throws Exception {
    try (CasFixture cas = new CasFixture(data())) {
      cas.start();
      CasClient client = cas.client();
      byte[] v1 = manifest("one");
      client.setManifest(v1, CasFixture.sign(null, v1, Map.of("alice", ALICE)));
      byte[] v2 = manifest("two");
      // Signed as if it were the first version: not chained to v1, so the signature does not count.
      assertThatThrownBy(() -> client.setManifest(v2, CasFixture.sign(null, v2, Map.of("alice", ALICE))))
          .isInstanceOfSatisfying(CasException.class, e -> assertThat(e.status()).isEqualTo(403));
      assertThatThrownBy(() -> client.setManifest("name: [".getBytes(StandardCharsets.UTF_8), Map.of()))
          .isInstanceOfSatisfying(CasException.class, e -> assertThat(e.status()).isEqualTo(400));
    }
  }

  @Test
  void aTamperedStateStopsTheCasWithAClearError() throws Exception {
    try (CasFixture cas = new CasFixture(data())) {
      cas.start();
      byte[] v1 = manifest("one");
      cas.client().setManifest(v1, CasFixture.sign(null, v1, Map.of("alice", ALICE)));
    }
    byte[] blob = stateBlob();
    blob[blob.length / 2] ^= 1;
    writeStateBlob(blob);

    try (CasFixture cas = new CasFixture(data())) {
      assertThatThrownBy(cas::start).hasMessageContaining("refuses to start").hasMessageContaining("tampered");
    }
  }

  @Test
  void aRolledBackStateStopsTheCasWithAClearError() throws Exception {
    byte[] old;
    try (CasFixture cas = new CasFixture(data())) {
      cas.start();
      CasClient client = cas.client();
      byte[] v1 = manifest("one");
      client.setManifest(v1, CasFixture.sign(null, v1, Map.of("alice", ALICE)));
      old = stateBlob();
      byte[] v2 = manifest("two");
      client.setManifest(v2, CasFixture.sign(Manifest.hashOf(v1), v2, Map.of("alice", ALICE)));
    }
    writeStateBlob(old);

    try (CasFixture cas = new CasFixture(data())) {
      assertThatThrownBy(cas::start).hasMessageContaining("rolled back");
    }
  }

  @Test
  void anAlteredAuditLogIsDetectedByItsReader() throws Exception {
    try (CasFixture cas = new CasFixture(data())) {
      cas.start();
      CasClient client = cas.client();
      CasIdentity id = cas.verify(client);
      byte[] v1 = manifest("one");
      client.setManifest(v1, CasFixture.sign(null, v1, Map.of("alice", ALICE)));
      try (Connection c = db(); Statement s = c.createStatement()) {
        assertThat(s.executeUpdate("UPDATE audit SET detail = 'nothing happened' WHERE seq = 1")).isEqualTo(1);
      }
      assertThatThrownBy(() -> client.audit(id, "alice", ALICE.getPrivate()))
          .hasMessageContaining("entry 1 was altered");
      try (Connection c = db(); Statement s = c.createStatement()) {
        s.executeUpdate("DELETE FROM audit WHERE seq = (SELECT MAX(seq) FROM audit)");
      }
      assertThatThrownBy(() -> client.audit(id, "alice", ALICE.getPrivate())).isInstanceOf(CasException.class);
    }
  }
}
