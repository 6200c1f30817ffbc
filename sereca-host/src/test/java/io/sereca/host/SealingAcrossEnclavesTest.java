package io.sereca.host;

import static org.assertj.core.api.Assertions.assertThat;

import io.sereca.enclave.boundary.Ocall;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sealing policy matrix, with real launched enclaves: the blob is sealed in one enclave and
 * handed (as the untrusted host would) to another.
 */
class SealingAcrossEnclavesTest {

  @TempDir static Path data;
  @TempDir static Path otherData;
  static EnclaveHost host;
  static EnclaveHost otherPlatform;
  static KeyPair key = SignerKeys.generate();
  static final byte[] SECRET = "sealed plaintext".getBytes(StandardCharsets.UTF_8);

  @BeforeAll
  static void start() throws Exception {
    host = EnclaveHost.create(new HostOptions().setDataDirectory(data));
    otherPlatform = EnclaveHost.create(new HostOptions().setDataDirectory(otherData));
  }

  @AfterAll
  static void stop() {
    host.close();
    otherPlatform.close();
  }

  private static Ocall unsealIn(EnclaveHost h, EnclaveBundle bundle, String backend, byte[] blob) throws Exception {
    RecordingListener l = new RecordingListener();
    try (Enclave e = h.launch(bundle, new LaunchOptions().setBackend(backend), l).get(60, TimeUnit.SECONDS)) {
      return l.request(e, "unseal", blob);
    }
  }

  private static byte[] sealIn(EnclaveBundle bundle, String address) throws Exception {
    RecordingListener l = new RecordingListener();
    try (Enclave e = host.launch(bundle, new LaunchOptions(), l).get(60, TimeUnit.SECONDS)) {
      return l.replyBody(e, address, SECRET);
    }
  }

  private static void assertOpened(Ocall o) {
    assertThat(o).isInstanceOf(Ocall.Reply.class);
    assertThat(((Ocall.Reply) o).body()).isEqualTo(SECRET);
  }

  private static void assertRefused(Ocall o, String reason) {
    assertThat(o).isInstanceOf(Ocall.Fail.class);
    assertThat(((Ocall.Fail) o).message()).contains(reason);
  }

  @Test
  void measurementPolicyOpensOnlyInTheSameEnclaveOnTheSamePlatform() throws Exception {
    EnclaveBundle v1 = TestBundles.signed(key, 1, 1, 64);
    byte[] blob = sealIn(v1, "seal.measurement");
    assertOpened(unsealIn(host, v1, "sim", blob));
    // Same measurement on the process backend of the same installation: same platform secret.
    assertOpened(unsealIn(host, v1, "process", blob));
    assertRefused(unsealIn(host, TestBundles.signed(key, 1, 2, 64), "sim", blob), "another enclave measurement");
    assertRefused(unsealIn(otherPlatform, v1, "sim", blob), "failed authentication");
  }

  @Test
  void signerPolicyFollowsSignerProductAndSvn() throws Exception {
    byte[] blob = sealIn(TestBundles.signed(key, 1, 2, 64), "seal.signer");
    assertOpened(unsealIn(host, TestBundles.signed(key, 1, 2, 64), "sim", blob));
    assertOpened(unsealIn(host, TestBundles.signed(key, 1, 3, 64), "sim", blob));
    assertRefused(unsealIn(host, TestBundles.signed(key, 1, 1, 64), "sim", blob), "is lower");
    assertRefused(unsealIn(host, TestBundles.signed(key, 2, 2, 64), "sim", blob), "sealed to product 1");
    assertRefused(unsealIn(host, TestBundles.signed(SignerKeys.generate(), 1, 2, 64), "sim", blob), "another signer");
  }

  @Test
  void tamperedOrTruncatedBlobsFailWithoutPartialData() throws Exception {
    EnclaveBundle v1 = TestBundles.signed(key, 1, 1, 64);
    byte[] blob = sealIn(v1, "seal.measurement");
    for (int i : new int[] {0, 5, blob.length / 2, blob.length - 1}) {
      byte[] t = blob.clone();
      t[i] ^= 0x40;
      Ocall o = unsealIn(host, v1, "sim", t);
      assertThat(o).as("flipped byte %d", i).isInstanceOf(Ocall.Fail.class);
    }
    byte[] truncated = java.util.Arrays.copyOf(blob, blob.length - 20);
    assertThat(unsealIn(host, v1, "sim", truncated)).isInstanceOf(Ocall.Fail.class);
  }
}
