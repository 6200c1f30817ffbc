package io.sereca.enclave.internal;

import static io.sereca.enclave.internal.Harness.assertError;
import static io.sereca.enclave.internal.Harness.assertOk;
import static io.sereca.enclave.internal.Harness.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import io.sereca.enclave.ProvisionedSecrets;
import io.sereca.enclave.boundary.Ecall;
import io.sereca.enclave.boundary.EcallResult;
import io.sereca.enclave.boundary.FrameWriter;
import io.sereca.enclave.boundary.Ocall;
import io.sereca.enclave.boundary.SecretsCodec;
import io.sereca.enclave.crypto.ProvisioningCipher;
import io.sereca.testapps.ProbeApp;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** PROVISION_KEY then PROVISION, driven through the runtime as the host and verifier would. */
class ProvisioningTest {

  private Harness enclave;
  private final List<ProvisionedSecrets> provisioned = new ArrayList<>();

  @BeforeEach
  void setUp() {
    ProbeApp.reset();
    enclave = new Harness();
    ProbeApp.onInit = ctx -> {
      ctx.onProvisioned(provisioned::add);
      ctx.register("secret", m -> m.reply(
          ctx.secrets().get(m.bodyAsString()).orElse(utf8("<none>"))));
    };
  }

  private void init() {
    assertOk(enclave.init(ProbeApp.class));
    enclave.drain();
  }

