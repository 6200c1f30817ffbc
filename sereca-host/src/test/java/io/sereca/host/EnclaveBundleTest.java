package io.sereca.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sereca.host.internal.CanonicalTree;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnclaveBundleTest {

  private final KeyPair key = SignerKeys.generate();

  private byte[] signedBytes() throws Exception {
    return BundleSigner.sign(TestBundles.unsigned(1, 1, 64), "t", key.getPrivate(), key.getPublic());
  }

  private static Map<String, byte[]> entries(byte[] jar) throws Exception {
    return new TreeMap<>(CanonicalTree.readZip(jar, 1 << 26).entries());
  }

  @Test
  void signerIdIsTheSha256OfThePublicKeyAndIdentityComesFromTheConfig() throws Exception {
    EnclaveBundle b = EnclaveBundle.fromBytes(signedBytes(), "t");
    assertThat(b.signerId()).isEqualTo(CanonicalTree.sha256().digest(key.getPublic().getEncoded()));
    assertThat(b.identity().productId()).isEqualTo(1);
    assertThat(b.identity().svn()).isEqualTo(1);
    assertThat(b.config().memoryBudgetMib()).isEqualTo(64);
    assertThat(b.measurement()).hasSize(32);
  }

  @Test
  void anUnsignedBundleIsRefused() throws Exception {
    assertThatThrownBy(() -> EnclaveBundle.fromBytes(TestBundles.unsigned(1, 1, 64), "u.jar"))
        .isInstanceOf(BundleException.class).hasMessageContaining("is not signed");
  }

  @Test
  void aBundleChangedAfterSigningIsRefused() throws Exception {
    Map<String, byte[]> e = entries(signedBytes());
    String cls = e.keySet().stream().filter(n -> n.endsWith("TestApp.class")).findFirst().orElseThrow();
    byte[] tampered = e.get(cls).clone();
    tampered[tampered.length / 2] ^= 1;
    e.put(cls, tampered);
    assertThatThrownBy(() -> EnclaveBundle.fromBytes(TestBundles.jar(e), "t.jar"))
        .isInstanceOf(BundleException.class).hasMessageContaining("signature does not verify");
  }

  @Test
  void anAddedEntryOrAChangedConfigIsRefused() throws Exception {
    Map<String, byte[]> added = entries(signedBytes());
    added.put("extra.txt", new byte[] {1});
    assertThatThrownBy(() -> EnclaveBundle.fromBytes(TestBundles.jar(added), "t.jar"))
        .hasMessageContaining("signature does not verify");

    Map<String, byte[]> svn = entries(signedBytes());
    svn.put(EnclaveConfig.ENTRY, TestBundles.config(1, 9, 64, false).getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> EnclaveBundle.fromBytes(TestBundles.jar(svn), "t.jar"))
        .hasMessageContaining("signature does not verify");
  }

  @Test
  void aSignatureWhosePublicKeyWasSwappedIsRefused() throws Exception {
    Map<String, byte[]> e = entries(signedBytes());
    String sig = new String(e.get(EnclaveBundle.SIGNATURE_ENTRY), StandardCharsets.UTF_8);
    String other = java.util.Base64.getEncoder().encodeToString(SignerKeys.generate().getPublic().getEncoded());
    e.put(EnclaveBundle.SIGNATURE_ENTRY,
        sig.replaceAll("public.key=.*", "public.key=" + other).getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> EnclaveBundle.fromBytes(TestBundles.jar(e), "t.jar"))
        .hasMessageContaining("signature does not verify");
  }

  @Test
  void garbageAndMalformedSignaturesAreRefusedWithAClearMessage() throws Exception {
    assertThatThrownBy(() -> EnclaveBundle.fromBytes("not a zip".getBytes(StandardCharsets.UTF_8), "g.jar"))
        .isInstanceOf(BundleException.class).hasMessageContaining("not a valid jar");
    Map<String, byte[]> e = entries(signedBytes());
    e.put(EnclaveBundle.SIGNATURE_ENTRY, "format=1\nalgorithm=Ed25519\npublic.key=%%%\nsignature=AA\n".getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> EnclaveBundle.fromBytes(TestBundles.jar(e), "t.jar"))
        .isInstanceOf(BundleException.class).hasMessageContaining("malformed");
  }

  @Test
  void bundlesThatWouldEscapeIsolationCannotBeSigned() throws Exception {
    Map<String, byte[]> shadow = new TreeMap<>(TestBundles.appClasses());
    shadow.put(EnclaveConfig.ENTRY, TestBundles.config(1, 1, 64, false).getBytes(StandardCharsets.UTF_8));
    shadow.put("io/sereca/enclave/internal/Sealer.class", new byte[] {1, 2});
    assertThatThrownBy(() -> BundleSigner.sign(TestBundles.jar(shadow), "s", key.getPrivate(), key.getPublic()))
        .hasMessageContaining("trusted runtime's package");

    Map<String, byte[]> classPath = new TreeMap<>(TestBundles.appClasses());
    classPath.put(EnclaveConfig.ENTRY, TestBundles.config(1, 1, 64, false).getBytes(StandardCharsets.UTF_8));
    classPath.put("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\nClass-Path: /etc/evil.jar\n\n".getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> BundleSigner.sign(TestBundles.jar(classPath), "s", key.getPrivate(), key.getPublic()))
        .hasMessageContaining("Class-Path");
  }

  @Test
  void configErrorsNameTheKey() throws Exception {
    Map<String, byte[]> noConfig = new TreeMap<>(TestBundles.appClasses());
    assertThatThrownBy(() -> BundleSigner.sign(TestBundles.jar(noConfig), "s", key.getPrivate(), key.getPublic()))
        .hasMessageContaining("no enclave config");
    assertThatThrownBy(() -> EnclaveConfig.parse("app.class=a.B\nsvnn=1\n".getBytes(StandardCharsets.UTF_8)))
        .hasMessageContaining("unknown key 'svnn'");
    assertThatThrownBy(() -> EnclaveConfig.parse("app.class=a.B\nsvn=x\n".getBytes(StandardCharsets.UTF_8)))
        .hasMessageContaining("'svn' must be an integer");
    assertThatThrownBy(() -> EnclaveConfig.parse("app.class=a.B\nsvn=70000\n".getBytes(StandardCharsets.UTF_8)))
        .hasMessageContaining("svn must be in 0..65535");
    assertThatThrownBy(() -> EnclaveConfig.parse("svn=1\n".getBytes(StandardCharsets.UTF_8)))
        .hasMessageContaining("app.class");
    assertThatThrownBy(() -> EnclaveConfig.parse("app.class=a.B\ndebug=yes\n".getBytes(StandardCharsets.UTF_8)))
        .hasMessageContaining("true or false");
    assertThat(EnclaveConfig.parse("app.class=a.B\n".getBytes(StandardCharsets.UTF_8)).memoryBudgetMib())
        .isEqualTo(EnclaveConfig.DEFAULT_MEMORY_BUDGET_MIB);
  }

  @Test
  void theMeasurementCoversConfigButNotTimestampsOrEntryOrder() throws Exception {
    EnclaveBundle a = TestBundles.signed(key, 1, 1, 64);
    EnclaveBundle b = TestBundles.signed(SignerKeys.generate(), 1, 1, 64);
    EnclaveBundle svn2 = TestBundles.signed(key, 1, 2, 64);
    EnclaveBundle mem = TestBundles.signed(key, 1, 1, 128);
    // Another signer signs the same content: same measurement, different signer (as in SGX).
    assertThat(b.measurement()).isEqualTo(a.measurement());
    assertThat(b.signerId()).isNotEqualTo(a.signerId());
    assertThat(svn2.measurement()).isNotEqualTo(a.measurement());
    assertThat(mem.measurement()).isNotEqualTo(a.measurement());
  }

  @Test
  void aSecondArchiveAppendedToASignedBundleNeverReachesTheClassLoader(@TempDir Path dir) throws Exception {
    EnclaveBundle good = TestBundles.signed(key, 1, 1, 64);
    Map<String, byte[]> evilEntries = new TreeMap<>();
    evilEntries.put("io/sereca/testapps/TestApp.class", "EVIL CODE".getBytes(StandardCharsets.UTF_8));
    evilEntries.put(EnclaveConfig.ENTRY, "app.class=evil.Evil\n".getBytes(StandardCharsets.UTF_8));
    java.io.ByteArrayOutputStream polyglot = new java.io.ByteArrayOutputStream();
    polyglot.write(good.jarBytes());
    polyglot.write(TestBundles.jar(evilEntries));

    EnclaveBundle loaded = EnclaveBundle.fromBytes(polyglot.toByteArray(), "polyglot");
    assertThat(loaded.measurement()).isEqualTo(good.measurement());
    // What a class loader reads (the zip index at the end) is exactly what was measured.
    Path launched = dir.resolve("launched.jar");
    Files.write(launched, loaded.jarBytes());
    try (java.util.jar.JarFile jar = new java.util.jar.JarFile(launched.toFile())) {
      byte[] cls = jar.getInputStream(jar.getEntry("io/sereca/testapps/TestApp.class")).readAllBytes();
      assertThat(new String(cls, StandardCharsets.ISO_8859_1)).doesNotContain("EVIL CODE");
      assertThat(cls).isEqualTo(entries(good.jarBytes()).get("io/sereca/testapps/TestApp.class"));
      assertThat(jar.getEntry(EnclaveBundle.SIGNATURE_ENTRY)).isNotNull();
    }
  }

  @Test
  void loadNamesAMissingFile(@TempDir Path dir) {
    assertThatThrownBy(() -> EnclaveBundle.load(dir.resolve("nope.jar")))
        .isInstanceOf(BundleException.class).hasMessageContaining("does not exist");
  }

  @Test
  void signingAFileWritesAVerifiableBundle(@TempDir Path dir) throws Exception {
    Path in = dir.resolve("in.jar");
    Files.write(in, TestBundles.unsigned(3, 4, 64));
    Path out = dir.resolve("out.jar");
    EnclaveBundle signed = BundleSigner.sign(in, key.getPrivate(), key.getPublic(), out);
    assertThat(EnclaveBundle.load(out).measurement()).isEqualTo(signed.measurement());
    // Re-signing a signed bundle replaces the signature and keeps the measurement.
    EnclaveBundle again = BundleSigner.sign(out, key.getPrivate(), key.getPublic(), dir.resolve("again.jar"));
    assertThat(again.measurement()).isEqualTo(signed.measurement());
  }
}
