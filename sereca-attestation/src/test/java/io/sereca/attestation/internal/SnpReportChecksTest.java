package io.sereca.attestation.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.sereca.attestation.VerificationCheck;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * The SEV-SNP checks on reports signed under a generated AMD-like PKI, so that each test changes
 * one thing: the reported TCB, the signing key (VLEK through the ASVK), Turin's TCB layout.
 */
class SnpReportChecksTest {

  @Test
  void anSnpReportWhoseReportedTcbDiffersFromTheVcekIsRefused() throws Exception {
    FakeAmd amd = FakeAmd.create(FakeAmd.MILAN_TCB);
    // SNP firmware SPL 9 claimed, the VCEK was issued for 8; the report is validly signed.
    long claimed = FakeAmd.MILAN_TCB + (1L << 48);
    Authentication refused = amd.authenticate(amd.signedReport(claimed));
    Authentication control = amd.authenticate(amd.signedReport(FakeAmd.MILAN_TCB));

    Predicate<VerificationCheck> tcb = c -> c.name().equals("reported TCB");
    assertThat(refused.checks()).filteredOn(tcb).singleElement()
        .satisfies(c -> assertThat(c.passed()).isFalse())
        .satisfies(c -> assertThat(c.detail()).contains("snp=9", "does not match", "snp=8"));
    assertThat(refused.checks()).filteredOn(c -> !tcb.test(c)).allMatch(VerificationCheck::passed);
    assertThat(control.checks()).allMatch(VerificationCheck::passed);
  }

  @Test
  void aVlekSignedReportVerifiesThroughTheAsvk() throws Exception {
    FakeAmd amd = FakeAmd.create("Genoa", true, FakeAmd.MILAN_TCB);

    Authentication a = amd.authenticate(amd.signedReport(FakeAmd.MILAN_TCB));

    assertThat(a.checks()).allMatch(VerificationCheck::passed)
        .extracting(VerificationCheck::name).doesNotContain("chip id");
    assertThat(a.checks()).anySatisfy(c -> assertThat(c.detail()).isEqualTo(
        "VLEK <- ASVK <- ARK-Genoa (pinned " + Fingerprints.sha256(amd.ark) + ")"));
  }

  @Test
  void turinReportsAreReadInTurinsTcbLayoutWithTheFmc() throws Exception {
    FakeAmd amd = FakeAmd.create("Turin", false, FakeAmd.TURIN_TCB);

    Authentication matching = amd.authenticate(amd.signedReport(FakeAmd.TURIN_TCB));
    Authentication otherFmc = amd.authenticate(amd.signedReport(FakeAmd.TURIN_TCB + 1));

    assertThat(matching.checks()).allMatch(VerificationCheck::passed);
    assertThat(matching.checks()).anySatisfy(c -> assertThat(c.detail())
        .startsWith("REPORTED_TCB fmc=1 bootloader=3 tee=0 snp=8 microcode=115 matches"));
    assertThat(otherFmc.checks()).filteredOn(c -> c.name().equals("reported TCB")).singleElement()
        .satisfies(c -> assertThat(c.detail()).contains("fmc=2", "does not match", "fmc=1"));
  }
}