  private static Map<String, byte[]> secrets(String... kv) {
    Map<String, byte[]> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], utf8(kv[i + 1]));
    }
    return m;
  }

  /** Runs PROVISION_KEY; returns the enclave's raw public key after checking the report data. */
  private byte[] provisionKey(byte[] nonce) throws Exception {
    EcallResult r = enclave.call(new Ecall.ProvisionKey(nonce));
    assertOk(r);
    assertThat(r.payload()).hasSize(32 + 64);
    return Arrays.copyOf(r.payload(), 32);
  }

  private String secret(String name) {
    return new String(((Ocall.Reply) enclave.ask("secret", utf8(name), 1)).body(),
        StandardCharsets.UTF_8);
  }

  @Test
  void provisionKeyReturnsAFreshKeyAndReportDataBindingItToTheNonce() throws Exception {
    init();
    byte[] nonce = Harness.filled(32, 0x4E);
    EcallResult r = enclave.call(new Ecall.ProvisionKey(nonce));
    assertOk(r);
    byte[] pk = Arrays.copyOf(r.payload(), 32);
    byte[] reportData = Arrays.copyOfRange(r.payload(), 32, 96);

    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    sha.update(pk);
    sha.update(nonce);
    assertThat(Arrays.copyOf(reportData, 32)).isEqualTo(sha.digest());
    assertThat(Arrays.copyOfRange(reportData, 32, 64)).isEqualTo(new byte[32]);
    assertThat(reportData).isEqualTo(ProvisioningCipher.reportData(pk, nonce));

    byte[] pk2 = provisionKey(nonce);
    assertThat(pk2).as("every PROVISION_KEY makes a new key").isNotEqualTo(pk);
    assertThat(enclave.drain()).isEmpty();
  }

  @Test
  void provisionBeforeProvisionKeyIsRefused() throws Exception {
    init();
    byte[] message = ProvisioningCipher.encrypt(
        ProvisioningCipher.rawPublicKey(ProvisioningCipher.generateKeyPair().getPublic()),
        SecretsCodec.encode(secrets("a", "b")));
    assertThat(assertError(enclave.call(new Ecall.Provision(message))))
        .contains("PROVISION_KEY must come first");
    assertThat(provisioned).isEmpty();
  }

  @Test
  void fullProvisioningDeliversTheSecretsToTheApp() throws Exception {
    init();
    assertThat(ProbeApp.context.secrets().isEmpty()).isTrue();
    byte[] pk = provisionKey(Harness.filled(16, 1));
    byte[] message = ProvisioningCipher.encrypt(pk,
        SecretsCodec.encode(secrets("db.password", "hunter2", "api.key", "k-123")));

    EcallResult r = enclave.call(new Ecall.Provision(message));

    assertOk(r);
    assertThat(r.payload()).isEmpty();
    assertThat(enclave.drain()).as("provisioning itself emits nothing").isEmpty();
    assertThat(provisioned).singleElement().satisfies(s -> {
      assertThat(s.names()).containsExactly("db.password", "api.key");
      assertThat(s.getString("db.password")).contains("hunter2");
    });
    assertThat(secret("db.password")).isEqualTo("hunter2");
    assertThat(secret("api.key")).isEqualTo("k-123");
    assertThat(secret("missing")).isEqualTo("<none>");
  }

  @Test
  void replayOfTheSameProvisioningMessageIsRefused() throws Exception {
    init();
    byte[] pk = provisionKey(Harness.filled(16, 2));
    byte[] message = ProvisioningCipher.encrypt(pk, SecretsCodec.encode(secrets("s", "v1")));
    assertOk(enclave.call(new Ecall.Provision(message)));

    assertThat(assertError(enclave.call(new Ecall.Provision(message))))
        .contains("PROVISION_KEY must come first");
    assertThat(provisioned).hasSize(1);
  }

  @Test
  void replayToANewProvisioningKeyIsRefusedToo() throws Exception {
    init();
    byte[] pk = provisionKey(Harness.filled(16, 2));
    byte[] message = ProvisioningCipher.encrypt(pk, SecretsCodec.encode(secrets("s", "v1")));
    assertOk(enclave.call(new Ecall.Provision(message)));
    provisionKey(Harness.filled(16, 3));

    assertThat(assertError(enclave.call(new Ecall.Provision(message))))
        .contains("provisioning refused", "authentication");
    assertThat(provisioned).hasSize(1);
  }

  @Test
  void aNewProvisionKeySupersedesThePreviousOne() throws Exception {
    init();
    byte[] oldPk = provisionKey(Harness.filled(16, 4));
    byte[] newPk = provisionKey(Harness.filled(16, 5));
    byte[] forOld = ProvisioningCipher.encrypt(oldPk, SecretsCodec.encode(secrets("s", "old")));
    assertThat(assertError(enclave.call(new Ecall.Provision(forOld))))
        .contains("provisioning refused", "authentication");
    assertOk(enclave.call(new Ecall.Provision(
        ProvisioningCipher.encrypt(newPk, SecretsCodec.encode(secrets("s", "new"))))));
    assertThat(secret("s")).isEqualTo("new");
  }

  @Test
  void messageForAnotherKeyOrTamperedIsRefusedAndProvisionsNothing() throws Exception {
    init();
    byte[] pk = provisionKey(Harness.filled(16, 6));
    byte[] other = ProvisioningCipher.rawPublicKey(ProvisioningCipher.generateKeyPair().getPublic());
    assertThat(assertError(enclave.call(new Ecall.Provision(
        ProvisioningCipher.encrypt(other, SecretsCodec.encode(secrets("s", "v")))))))
        .contains("provisioning refused", "authentication");

    byte[] tampered = ProvisioningCipher.encrypt(pk, SecretsCodec.encode(secrets("s", "v")));
    tampered[tampered.length - 1] ^= 1;
    assertThat(assertError(enclave.call(new Ecall.Provision(tampered))))
        .contains("provisioning refused");
    assertThat(assertError(enclave.call(new Ecall.Provision(new byte[10]))))
        .contains("provisioning refused", "truncated");
    assertThat(provisioned).isEmpty();
    assertThat(ProbeApp.context.secrets().isEmpty()).isTrue();
  }

  @Test
  void authenticatedButMalformedSecretsAreRejectedAtTheBoundary() throws Exception {
    init();
    byte[] pk = provisionKey(Harness.filled(16, 7));
    byte[] duplicate = new FrameWriter(32).u16(2).string("a").bytes(utf8("1"))
        .string("a").bytes(utf8("2")).toByteArray();
    String error = assertError(enclave.call(
        new Ecall.Provision(ProvisioningCipher.encrypt(pk, duplicate))));
    assertThat(error).contains("rejected at boundary", "appears twice");
    assertThat(provisioned).isEmpty();
  }

  @Test
  void laterProvisioningMergesAndReplacesByName() throws Exception {
    init();
    assertOk(enclave.call(new Ecall.Provision(ProvisioningCipher.encrypt(
        provisionKey(Harness.filled(16, 8)), SecretsCodec.encode(secrets("a", "1", "b", "2"))))));
    assertOk(enclave.call(new Ecall.Provision(ProvisioningCipher.encrypt(
        provisionKey(Harness.filled(16, 9)), SecretsCodec.encode(secrets("b", "3", "c", "4"))))));
    assertThat(provisioned).hasSize(2);
    assertThat(provisioned.get(1).names()).containsExactlyInAnyOrder("a", "b", "c");
    assertThat(secret("a")).isEqualTo("1");
    assertThat(secret("b")).isEqualTo("3");
    assertThat(secret("c")).isEqualTo("4");
  }

  @Test
  void failingProvisionedCallbackIsLoggedByClassNameAndDoesNotFailProvisioning() throws Exception {
    ProbeApp.onInit = ctx -> ctx.onProvisioned(s -> {
      throw new IllegalStateException("value was " + s.getString("s").orElse(""));
    });
    init();
    EcallResult r = enclave.call(new Ecall.Provision(ProvisioningCipher.encrypt(
        provisionKey(Harness.filled(16, 10)), SecretsCodec.encode(secrets("s", "hunter2")))));
    assertOk(r);
    assertThat(enclave.drain()).singleElement().isInstanceOfSatisfying(Ocall.Log.class, log -> {
      assertThat(log.level()).isEqualTo(2);
      assertThat(log.message()).contains("IllegalStateException").doesNotContain("hunter2");
    });
    assertThat(ProbeApp.context.secrets().getString("s")).contains("hunter2");
  }

  @Test
  void provisioningBeforeInitIsRefused() {
    assertThat(assertError(enclave.call(new Ecall.ProvisionKey(new byte[16]))))
        .contains("not initialised");
  }
}
