package io.sereca.attestation.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.sereca.attestation.Collateral;
import io.sereca.attestation.EvidenceVerifier;
import io.sereca.attestation.InvalidCollateralException;
import io.sereca.attestation.MalformedEvidenceException;
import io.sereca.attestation.TeeTestData;
import io.sereca.attestation.TeeType;
import io.sereca.attestation.Verdict;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;

/**
 * Random and mutated inputs never escape the parsers as anything but their own error, and the
 * verifier turns every one into a verdict.
 */
class ParserFuzzTest {

  private static final List<String> FILES = List.of(TeeTestData.SGX_QUOTE, TeeTestData.TDX_QUOTE,
      TeeTestData.TDX_SPR, TeeTestData.TDX_V5, TeeTestData.SNP_REPORT);

  private static byte[] file(String name) {
    try {
      return Files.readAllBytes(TeeTestData.directory().orElseThrow().resolve(name));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** A real file with a few bytes overwritten, a cut, or a repeated stretch. */
  @Provide
  Arbitrary<byte[]> mutatedEvidence() {
    Arbitrary<String> file = Arbitraries.of(FILES);
    Arbitrary<List<int[]>> edits = Arbitraries.integers().between(0, Integer.MAX_VALUE)
        .tuple3().map(t -> new int[] {t.get1(), t.get2(), t.get3()}).list().ofMinSize(1).ofMaxSize(8);
    return Combinators.combine(file, edits, Arbitraries.integers().between(0, 3)).as((name, list, mode) -> {
      byte[] data = file(name);
      for (int[] edit : list) {
        int at = edit[0] % Math.max(1, data.length);
        switch (mode) {
          case 0:
            data[at] = (byte) edit[1];
            break;
          case 1:
            data = Arrays.copyOf(data, at);
            break;
          case 2:
            // Lengths are the interesting places: write a large or boundary 32-bit value.
            int value = edit[1] % 3 == 0 ? edit[2] : edit[1] % 3 == 1 ? -1 : data.length - at;
            for (int i = 0; i < 4 && at + i < data.length; i++) {
              data[at + i] = (byte) (value >> (8 * i));
            }
            break;
          default:
            int from = edit[1] % Math.max(1, data.length);
            int length = Math.min(edit[2] % 64, data.length - from);
            byte[] grown = Arrays.copyOf(data, data.length + length);
            System.arraycopy(data, from, grown, data.length, length);
            data = grown;
        }
        if (data.length == 0) {
          break;
        }
      }
      return data;
    });
  }

  /** Random bytes that start like a quote or a report, so that the parsers get past the header. */
  @Provide
  Arbitrary<byte[]> headedRandomBytes() {
    Arbitrary<byte[]> body = Arbitraries.bytes().array(byte[].class).ofMinSize(0).ofMaxSize(6000);
    Arbitrary<Integer> kind = Arbitraries.integers().between(0, 4);
    return Combinators.combine(kind, body).as((k, bytes) -> {
      byte[] data = Arrays.copyOf(bytes, Math.max(bytes.length, k == 4 ? 1184 : 8));
      if (k == 4) {
        data[0] = 2;
        data[1] = 0;
        data[2] = 0;
        data[3] = 0;
        data[0x34] = 1;
        data[0x35] = 0;
        data[0x36] = 0;
        data[0x37] = 0;
      } else {
        data[0] = (byte) (3 + Math.min(k, 2));
        data[1] = 0;
        data[2] = 2;
        data[3] = 0;
        data[4] = (byte) (k == 0 ? 0 : 0x81);
        data[5] = 0;
        data[6] = 0;
        data[7] = 0;
      }
      return data;
    });
  }

  @Property(tries = 400)
  @AddLifecycleHook(RequiresTeeEvidence.class)
  void mutatedEvidenceOnlyEverFailsAsMalformed(@ForAll("mutatedEvidence") byte[] data) {
    Assume.that(data.length > 0);
    parseOrMalformed(data, null);
    parseOrMalformed(data, TeeType.SEV_SNP);
  }

  @Property(tries = 400)
  void randomBytesBehindAValidHeaderOnlyEverFailAsMalformed(@ForAll("headedRandomBytes") byte[] data) {
    parseOrMalformed(data, null);
  }

  @Property(tries = 150)
  @AddLifecycleHook(RequiresTeeEvidence.class)
  void theVerifierTurnsEveryMutationIntoAVerdict(@ForAll("mutatedEvidence") byte[] data) {
    Verdict verdict = EvidenceVerifier.create().checkGenuine(data, null, Collateral.none(), TeeTestData.PINNED);
    // Mutations of real evidence are almost never genuine; a verdict, not an exception, is the point.
    assertThat(verdict.accepted() || !verdict.reasons().isEmpty()).isTrue();
  }

  @Property(tries = 200)
  @AddLifecycleHook(RequiresTeeEvidence.class)
  void mutatedCollateralOnlyEverFailsAsInvalidCollateral(@ForAll("mutatedCollateral") byte[] data) {
    try {
      Collateral.parse(data, "fuzzed");
    } catch (InvalidCollateralException e) {
      assertThat(e.getMessage()).startsWith("fuzzed");
    }
  }

  @Provide
  Arbitrary<byte[]> mutatedCollateral() {
    Arbitrary<String> file = Arbitraries.of(TeeTestData.SGX_COLLATERAL, TeeTestData.SNP_VCEK,
        "snp/trustee_milan_ask_ark_asvk.pem");
    return Combinators.combine(file, Arbitraries.integers().between(0, Integer.MAX_VALUE).list().ofMinSize(1)
        .ofMaxSize(6), Arbitraries.bytes()).as((name, positions, value) -> {
          byte[] data = file(name);
          for (int p : positions) {
            data[p % data.length] = value;
          }
          return data;
        });
  }

  private static void parseOrMalformed(byte[] data, TeeType type) {
    try {
      ParsedEvidence parsed = EvidenceFormats.parse(data, type);
      assertThat(parsed.evidence()).isNotNull();
    } catch (MalformedEvidenceException e) {
      assertThat(e.getMessage()).isNotBlank();
    }
  }
}
