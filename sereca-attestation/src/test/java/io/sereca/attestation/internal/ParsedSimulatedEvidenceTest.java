package io.sereca.attestation.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.sereca.attestation.SimulationAuthority;
import io.sereca.enclave.EnclaveIdentity;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParsedSimulatedEvidenceTest {

  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  private static final EnclaveIdentity IDENTITY =
      EnclaveIdentity.create(new byte[32], new byte[32], 1, 1, false);

  @TempDir Path dir;
  private SimulationAuthority authority;
  private PrivateKey rootKey;
  private TrustAnchors anchors;

  @BeforeEach
  void openAuthority() throws Exception {
    authority = SimulationAuthority.open(dir, Clock.fixed(NOW, ZoneOffset.UTC));
    rootKey = Pem.readEcPrivateKey(dir.resolve(SimulationAuthority.ROOT_KEY_FILE));
    anchors = TrustAnchors.withSimulationRoot(authority.rootCertificate());
  }

  private List<String> problems(List<X509Certificate> chain, PrivateKey signer) throws Exception {
    byte[] bytes = SimulatedEvidenceFormat.encode(IDENTITY, new byte[64], NOW, chain, signer);
    return new SimulatedEvidenceFormat().parse(bytes).checkAuthenticity(anchors, NOW);
  }

  @Test
  void genuineEvidenceHasNoProblems() throws Exception {
    assertThat(problems(List.of(authority.platformCertificate()),
        Pem.readEcPrivateKey(dir.resolve(SimulationAuthority.PLATFORM_KEY_FILE)))).isEmpty();
  }

  @Test
  void evidenceSignedByAKeyOtherThanTheLeafsIsRefused() throws Exception {
    assertThat(problems(List.of(authority.platformCertificate()), rootKey))
        .singleElement().asString().startsWith("signature invalid");
  }

  @Test
  void theRootAloneIsNotAPlatform() throws Exception {
    assertThat(problems(List.of(authority.rootCertificate()), rootKey))
        .containsExactly("platform certificate is not allowed to sign (keyUsage lacks digitalSignature)",
            "certificate chain holds only the simulation root, no platform certificate");
  }

  @Test
  void aLeafWithoutDigitalSignatureUsageIsRefused() throws Exception {
    KeyPair leafKey = SimulationCertificates.generateKeyPair();
    JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
        X500Name.getInstance(authority.rootCertificate().getSubjectX500Principal().getEncoded()),
        BigInteger.TEN, Date.from(NOW.minusSeconds(60)), Date.from(NOW.plusSeconds(3600)),
        new X500Name("CN=encipher only"), leafKey.getPublic());
    builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyEncipherment));
    X509Certificate leaf = new JcaX509CertificateConverter()
        .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(rootKey)));

    assertThat(problems(List.of(leaf), leafKey.getPrivate()))
        .containsExactly("platform certificate is not allowed to sign (keyUsage lacks digitalSignature)");
  }

  @Test
  void withoutARootOnlyTheMissingRootIsReported() throws Exception {
    anchors = TrustAnchors.withoutSimulationRoot("no root here");

    assertThat(problems(List.of(authority.platformCertificate()),
        Pem.readEcPrivateKey(dir.resolve(SimulationAuthority.PLATFORM_KEY_FILE))))
        .containsExactly("no root here");
  }
}
