package io.sereca.attestation;

import static io.sereca.attestation.Fixtures.IDENTITY;
import static io.sereca.attestation.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulatedEvidenceTest {

  private static final int VERSION_OFFSET = 8;
  private static final int TEE_TYPE_OFFSET = 10;
  private static final int FLAGS_OFFSET = 79;
  private static final int CERT_COUNT_OFFSET = 152;

  @TempDir Path dir;
  private SimulationAuthority authority;
  private byte[] valid;

  @BeforeEach
  void issueValidEvidence() throws Exception {
    authority = Fixtures.authority(dir);
    valid = authority.issue(IDENTITY, Fixtures.reportData(0x5A));
  }

  @Test
  void parsesEveryFieldThatWasIssued() throws Exception {
    Evidence evidence = SimulatedEvidence.parse(valid);

    assertThat(evidence.teeType()).isEqualTo(TeeType.SIMULATED);
    assertThat(evidence.simulated()).isTrue();
    assertThat(evidence.identity()).isEqualTo(IDENTITY);
    assertThat(evidence.reportData()).isEqualTo(Fixtures.reportData(0x5A));
    assertThat(evidence.issuedAt()).isEqualTo(T0);
    assertThat(evidence.platformChain())
        .containsExactly(authority.platformCertificate(), authority.rootCertificate());
  }

  @Test
  void layoutStartsWithMagicVersionAndTeeTypeAtDocumentedOffsets() {
    assertThat(new String(valid, 0, 8, StandardCharsets.US_ASCII)).isEqualTo("SRCAEVD1");
    assertThat(ByteBuffer.wrap(valid, VERSION_OFFSET, 2).getShort()).isEqualTo((short) 1);
    assertThat(valid[TEE_TYPE_OFFSET]).isEqualTo((byte) 0);
    assertThat(Arrays.copyOfRange(valid, 11, 43)).isEqualTo(IDENTITY.measurement());
    assertThat(Arrays.copyOfRange(valid, 43, 75)).isEqualTo(IDENTITY.signer());
    assertThat(ByteBuffer.wrap(valid, 144, 8).getLong()).isEqualTo(T0.toEpochMilli());
    assertThat(ByteBuffer.wrap(valid, CERT_COUNT_OFFSET, 2).getShort()).isEqualTo((short) 2);
  }

  @Test
  void debugFlagIsCarriedInBitZero() throws Exception {
    byte[] debug = authority.issue(Fixtures.identity(1, 2, 3, 4, true), Fixtures.reportData(0));

    assertThat(debug[FLAGS_OFFSET]).isEqualTo((byte) 1);
    assertThat(SimulatedEvidence.parse(debug).identity().debug()).isTrue();
  }

  @Test
  void refusesUnknownMagic() {
    byte[] bytes = valid.clone();
    bytes[0] = 'X';
    assertMalformed(bytes, "unknown magic");
  }

  @Test
  void refusesUnsupportedVersion() {
    byte[] bytes = valid.clone();
    bytes[VERSION_OFFSET + 1] = 2;
    assertMalformed(bytes, "unsupported version 2");
  }

  @Test
  void refusesNonSimulatedTeeType() {
    byte[] bytes = valid.clone();
    bytes[TEE_TYPE_OFFSET] = 1;
    assertMalformed(bytes, "teeType 1 not valid in simulated evidence");
  }

  @Test
  void refusesUnknownFlags() {
    byte[] bytes = valid.clone();
    bytes[FLAGS_OFFSET] = 0x02;
    assertMalformed(bytes, "unknown flags 0x02");
  }

  @Test
  void namesTheFieldAndOffsetWhereEvidenceIsTruncated() {
    assertMalformed(Arrays.copyOf(valid, 42), "evidence truncated in field 'measurement' at offset 11");
    assertMalformed(Arrays.copyOf(valid, 100), "evidence truncated in field 'reportData' at offset 80");
  }

  @Test
  void refusesCertificateCountOutOfRange() {
    byte[] nine = valid.clone();
    nine[CERT_COUNT_OFFSET + 1] = 9;
    assertMalformed(nine, "certificate count 9 out of range 1..4");
    byte[] zero = valid.clone();
    zero[CERT_COUNT_OFFSET + 1] = 0;
    assertMalformed(zero, "certificate count 0 out of range 1..4");
  }

  @Test
  void refusesCertificateLengthOutOfRange() {
    byte[] bytes = valid.clone();
    ByteBuffer.wrap(bytes).putShort(CERT_COUNT_OFFSET + 2, (short) 5000);
    assertMalformed(bytes, "certificate 0 length 5000 out of range 1..4096");
  }

  @Test
  void refusesCertificateThatIsNotDer() {
    byte[] bytes = valid.clone();
    bytes[CERT_COUNT_OFFSET + 4] = 0x05; // the DER SEQUENCE tag of the first certificate
    assertMalformed(bytes, "field 'platformChain[0]' is not");
  }

  @Test
  void refusesSignatureLengthOutOfRange() {
    byte[] bytes = valid.clone();
    int signatureLength = bytes.length - signatureLengthOffset(bytes) - 2;
    assertThat(signatureLength).isBetween(8, 72);
    ByteBuffer.wrap(bytes).putShort(signatureLengthOffset(bytes), (short) 200);
    assertMalformed(bytes, "signature length 200 out of range 8..72");
  }

  @Test
  void refusesTrailingBytes() {
    assertMalformed(Arrays.copyOf(valid, valid.length + 3), "trailing bytes: 3 after the signature");
  }

  @Test
  void refusesOversizedInputBeforeParsing() {
    byte[] huge = Arrays.copyOf(valid, 1 << 20);
    assertMalformed(huge, "evidence too large");
  }

  @Test
  void refusesNullAndEmptyInput() {
    assertMalformed(null, "evidence is empty");
    assertMalformed(new byte[0], "evidence is empty");
  }

  @Test
  void everyTruncationIsReportedAsTruncated() {
    for (int length = 1; length < valid.length; length++) {
      byte[] cut = Arrays.copyOf(valid, length);
      assertThatThrownBy(() -> SimulatedEvidence.parse(cut))
          .as("truncated to %d bytes", length)
          .isInstanceOf(MalformedEvidenceException.class)
          .hasMessageContaining("truncated");
    }
  }

  @Test
  void fuzzedInputOnlyEverFailsWithMalformedEvidenceException() {
    Random random = new Random(0x5E8ECAL);
    List<byte[]> cases = new ArrayList<>();
    for (int i = 0; i < valid.length; i++) {
      for (int mask : new int[] {0x01, 0x80, 0xFF}) {
        byte[] mutated = valid.clone();
        mutated[i] ^= (byte) mask;
        cases.add(mutated);
      }
    }
    for (int i = 0; i < 2_000; i++) {
      byte[] spliced = valid.clone();
      int start = random.nextInt(valid.length);
      int length = 1 + random.nextInt(Math.min(16, valid.length - start));
      byte[] noise = new byte[length];
      random.nextBytes(noise);
      System.arraycopy(noise, 0, spliced, start, length);
      cases.add(spliced);
      byte[] noiseAfterMagic = new byte[random.nextInt(2_000)];
      random.nextBytes(noiseAfterMagic);
      System.arraycopy(valid, 0, noiseAfterMagic, 0, Math.min(10, noiseAfterMagic.length));
      cases.add(noiseAfterMagic);
    }
    int malformed = 0;
    int parsed = 0;
    List<String> unexpected = new ArrayList<>();
    for (byte[] input : cases) {
      try {
        SimulatedEvidence.parse(input);
        parsed++;
      } catch (MalformedEvidenceException e) {
        malformed++;
        if (e.getMessage() == null || e.getMessage().isBlank()) {
          unexpected.add("blank message");
        }
      } catch (RuntimeException e) {
        unexpected.add(e.toString());
      }
    }
    assertThat(cases).hasSizeGreaterThan(6_000);
    assertThat(unexpected).isEmpty();
    // Both outcomes must be exercised for the run to mean anything.
    assertThat(malformed).isGreaterThan(2_000);
    assertThat(parsed).isGreaterThan(1_000);
  }

  private static int signatureLengthOffset(byte[] evidence) {
    ByteBuffer in = ByteBuffer.wrap(evidence);
    int offset = CERT_COUNT_OFFSET;
    int count = in.getShort(offset) & 0xFFFF;
    offset += 2;
    for (int i = 0; i < count; i++) {
      offset += 2 + (in.getShort(offset) & 0xFFFF);
    }
    return offset;
  }

  private static void assertMalformed(byte[] bytes, String message) {
    assertThatThrownBy(() -> SimulatedEvidence.parse(bytes))
        .isInstanceOf(MalformedEvidenceException.class)
        .hasMessageContaining(message);
  }
}
