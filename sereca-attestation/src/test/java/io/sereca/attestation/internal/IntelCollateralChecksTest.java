package io.sereca.attestation.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.sereca.attestation.TcbStatus;
import io.sereca.attestation.VerificationCheck;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** TCB status, QE identity and revocation on an Intel-like PKI whose every input the test sets. */
class IntelCollateralChecksTest {

  private static final String ZERO_SIGNER = "00".repeat(32);
  private static final Object[] TOP = {5, 10, "UpToDate"};
  private static final Object[] MIDDLE = {3, 10, "SWHardeningNeeded"};
  private static final Object[] LOW = {2, 5, "OutOfDate"};

  private static VerificationCheck check(Authentication a, String name) {
    return a.checks().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void theFirstLevelThePlatformReachesGivesItsStatus() throws Exception {
    String info = FakeIntel.tcbInfo(TOP, MIDDLE, LOW);
    FakeIntel atTop = new FakeIntel(5, 10);
    FakeIntel inMiddle = new FakeIntel(4, 10);
    FakeIntel oldPce = new FakeIntel(5, 9);

    Authentication top = atTop.authenticate(atTop.quote(), atTop.collateral(info, FakeIntel.qeIdentity(ZERO_SIGNER)));
    Authentication middle = inMiddle.authenticate(inMiddle.quote(),
        inMiddle.collateral(info, FakeIntel.qeIdentity(ZERO_SIGNER)));
    Authentication pce = oldPce.authenticate(oldPce.quote(), oldPce.collateral(info, FakeIntel.qeIdentity(ZERO_SIGNER)));

    assertThat(top.checks()).allMatch(VerificationCheck::passed);
    assertThat(top.tcbStatus()).isEqualTo(TcbStatus.UP_TO_DATE);
    assertThat(middle.tcbStatus()).isEqualTo(TcbStatus.SW_HARDENING_NEEDED);
    // Every component reaches the top level, but the PCE SVN does not: the lowest level applies.
    assertThat(pce.tcbStatus()).isEqualTo(TcbStatus.OUT_OF_DATE);
  }

  @Test
  void aPlatformBelowEveryLevelIsNotSupported() throws Exception {
    FakeIntel old = new FakeIntel(1, 10);

    Authentication a = old.authenticate(old.quote(),
        old.collateral(FakeIntel.tcbInfo(TOP, LOW), FakeIntel.qeIdentity(ZERO_SIGNER)));

    assertThat(a.tcbStatus()).isNull();
    assertThat(check(a, "TCB level").detail()).contains("below every TCB level");
  }

  @Test
  void aRevokedPckMakesTheStatusRevoked() throws Exception {
    FakeIntel intel = new FakeIntel(5, 10);

    Authentication a = intel.authenticate(intel.quote(), intel.collateral(FakeIntel.tcbInfo(TOP),
        FakeIntel.qeIdentity(ZERO_SIGNER), intel.pck.getSerialNumber()));

    assertThat(a.tcbStatus()).isEqualTo(TcbStatus.REVOKED);
    assertThat(check(a, "PCK revocation").passed()).isFalse();
    assertThat(check(a, "PCK revocation").detail()).endsWith("is revoked");
  }

  @Test
  void aQuotingEnclaveThatIsNotIntelsIsRefused() throws Exception {
    FakeIntel intel = new FakeIntel(5, 10);

    Authentication a = intel.authenticate(intel.quote(),
        intel.collateral(FakeIntel.tcbInfo(TOP), FakeIntel.qeIdentity("ab".repeat(32))));

    assertThat(check(a, "QE identity").passed()).isFalse();
    assertThat(check(a, "QE identity").detail()).contains("MRSIGNER " + ZERO_SIGNER + " is not " + "ab".repeat(32));
    assertThat(a.tcbStatus()).isNull();
  }

  @Test
  void tcbInfoChangedAfterSigningIsRefused() throws Exception {
    FakeIntel intel = new FakeIntel(4, 10);
    String signed = FakeIntel.tcbInfo(TOP, MIDDLE);
    byte[] collateral = intel.collateral(signed, FakeIntel.qeIdentity(ZERO_SIGNER));
    // Promote the middle level to UpToDate without re-signing.
    String forged = new String(collateral, StandardCharsets.UTF_8).replace("SWHardeningNeeded", "UpToDate");

    Authentication a = intel.authenticate(intel.quote(), forged.getBytes(StandardCharsets.UTF_8));

    assertThat(check(a, "collateral: TCB info signature").passed()).isFalse();
    assertThat(a.tcbStatus()).isNull();
  }

  @Test
  void anOutOfDateQuotingEnclaveDragsAnUpToDatePlatformDown() {
    assertThat(IntelCollateralChecks.converge(TcbStatus.UP_TO_DATE, TcbStatus.OUT_OF_DATE))
        .isEqualTo(TcbStatus.OUT_OF_DATE);
    assertThat(IntelCollateralChecks.converge(TcbStatus.CONFIGURATION_NEEDED, TcbStatus.OUT_OF_DATE))
        .isEqualTo(TcbStatus.OUT_OF_DATE_CONFIGURATION_NEEDED);
    assertThat(IntelCollateralChecks.converge(TcbStatus.SW_HARDENING_NEEDED, TcbStatus.UP_TO_DATE))
        .isEqualTo(TcbStatus.SW_HARDENING_NEEDED);
    assertThat(IntelCollateralChecks.converge(TcbStatus.UP_TO_DATE, TcbStatus.REVOKED))
        .isEqualTo(TcbStatus.REVOKED);
    assertThat(List.of(TcbStatus.values())).hasSize(7);
  }
}
