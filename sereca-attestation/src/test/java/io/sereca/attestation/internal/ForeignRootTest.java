package io.sereca.attestation.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.sereca.attestation.Collateral;
import io.sereca.attestation.EvidenceVerifier;
import io.sereca.attestation.VerificationCheck;
import io.sereca.attestation.Verdict;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Evidence that is internally consistent but rooted in another CA than the pinned vendor root. */
class ForeignRootTest {

  private static final String INTEL_ROOT_NAME =
      "CN=Intel SGX Root CA,O=Intel Corporation,L=Santa Clara,ST=CA,C=US";

  private static VerificationCheck check(List<VerificationCheck> checks, String name) {
    return checks.stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void anSgxQuoteUnderALookAlikeIntelRootIsRefusedForItsChainAlone() throws Exception {
    KeyPair rootKey = FakeVendorPki.ec("secp256r1");
    KeyPair pckKey = FakeVendorPki.ec("secp256r1");
    // Same subject name as Intel's real root: only the key tells them apart.
    X509Certificate fakeRoot = FakeVendorPki.certificate(INTEL_ROOT_NAME, rootKey.getPublic(), INTEL_ROOT_NAME,
        rootKey.getPrivate(), true, Map.of());
    X509Certificate pck = FakeVendorPki.certificate("CN=Intel SGX PCK Certificate", pckKey.getPublic(),
        INTEL_ROOT_NAME, rootKey.getPrivate(), false, Map.of());
    byte[] quote = FakeVendorPki.sgxQuote(pckKey.getPrivate(), List.of(pck, fakeRoot));

    Verdict verdict = EvidenceVerifier.create().checkGenuine(quote, null, Collateral.none(), FakeVendorPki.NOW);

    assertThat(verdict.accepted()).isFalse();
    List<VerificationCheck> checks = verdict.checks();
    assertThat(check(checks, "PCK certificate chain").passed()).isFalse();
    assertThat(check(checks, "PCK certificate chain").detail()).contains("Intel SGX Root CA");
    // Everything else about the quote is consistent: the root is the only reason.
    assertThat(check(checks, "quote signature").passed()).isTrue();
    assertThat(check(checks, "QE report data binding").passed()).isTrue();
    assertThat(check(checks, "QE report signature").passed()).isTrue();

    // Control: the same quote verifies its chain when its own root is the trusted one.
    Authentication underFakeRoot = EvidenceFormats.parse(quote).authenticate(
        TrustAnchors.hardwareOnly(new HardwareRoots(fakeRoot, List.of())), CollateralInput.NONE, FakeVendorPki.NOW);
    assertThat(check(underFakeRoot.checks(), "PCK certificate chain").passed()).isTrue();
  }

  @Test
  void anSnpReportSignedByAVcekUnderAnotherArkIsRefused() throws Exception {
    FakeAmd amd = FakeAmd.create(FakeAmd.MILAN_TCB);
    byte[] report = amd.signedReport(FakeAmd.MILAN_TCB);

    Verdict verdict = EvidenceVerifier.create().checkGenuine(report, null,
        Collateral.ofCertificates(List.of(amd.vcek)), FakeVendorPki.NOW);

    assertThat(verdict.accepted()).isFalse();
    assertThat(check(verdict.checks(), "report signature").passed()).isTrue();
    assertThat(check(verdict.checks(), "certificate chain").detail())
        .contains("chains to no pinned AMD root", "Milan", "Genoa", "Turin");
  }
}
