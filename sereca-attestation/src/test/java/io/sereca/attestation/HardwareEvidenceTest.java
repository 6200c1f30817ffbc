package io.sereca.attestation;

import static io.sereca.attestation.TeeTestData.PINNED;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Real public SGX, TDX and SEV-SNP evidence verifies, and the policy is applied to it. */
class HardwareEvidenceTest {

  /** After the v5 sample's PCK certificate was issued (2026-01-27); no collateral is involved. */
  static final Instant LATER = Instant.parse("2026-03-01T00:00:00Z");

  private final EvidenceVerifier verifier = EvidenceVerifier.create();

  static Stream<Arguments> everyFile() {
    return Stream.of(
        Arguments.of(TeeTestData.SGX_QUOTE, TeeTestData.SGX_COLLATERAL, PINNED, TeeType.SGX, 20),
        Arguments.of(TeeTestData.TDX_QUOTE, TeeTestData.TDX_COLLATERAL, PINNED, TeeType.TDX, 21),
        Arguments.of(TeeTestData.TDX_SPR, null, PINNED, TeeType.TDX, 7),
        Arguments.of(TeeTestData.TDX_V5, null, LATER, TeeType.TDX, 7),
        Arguments.of(TeeTestData.SNP_REPORT, TeeTestData.SNP_VCEK, PINNED, TeeType.SEV_SNP, 5));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("everyFile")
  void everyPublicEvidenceFileIsGenuine(String file, String collateral, Instant at, TeeType type, int checks) {
    Collateral supplied = collateral == null ? Collateral.none() : TeeTestData.collateral(collateral);

    Verdict verdict = verifier.checkGenuine(TeeTestData.bytes(file), null, supplied, at);

    assertThat(verdict.accepted()).as(verdict.checks().toString()).isTrue();
    assertThat(verdict.checks()).hasSize(checks).allMatch(VerificationCheck::passed);
    assertThat(verdict.evidence().orElseThrow().teeType()).isEqualTo(type);
    // The explicit type gives the same result as recognising the format.
    assertThat(verifier.checkGenuine(TeeTestData.bytes(file), type, supplied, at).checks())
        .isEqualTo(verdict.checks());
  }

  @Test
  void sgxQuoteFieldsAndTcbStatusMatchDcapQvl() {
    Verdict verdict = verifier.checkGenuine(TeeTestData.bytes(TeeTestData.SGX_QUOTE), TeeType.SGX,
        TeeTestData.collateral(TeeTestData.SGX_COLLATERAL), PINNED);

    SgxIdentity sgx = (SgxIdentity) verdict.evidence().orElseThrow().teeIdentity().orElseThrow();
    assertThat(sgx.quoteVersion()).isEqualTo(3);
    assertThat(new String(sgx.reportData(), 0, 13, StandardCharsets.US_ASCII)).isEqualTo("Hello, world!");
    assertThat(sgx.measurementHex()).isEqualTo("33d8736db756ed4997e04ba358d27833188f1932ff7b1d156904d3f560452fbb");
    assertThat(sgx.mrSignerHex()).isEqualTo("815f42f11cf64430c30bab7816ba596a1da0130c3b028b673133a66cf9a3e0e6");
    assertThat(sgx.debug()).isFalse();
    // dcap-qvl's own test of this quote and collateral expects this status.
    assertThat(verdict.tcbStatus()).contains(TcbStatus.CONFIGURATION_AND_SW_HARDENING_NEEDED);
    assertThat(verdict.checks()).anySatisfy(c -> assertThat(c.toString())
        .isEqualTo("PCK SGX extensions: PASS: FMSPC 00A067110000, PCE SVN 13, SGX TCB components "
            + "[11,11,2,2,255,1,0,0,0,0,0,0,0,0,0,0]"));
  }

  @Test
  void tdxQuotesExposeTheirMeasurementRegisters() {
    Verdict v4 = verifier.checkGenuine(TeeTestData.bytes(TeeTestData.TDX_QUOTE), null,
        TeeTestData.collateral(TeeTestData.TDX_COLLATERAL), PINNED);
    TdxIdentity td = (TdxIdentity) v4.evidence().orElseThrow().teeIdentity().orElseThrow();
    assertThat(td.quoteVersion()).isEqualTo(4);
    assertThat(td.td15()).isFalse();
    assertThat(td.measurementHex()).startsWith("91eb2b44d141d4ece09f0c75c2c53d24").hasSize(96);
    assertThat(td.rtmrHex(3)).isEqualTo("00".repeat(48));
    assertThat(td.debug()).isFalse();
    assertThat(v4.tcbStatus()).contains(TcbStatus.UP_TO_DATE);

    Verdict v5 = verifier.checkGenuine(TeeTestData.bytes(TeeTestData.TDX_V5), null, Collateral.none(), LATER);
    TdxIdentity td15 = (TdxIdentity) v5.evidence().orElseThrow().teeIdentity().orElseThrow();
    assertThat(td15.quoteVersion()).isEqualTo(5);
    assertThat(td15.td15()).isTrue();
    assertThat(td15.fields()).containsEntry("TEE_TCB_SVN2", "0d010400000000000000000000000000");
    assertThat(v5.tcbStatus()).isEmpty();
  }

  @Test
  void snpReportExposesItsFieldsAndNeedsTheVcek() {
    byte[] report = TeeTestData.bytes(TeeTestData.SNP_REPORT);
    Verdict verdict = verifier.checkGenuine(report, TeeType.SEV_SNP,
        TeeTestData.collateral(TeeTestData.SNP_VCEK), PINNED);
    SnpIdentity snp = (SnpIdentity) verdict.evidence().orElseThrow().teeIdentity().orElseThrow();
    assertThat(snp.version()).isEqualTo(2);
    assertThat(snp.vmpl()).isZero();
    assertThat(snp.debug()).isFalse();
    assertThat(snp.signingKey()).isEqualTo(SnpIdentity.SIGNING_KEY_VCEK);
    assertThat(snp.measurementHex()).startsWith("7a1e5c266c0108dbc9bb94fa92695132").hasSize(96);

    Verdict withoutVcek = verifier.checkGenuine(report, TeeType.SEV_SNP, Collateral.none(), PINNED);
    assertThat(withoutVcek.accepted()).isFalse();
    assertThat(withoutVcek.reasons()).singleElement().asString()
        .startsWith("signing key: the report is signed by a VCEK, which is not in the report");
  }

  @Test
  void collateralIsRefusedAfterItExpires() {
    Verdict verdict = verifier.checkGenuine(TeeTestData.bytes(TeeTestData.SGX_QUOTE), null,
        TeeTestData.collateral(TeeTestData.SGX_COLLATERAL), Instant.parse("2025-07-20T00:00:00Z"));

    assertThat(verdict.accepted()).isFalse();
    assertThat(verdict.reasons()).anyMatch(r -> r.startsWith("collateral: TCB info validity: not valid at"))
        .anyMatch(r -> r.startsWith("collateral: QE identity validity: not valid at"))
        .anyMatch(r -> r.startsWith("collateral: CRLs:"));
    assertThat(verdict.tcbStatus()).isEmpty();
  }

  @Test
  void collateralForAnotherPlatformDoesNotApply() {
    Verdict verdict = verifier.checkGenuine(TeeTestData.bytes(TeeTestData.TDX_SPR), null,
        TeeTestData.collateral(TeeTestData.TDX_COLLATERAL), PINNED);

    assertThat(verdict.accepted()).isFalse();
    assertThat(verdict.reasons()).contains(
        "collateral: TCB info applies: is for FMSPC B0C06F000000, the PCK certificate has 50806F000000");
  }

  @Test
  void aTypeHintThatDoesNotMatchIsAParseFailure() {
    Verdict verdict = verifier.checkGenuine(TeeTestData.bytes(TeeTestData.TDX_QUOTE), TeeType.SGX,
        Collateral.none(), PINNED);

    assertThat(verdict.evidence()).isEmpty();
    assertThat(verdict.reasons()).containsExactly(
        "malformed evidence: Intel quote: field 'tee_type' at offset 4: the quote is TDX, not SGX");
  }

  @Test
  void thePolicyAdmitsTheSgxQuoteOnlyWithEveryRuleMet() {
    byte[] quote = TeeTestData.bytes(TeeTestData.SGX_QUOTE);
    Collateral collateral = TeeTestData.collateral(TeeTestData.SGX_COLLATERAL);
    SgxIdentity sgx = (SgxIdentity) verifier.checkGenuine(quote, null, collateral, PINNED)
        .evidence().orElseThrow().teeIdentity().orElseThrow();
    AttestationPolicy policy = new AttestationPolicy()
        .addAllowedSigner(AllowedSigner.create(sgx.mrSignerHex(), 0, 0))
        .setExpectedReportData(sgx.reportData())
        .setAcceptedTcbStatuses(List.of(TcbStatus.UP_TO_DATE, TcbStatus.CONFIGURATION_AND_SW_HARDENING_NEEDED));

    Verdict accepted = verifier.verify(quote, null, collateral, policy, PINNED);
    assertThat(accepted.accepted()).as(accepted.describe()).isTrue();

    // The defaults accept only UpToDate platforms.
    Verdict defaults = verifier.verify(quote, null, collateral,
        new AttestationPolicy(policy).setAcceptedTcbStatuses(AttestationPolicy.DEFAULT_ACCEPTED_TCB_STATUSES), PINNED);
    assertThat(defaults.reasons()).containsExactly("TCB status ConfigurationAndSWHardeningNeeded not accepted: "
        + "policy.acceptedTcbStatuses is [UpToDate]");

    // Without collateral the status is unknown, which no policy accepts.
    Verdict noCollateral = verifier.verify(quote, null, Collateral.none(), policy, PINNED);
    assertThat(noCollateral.reasons()).singleElement().asString().startsWith("TCB status unknown");

    // Without the nonce binding, hardware evidence cannot be shown to be fresh.
    Verdict noNonce = verifier.verify(quote, null, collateral, new AttestationPolicy(policy).setExpectedReportData(null),
        PINNED);
    assertThat(noNonce.reasons()).singleElement().asString().startsWith("hardware evidence carries no time");

    byte[] other = sgx.reportData();
    other[63] ^= 1;
    Verdict wrongNonce = verifier.verify(quote, null, collateral,
        new AttestationPolicy(policy).setExpectedReportData(other), PINNED);
    assertThat(wrongNonce.reasons()).containsExactly("report data does not match the expected nonce binding");
  }

  @Test
  void tdxAndSnpAreMatchedByTheir48ByteMeasurements() {
    byte[] tdx = TeeTestData.bytes(TeeTestData.TDX_QUOTE);
    Collateral collateral = TeeTestData.collateral(TeeTestData.TDX_COLLATERAL);
    TeeIdentity td = verifier.checkGenuine(tdx, null, collateral, PINNED).evidence().orElseThrow()
        .teeIdentity().orElseThrow();
    AttestationPolicy policy = new AttestationPolicy().addAllowedMeasurement(td.measurementHex())
        .setExpectedReportData(td.reportData());

    assertThat(verifier.verify(tdx, null, collateral, policy, PINNED).accepted()).isTrue();

    byte[] snp = TeeTestData.bytes(TeeTestData.SNP_REPORT);
    Collateral vcek = TeeTestData.collateral(TeeTestData.SNP_VCEK);
    Verdict refused = verifier.verify(snp, null, vcek, policy, PINNED);
    TeeIdentity measured = refused.evidence().orElseThrow().teeIdentity().orElseThrow();
    assertThat(refused.reasons()).containsExactly("measurement " + measured.measurementHex() + " not allowed",
        "report data does not match the expected nonce binding");

    AttestationPolicy snpPolicy = new AttestationPolicy().addAllowedMeasurement(measured.measurementHex())
        .setExpectedReportData(measured.reportData());
    assertThat(verifier.verify(snp, null, vcek, snpPolicy, PINNED).accepted()).isTrue();
    // The signer rules are SGX's; an SNP guest is not admitted by one.
    AttestationPolicy signersOnly = new AttestationPolicy()
        .addAllowedSigner(AllowedSigner.create("00".repeat(32), 0, 0)).setExpectedReportData(measured.reportData());
    assertThat(verifier.verify(snp, null, vcek, signersOnly, PINNED).reasons()).singleElement().asString()
        .startsWith("policy admits no SEV_SNP evidence: allowedMeasurements is empty");
  }

  @Test
  void aDebugEnclaveIsRefusedByDefault() throws Exception {
    byte[] quote = TeeTestData.bytes(TeeTestData.SGX_QUOTE);
    byte[] debug = Arrays.copyOf(quote, quote.length);
    debug[48 + 48] |= (byte) SgxIdentity.FLAG_DEBUG;

    Verdict verdict = verifier.verify(debug, null, TeeTestData.collateral(TeeTestData.SGX_COLLATERAL),
        new AttestationPolicy().addAllowedMeasurement(HexFormat.of().formatHex(new byte[32])), PINNED);

    assertThat(verdict.evidence().orElseThrow().teeIdentity().orElseThrow().debug()).isTrue();
    // The bit is inside the signed region, so the quote signature fails too.
    assertThat(verdict.reasons()).contains("debug enclave refused: policy.debugAllowed is false",
        "quote signature: header and report body not signed by the attestation key in the quote");
  }
}
