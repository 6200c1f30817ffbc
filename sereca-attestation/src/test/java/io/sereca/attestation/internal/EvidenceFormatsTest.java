package io.sereca.attestation.internal;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sereca.attestation.MalformedEvidenceException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EvidenceFormatsTest {

  @Test
  void unknownMagicIsNamedInHex() {
    assertThatThrownBy(() -> EvidenceFormats.parse("NOTEVIDENCE".getBytes(StandardCharsets.US_ASCII)))
        .isInstanceOf(MalformedEvidenceException.class)
        .hasMessage("unknown magic 0x4e4f544556494445: not a known evidence format");
  }

  @Test
  void aCutOffMagicIsReportedAsTruncation() {
    assertThatThrownBy(() -> EvidenceFormats.parse("SRCA".getBytes(StandardCharsets.US_ASCII)))
        .isInstanceOf(MalformedEvidenceException.class)
        .hasMessage("evidence truncated in field 'magic' at offset 0");
  }

  @Test
  void emptyInputIsMalformed() {
    assertThatThrownBy(() -> EvidenceFormats.parse(new byte[0]))
        .isInstanceOf(MalformedEvidenceException.class)
        .hasMessage("evidence is empty");
  }
}
