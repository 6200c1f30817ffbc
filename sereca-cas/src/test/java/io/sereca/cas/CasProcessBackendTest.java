package io.sereca.cas;

import static io.sereca.cas.CasFixture.ALICE;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CAS core in its own child JVM (process backend): same code, same measurement, same service. */
class CasProcessBackendTest {

  @TempDir Path tmp;

  @Test
  void theCasCoreRunsInAChildJvmWithTheSameMeasurement() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      CasServer sim = new CasServer(new CasOptions().setDataDirectory(tmp.resolve("a")).setPort(0));
      CasServer process = new CasServer(new CasOptions().setDataDirectory(tmp.resolve("b")).setPort(0)
          .setBackend("process").setBusAddress("sereca.cas.process"));
      vertx.deployVerticle(sim).await(120, TimeUnit.SECONDS);
      vertx.deployVerticle(process).await(120, TimeUnit.SECONDS);
      assertThat(process.measurement()).isEqualTo(sim.measurement());

      CasFixture fixture = new CasFixture(tmp.resolve("b"), vertx);
      fixture.server = process;
      CasClient client = fixture.client();
      CasIdentity id = fixture.verify(client);
      byte[] m = CasStateRecoveryTest.manifest("process");
      client.setManifest(m, CasFixture.sign(null, m, Map.of("alice", ALICE)));
      assertThat(client.audit(id, "alice", ALICE.getPrivate())).extracting(AuditEntry::type)
          .containsExactly("start", "manifest");
    } finally {
      vertx.close().await(60, TimeUnit.SECONDS);
    }
  }
}
