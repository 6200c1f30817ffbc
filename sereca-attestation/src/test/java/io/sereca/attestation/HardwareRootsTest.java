package io.sereca.attestation;

import static org.assertj.core.api.Assertions.assertThat;

import io.sereca.attestation.internal.Fingerprints;
import io.sereca.attestation.internal.HardwareRoots;
import java.nio.file.Files;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The vendor roots pinned in the module are the published ones. */
class HardwareRootsTest {

  @Test
  void theIntelRootHasTheFingerprintIntelPublishes() {
    assertThat(Fingerprints.sha256(HardwareRoots.pinned().intelRoot()))
        .isEqualTo("SHA-256:44a0196b2b99f889b8e149e95b807a350e7424964399e885a7cbb8ccfab674d3");
  }

  @Test
  void theIntelRootIsTheCopyInTheSharedTestData() throws Exception {
    X509Certificate shared = (X509Certificate) CertificateFactory.getInstance("X.509")
        .generateCertificate(Files.newInputStream(TeeTestData.file("intel_sgx_root_ca.pem")));

    assertThat(HardwareRoots.pinned().intelRoot()).isEqualTo(shared);
  }

  @Test
  void theAmdRootsAreSelfSignedArksThatSignTheirAskAndAsvk() throws Exception {
    List<HardwareRoots.AmdProduct> products = HardwareRoots.pinned().amdProducts();

    assertThat(products).extracting(HardwareRoots.AmdProduct::name).containsExactly("Milan", "Genoa", "Turin");
    for (HardwareRoots.AmdProduct p : products) {
      assertThat(p.ark().getSubjectX500Principal().getName()).contains("CN=ARK-" + p.name());
      p.ark().verify(p.ark().getPublicKey());
      p.ask().verify(p.ark().getPublicKey());
      p.asvk().verify(p.ark().getPublicKey());
      assertThat(p.ark().getSigAlgName()).isEqualTo("RSASSA-PSS");
    }
  }

  @Test
  void theMilanArkIsTheOneVirteeShips() throws Exception {
    X509Certificate virtee = (X509Certificate) CertificateFactory.getInstance("X.509")
        .generateCertificate(Files.newInputStream(TeeTestData.file("snp/virtee_ark_milan.pem")));

    assertThat(HardwareRoots.pinned().amdProducts().get(0).ark()).isEqualTo(virtee);
  }
}
