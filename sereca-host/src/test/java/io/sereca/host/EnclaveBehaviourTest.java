package io.sereca.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sereca.attestation.AttestationPolicy;
import io.sereca.attestation.EvidenceVerifier;
import io.sereca.attestation.Provisioner;
import io.sereca.attestation.Verdict;
import io.sereca.enclave.ReplyException;
import io.sereca.enclave.boundary.Ocall;
import io.sereca.enclave.boundary.SecretsCodec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The same behaviour, on every built-in backend. */
class EnclaveBehaviourTest {

  @TempDir static Path data;
  static EnclaveHost host;
  static EnclaveBundle bundle;

  @BeforeAll
  static void setUp() throws Exception {
    host = EnclaveHost.create(new HostOptions().setDataDirectory(data));
    KeyPair key = SignerKeys.generate();
    bundle = TestBundles.signed(key, 7, 2, 64);
  }

  @AfterAll
  static void tearDown() {
    host.close();
  }

  private static Enclave launch(String backend, RecordingListener listener) throws Exception {
    return host.launch(bundle, new LaunchOptions().setBackend(backend), listener).get(60, TimeUnit.SECONDS);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @ParameterizedTest
  @ValueSource(strings = {"sim", "process"})
  void requestIsAnsweredWithTheSameBodyAndHeaders(String backend) throws Exception {
    RecordingListener l = new RecordingListener();
    try (Enclave e = launch(backend, l)) {
      long token = 99;
      e.deliver("echo", Map.of("h", "v"), utf8("ping"), token).get(10, TimeUnit.SECONDS);
      Ocall reply = l.request(e, "echo", utf8("pong"));
      assertThat(reply).isInstanceOf(Ocall.Reply.class);
      assertThat(((Ocall.Reply) reply).body()).isEqualTo(utf8("pong"));
      assertThat(e.identity()).isEqualTo(bundle.identity());
      assertThat(e.simulated()).isTrue();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"sim", "process"})
  void initRegistersAddressesAndEachEnclaveHasItsOwnClasses(String backend) throws Exception {
    RecordingListener l1 = new RecordingListener();
    RecordingListener l2 = new RecordingListener();
    try (Enclave a = launch(backend, l1); Enclave b = launch(backend, l2)) {
      assertThat(l1.ocalls).filteredOn(o -> o instanceof Ocall.Register)
          .extracting(o -> ((Ocall.Register) o).address())
          .contains("echo", "unseal", "ask", "fanout");
      assertThat(l1.replyText(a, "instances", "")).isEqualTo("1");
      assertThat(l2.replyText(b, "instances", "")).isEqualTo("1");
      assertThat(l1.replyText(a, "identity", "")).contains("svn=2");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"sim", "process"})
  void unknownAddressAndThrowingHandlerFailTheRequestWithoutLeakingData(String backend) throws Exception {
    RecordingListener l = new RecordingListener();
    try (Enclave e = launch(backend, l)) {
      Ocall none = l.request(e, "nobody.here", utf8("x"));
      assertThat(none).isInstanceOf(Ocall.Fail.class);
      assertThat(((Ocall.Fail) none).code()).isEqualTo(ReplyException.NO_HANDLERS);

      Ocall boom = l.request(e, "boom", utf8("x"));
      assertThat(boom).isInstanceOf(Ocall.Fail.class);
      assertThat(((Ocall.Fail) boom).code()).isEqualTo(500);
      assertThat(((Ocall.Fail) boom).message()).contains("IllegalStateException").doesNotContain("secret");
      // The enclave lives on.
      assertThat(l.replyText(e, "echo", "still here")).isEqualTo("still here");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"sim", "process"})
  void enclaveRequestsSendsAndPublishesThroughOcalls(String backend) throws Exception {
    RecordingListener l = new RecordingListener();
    try (Enclave e = launch(backend, l)) {
      assertThat(l.replyText(e, "ask", "time?")).isEqualTo("outside got time?");
      l.replyBody(e, "fanout", utf8("f"));
      assertThat(l.ocalls).anySatisfy(o -> {
        assertThat(o).isInstanceOf(Ocall.Send.class);
        assertThat(((Ocall.Send) o).address()).isEqualTo("out.send");
      });
      assertThat(l.ocalls).anySatisfy(o -> {
        assertThat(o).isInstanceOf(Ocall.Publish.class);
        assertThat(((Ocall.Publish) o).headers()).containsEntry("k", "v");
      });
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"sim", "process"})
  void aRequestIsAnsweredOnlyOnceAndUnregisterTakesEffect(String backend) throws Exception {
    RecordingListener l = new RecordingListener();
    try (Enclave e = launch(backend, l)) {
      assertThat(l.replyBody(e, "twice", new byte[0])).containsExactly(1);
      assertThat(l.ocalls).filteredOn(o -> o instanceof Ocall.Reply).hasSize(1);
      assertThat(l.ocalls).anySatisfy(o -> assertThat(o).isEqualTo(new Ocall.Log(1, "second reply refused")));

      l.replyBody(e, "drop", new byte[0]);
      assertThat(l.ocalls).contains(new Ocall.Unregister("echo"));
      assertThat(l.request(e, "echo", utf8("x"))).isInstanceOf(Ocall.Fail.class);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"sim", "process"})
  void secretsReachOnlyTheAttestedEnclaveAndTheKeyIsSingleUse(String backend) throws Exception {
    RecordingListener l = new RecordingListener();
    try (Enclave e = launch(backend, l)) {
      byte[] nonce = HexFormat.of().parseHex("00112233445566778899aabbccddeeff");
      ProvisioningRequest req = e.requestProvisioning(nonce).get(10, TimeUnit.SECONDS);
      AttestationPolicy policy = new AttestationPolicy()
          .setAllowSimulation(true)
          .setSimulationRoot(host.simulationAuthority().rootCertificateFile())
          .addAllowedMeasurement(bundle.identity().measurementHex());
      Verdict verdict = EvidenceVerifier.create().verify(req.evidence(), policy);
      assertThat(verdict.accepted()).as(verdict.describe()).isTrue();
      byte[] plaintext = SecretsCodec.encode(Map.of("db.password", utf8("s3cret")));
      byte[] message = Provisioner.encryptSecrets(verdict, req.publicKey(), nonce, plaintext);

      byte[] tampered = message.clone();
      tampered[tampered.length - 1] ^= 1;
      assertThatThrownBy(() -> e.provision(tampered).get(10, TimeUnit.SECONDS))
          .hasCauseInstanceOf(EnclaveException.class).hasMessageContaining("failed authentication");
      assertThat(l.replyText(e, "secret", "db.password")).isEqualTo("<none>");

      e.provision(message).get(10, TimeUnit.SECONDS);
      assertThat(l.replyText(e, "secret", "db.password")).isEqualTo("s3cret");
      assertThat(l.ocalls).contains(new Ocall.Log(0, "provisioned [db.password]"));
      // Replaying the same message: the provisioning key was discarded after first use.
      assertThatThrownBy(() -> e.provision(message).get(10, TimeUnit.SECONDS))
          .hasCauseInstanceOf(EnclaveException.class).hasMessageContaining("no provisioning key");

      assertThat(req.claims()).isEmpty();

      // An app that vouches for claims: the evidence binds them, the host cannot swap them.
      l.replyText(e, "claims", "signing-key=K1");
      ProvisioningRequest claimed = e.requestProvisioning(nonce).get(10, TimeUnit.SECONDS);
      assertThat(new String(claimed.claims(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("signing-key=K1");
      Verdict claimedVerdict = EvidenceVerifier.create().verify(claimed.evidence(), policy);
      assertThat(claimedVerdict.accepted()).as(claimedVerdict.describe()).isTrue();
      Provisioner.encryptSecrets(claimedVerdict, claimed.publicKey(), nonce, claimed.claims(), plaintext);
      assertThatThrownBy(() -> Provisioner.encryptSecrets(claimedVerdict, claimed.publicKey(), nonce,
          utf8("signing-key=HOST"), plaintext)).hasMessageContaining("claims");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"sim", "process"})
  void oversizeFramesAreRejectedAtTheBoundary(String backend) throws Exception {
    RecordingListener l = new RecordingListener();
    LaunchOptions small = new LaunchOptions().setBackend(backend).setMaxFrameBytes(64 * 1024);
    try (Enclave e = host.launch(bundle, small, l).get(60, TimeUnit.SECONDS)) {
      assertThatThrownBy(() -> e.deliver("echo", Map.of(), new byte[70_000], 1).get(10, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class).hasMessageContaining("exceeds the limit");
      assertThat(l.replyBody(e, "echo", new byte[60_000])).hasSize(60_000);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"sim", "process"})
  void aClosedEnclaveRefusesCalls(String backend) throws Exception {
    Enclave e = launch(backend, new RecordingListener());
    e.close();
    assertThat(e.isRunning()).isFalse();
    assertThatThrownBy(() -> e.echo(new byte[1]).get(10, TimeUnit.SECONDS))
        .hasMessageContaining("not running");
  }
}
