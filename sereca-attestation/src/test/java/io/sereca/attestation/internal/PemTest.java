package io.sereca.attestation.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class PemTest {

  @Test
  void roundTripsWith64CharacterLines() throws Exception {
    byte[] der = new byte[100];
    for (int i = 0; i < der.length; i++) {
      der[i] = (byte) i;
    }

    String pem = Pem.encode(Pem.CERTIFICATE, der);

    assertThat(pem.lines().skip(1).findFirst().orElseThrow()).hasSize(64);
    assertThat(Pem.decode(Pem.CERTIFICATE, "leading text\n" + pem, "test")).isEqualTo(der);
  }

  @Test
  void missingBlockOrBadBase64IsAnErrorNamingTheSource() {
    assertThatThrownBy(() -> Pem.decode(Pem.PRIVATE_KEY, Pem.encode(Pem.CERTIFICATE, new byte[3]), "a.pem"))
        .isInstanceOf(IOException.class).hasMessage("a.pem holds no PEM 'PRIVATE KEY' block");
    assertThatThrownBy(() -> Pem.decode(Pem.CERTIFICATE,
        "-----BEGIN CERTIFICATE-----\n@@@\n-----END CERTIFICATE-----\n", "b.pem"))
        .isInstanceOf(IOException.class).hasMessageContaining("not valid Base64");
  }
}
