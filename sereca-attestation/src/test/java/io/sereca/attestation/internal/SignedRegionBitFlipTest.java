package io.sereca.attestation.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.sereca.attestation.Collateral;
import io.sereca.attestation.EvidenceVerifier;
import io.sereca.attestation.TeeTestData;
import io.sereca.attestation.Verdict;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Flipping any single bit of what the signatures and chains cover makes verification fail: the
 * signed header and body, the quote signature, the attestation key, the QE report and its
 * signature, the QE auth data, and the certificate bytes. Positions are sampled with a fixed seed;
 * the signatures and the attestation key are flipped at every byte.
 */
class SignedRegionBitFlipTest {

  private static final Instant LATER = Instant.parse("2026-03-01T00:00:00Z");

  static Stream<Arguments> intelQuotes() {
    return Stream.of(
        Arguments.of(TeeTestData.SGX_QUOTE, TeeTestData.PINNED),
        Arguments.of(TeeTestData.TDX_QUOTE, TeeTestData.PINNED),
        Arguments.of(TeeTestData.TDX_SPR, TeeTestData.PINNED),
        Arguments.of(TeeTestData.TDX_V5, LATER));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("intelQuotes")
  void everyFlippedBitOfAnIntelQuoteIsRefused(String file, Instant at) throws Exception {
    byte[] quote = TeeTestData.bytes(file);
    IntelQuote parsed = IntelQuote.parse(quote);
    Random random = new Random(file.hashCode());
    List<Integer> positions = new ArrayList<>();
    int signedEnd = parsed.signedRegion.length;
    sample(positions, random, 0, signedEnd, 120);
    every(positions, signedEnd + 4, 64);                       // quote signature
    every(positions, parsed.attestationKeyOffset, 64);         // attestation key
    sample(positions, random, parsed.qeReportOffset, 384, 60); // QE report
    every(positions, parsed.qeReportOffset + 384, 64);         // QE report signature
    int authData = parsed.qeReportOffset + 384 + 64 + 2;
    sample(positions, random, authData, parsed.qeAuthData.length, 16);
    certificateCharacters(positions, random, quote, parsed.pckChainOffset, parsed.pckChainLength, 120);

    assertEveryFlipRefused(quote, positions, random, Collateral.none(), at);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("intelQuotes")
  void theUnflippedQuoteIsAccepted(String file, Instant at) {
    // The control for the test above: it is the flip, not the setting, that is refused.
    assertThat(EvidenceVerifier.create().checkGenuine(TeeTestData.bytes(file), null, Collateral.none(), at)
        .accepted()).isTrue();
  }

  @org.junit.jupiter.api.Test
  void everyFlippedBitOfAnSnpReportOrItsVcekIsRefused() throws Exception {
    byte[] report = TeeTestData.bytes(TeeTestData.SNP_REPORT);
    byte[] vcek = TeeTestData.bytes(TeeTestData.SNP_VCEK);
    Random random = new Random(7);
    List<Integer> positions = new ArrayList<>();
    sample(positions, random, 0, 0x2A0, 200);
    every(positions, 0x2A0, 144); // r and s, including their zero upper halves
    assertEveryFlipRefused(report, positions, random, Collateral.parse(vcek, "vcek"), TeeTestData.PINNED);

    EvidenceVerifier verifier = EvidenceVerifier.create();
    assertThat(verifier.checkGenuine(report, null, Collateral.parse(vcek, "vcek"), TeeTestData.PINNED).accepted())
        .isTrue();
    for (int i = 0; i < 200; i++) {
      int position = random.nextInt(vcek.length);
      byte[] flipped = vcek.clone();
      flipped[position] ^= (byte) (1 << random.nextInt(8));
      Collateral collateral;
      try {
        collateral = Collateral.parse(flipped, "flipped vcek");
      } catch (io.sereca.attestation.InvalidCollateralException e) {
        continue; // no longer a certificate: refused before verification
      }
      assertThat(verifier.checkGenuine(report, null, collateral, TeeTestData.PINNED).accepted())
          .as("VCEK bit flipped at offset %d", position).isFalse();
    }
  }

  private static void assertEveryFlipRefused(byte[] evidence, List<Integer> positions, Random random,
      Collateral collateral, Instant at) {
    EvidenceVerifier verifier = EvidenceVerifier.create();
    assertThat(positions).hasSizeGreaterThan(100);
    for (int position : positions) {
      int bit = random.nextInt(8);
      byte[] flipped = evidence.clone();
      flipped[position] ^= (byte) (1 << bit);
      Verdict verdict = verifier.checkGenuine(flipped, null, collateral, at);
      assertThat(verdict.accepted()).as("bit %d flipped at offset %d", bit, position).isFalse();
    }
  }

  private static void sample(List<Integer> positions, Random random, int from, int length, int count) {
    for (int i = 0; i < count && length > 0; i++) {
      positions.add(from + random.nextInt(length));
    }
  }

  private static void every(List<Integer> positions, int from, int length) {
    for (int i = 0; i < length; i++) {
      positions.add(from + i);
    }
  }

  /**
   * Positions of Base64 characters in the PEM chain that carry certificate bits. Line breaks and
   * the BEGIN/END lines are not certificate bytes (the JDK's PEM reader skips stray characters),
   * nor is the character before '=' padding, whose low bits are discarded by Base64.
   */
  private static void certificateCharacters(List<Integer> positions, Random random, byte[] quote, int from,
      int length, int count) {
    List<Integer> candidates = new ArrayList<>();
    for (int i = from; i < from + length; i++) {
      char c = (char) quote[i];
      boolean base64 = Character.isLetterOrDigit(c) || c == '+' || c == '/';
      boolean beforePadding = i + 1 < from + length && quote[i + 1] == '=';
      if (base64 && !beforePadding && !inDashLine(quote, i, from)) {
        candidates.add(i);
      }
    }
    for (int i = 0; i < count; i++) {
      positions.add(candidates.get(random.nextInt(candidates.size())));
    }
  }

  /** Whether position {@code i} is on a "-----BEGIN/END ...-----" line. */
  private static boolean inDashLine(byte[] data, int i, int from) {
    int start = i;
    while (start > from && data[start - 1] != '\n') {
      start--;
    }
    return data[start] == '-';
  }
}
