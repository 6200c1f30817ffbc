package io.sereca.attestation.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sereca.attestation.MalformedEvidenceException;
import io.sereca.attestation.TeeTestData;
import io.sereca.attestation.TeeType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Truncated, oversize and inconsistent quotes and reports fail with the field and offset named. */
class MalformedEvidenceTest {

  @Test
  void trailingBytesAfterTheDeclaredSignatureDataAreIgnored() throws Exception {
    byte[] quote = TeeTestData.bytes(TeeTestData.TDX_QUOTE);
    IntelQuote parsed = IntelQuote.parse(quote);
    // The file carries 70 zero bytes of padding after the quote.
    assertThat(quote.length - parsed.end).isEqualTo(70);
    assertThat(IntelQuote.parse(Arrays.copyOf(quote, parsed.end)).identity).isEqualTo(parsed.identity);
  }

  @Test
  void aTruncatedQuoteNamesTheFieldItBrokeOffIn() {
    byte[] quote = TeeTestData.bytes(TeeTestData.SGX_QUOTE);

    assertThatThrownBy(() -> EvidenceFormats.parse(Arrays.copyOf(quote, 300)))
        .isInstanceOf(MalformedEvidenceException.class)
        .hasMessage("Intel quote truncated in field 'report body' at offset 48 (needs 384 bytes, 252 left)");
    assertThatThrownBy(() -> EvidenceFormats.parse(Arrays.copyOf(quote, 1000)))
        .isInstanceOf(MalformedEvidenceException.class)
        .hasMessageStartingWith("Intel quote: field 'signature data length' at offset 432 declares ")
        .hasMessageEndingWith("bytes but only 564 follow");
  }

  @Test
  void everyTruncationOfEveryQuoteIsAParseError() {
    for (String file : new String[] {TeeTestData.SGX_QUOTE, TeeTestData.TDX_QUOTE, TeeTestData.TDX_V5}) {
      byte[] quote = TeeTestData.bytes(file);
      int end;
      try {
        end = IntelQuote.parse(quote).end;
      } catch (MalformedEvidenceException e) {
        throw new AssertionError(e);
      }
      for (int length = 8; length < end; length += 7) {
        byte[] cut = Arrays.copyOf(quote, length);
        assertThatThrownBy(() -> EvidenceFormats.parse(cut)).as("%s cut at %d", file, length)
            .isInstanceOf(MalformedEvidenceException.class)
            .hasMessageContaining("offset");
      }
    }
  }

  @Test
  void aV5BodySizeThatContradictsItsTypeIsRefused() {
    byte[] quote = TeeTestData.bytes(TeeTestData.TDX_V5).clone();
    ByteBuffer.wrap(quote).order(ByteOrder.LITTLE_ENDIAN).putInt(50, 584);

    assertThatThrownBy(() -> EvidenceFormats.parse(quote))
        .isInstanceOf(MalformedEvidenceException.class)
        .hasMessage("Intel quote: field 'body size' at offset 50: body type 3 is 648 bytes, declared 584");
  }

  @Test
  void certificationDataLargerThanItsEnclosureIsRefused() throws Exception {
    byte[] quote = TeeTestData.bytes(TeeTestData.TDX_QUOTE).clone();
    IntelQuote parsed = IntelQuote.parse(quote);
    int sizeField = parsed.pckChainOffset - 4;
    ByteBuffer.wrap(quote).order(ByteOrder.LITTLE_ENDIAN).putInt(sizeField, parsed.pckChainLength + 1);

    assertThatThrownBy(() -> EvidenceFormats.parse(quote))
        .isInstanceOf(MalformedEvidenceException.class)
        .hasMessageStartingWith("Intel quote: field 'certification data size' at offset " + sizeField);
  }

  @Test
  void oversizeInputIsRefusedBeforeParsing() {
    byte[] quote = Arrays.copyOf(TeeTestData.bytes(TeeTestData.SGX_QUOTE), IntelQuote.MAX_LENGTH + 1);

    assertThatThrownBy(() -> EvidenceFormats.parse(quote))
        .isInstanceOf(MalformedEvidenceException.class)
        .hasMessageStartingWith("Intel quote too large");
  }

  @Test
  void aShortOrWrongSnpReportNamesTheField() {
    byte[] report = TeeTestData.bytes(TeeTestData.SNP_REPORT);

    assertThatThrownBy(() -> EvidenceFormats.parse(Arrays.copyOf(report, 0x2C0), TeeType.SEV_SNP))
        .isInstanceOf(MalformedEvidenceException.class)
        .hasMessage("SNP report truncated in field 'signature r' at offset 672 (needs 72 bytes, 32 left)");
    byte[] vmpl = report.clone();
    vmpl[0x30] = 9;
    assertThatThrownBy(() -> EvidenceFormats.parse(vmpl))
        .isInstanceOf(MalformedEvidenceException.class)
        .hasMessage("SNP report: field 'vmpl' at offset 48: VMPL 9 is not 0..3");
    // A short report is not recognised without the type; named, it is a truncation.
    assertThatThrownBy(() -> EvidenceFormats.parse(Arrays.copyOf(report, 100)))
        .hasMessageStartingWith("unknown magic 0x02000000");
  }
}
