package io.sereca.enclave.boundary;

import static io.sereca.enclave.boundary.Samples.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretsCodecTest {

  private static final BoundaryLimits LIMITS = BoundaryLimits.defaults();

  @Test
  void roundTripKeepsNamesValuesAndOrder() {
    Map<String, byte[]> secrets = new LinkedHashMap<>();
    secrets.put("zeta", utf8("last-first"));
    secrets.put("alpha", new byte[0]);
    secrets.put("ünï", Samples.filled(1000, 0xAB));
    Map<String, byte[]> decoded = SecretsCodec.decode(SecretsCodec.encode(secrets), LIMITS);
    assertThat(decoded.keySet()).containsExactly("zeta", "alpha", "ünï");
    secrets.forEach((k, v) -> assertThat(decoded.get(k)).as(k).isEqualTo(v));
  }

  @Test
  void emptySetRoundTrips() {
    assertThat(SecretsCodec.decode(SecretsCodec.encode(Map.of()), LIMITS)).isEmpty();
  }

  @Test
  void duplicateNameIsRejected() {
    byte[] frame = new FrameWriter(32).u16(2).string("a").bytes(new byte[1])
        .string("a").bytes(new byte[2]).toByteArray();
    assertThatThrownBy(() -> SecretsCodec.decode(frame, LIMITS))
        .isExactlyInstanceOf(BoundaryException.class).hasMessageContaining("appears twice");
  }

  @Test
  void emptyNameIsRejected() {
    byte[] frame = SecretsCodec.encode(Map.of("", new byte[1]));
    assertThatThrownBy(() -> SecretsCodec.decode(frame, LIMITS))
        .isExactlyInstanceOf(BoundaryException.class).hasMessageContaining("secret.name is empty");
  }

  @Test
  void nameAndValueAndCountLimitsAreEnforced() {
    byte[] longName = SecretsCodec.encode(Map.of("n".repeat(257), new byte[0]));
    assertThatThrownBy(() -> SecretsCodec.decode(longName, LIMITS))
        .isExactlyInstanceOf(BoundaryException.class).hasMessageContaining("'secret.name'");
    byte[] bigValue = new FrameWriter(32).u16(1).string("v").i32(SecretsCodec.MAX_VALUE_BYTES + 1)
        .toByteArray();
    assertThatThrownBy(() -> SecretsCodec.decode(bigValue, LIMITS))
        .isExactlyInstanceOf(BoundaryException.class).hasMessageContaining("'secret.value'");
    byte[] tooMany = new FrameWriter(8).u16(SecretsCodec.MAX_SECRETS + 1).toByteArray();
    assertThatThrownBy(() -> SecretsCodec.decode(tooMany, LIMITS))
        .isExactlyInstanceOf(BoundaryException.class).hasMessageContaining("secrets.count");
  }

  @Test
  void encoderRefusesTooManySecrets() {
    Map<String, byte[]> many = new LinkedHashMap<>();
    for (int i = 0; i <= SecretsCodec.MAX_SECRETS; i++) {
      many.put("s" + i, new byte[0]);
    }
    assertThatThrownBy(() -> SecretsCodec.encode(many))
        .isInstanceOf(BoundaryException.class).hasMessageContaining("1025");
  }

  @Test
  void trailingAndTruncatedInputIsRejected() {
    byte[] frame = SecretsCodec.encode(Map.of("k", utf8("value")));
    assertThatThrownBy(() -> SecretsCodec.decode(Arrays.copyOf(frame, frame.length + 1), LIMITS))
        .isExactlyInstanceOf(BoundaryException.class).hasMessageContaining("trailing");
    for (int len = 0; len < frame.length; len++) {
      byte[] cut = Arrays.copyOf(frame, len);
      assertThatThrownBy(() -> SecretsCodec.decode(cut, LIMITS))
          .isExactlyInstanceOf(BoundaryException.class).hasMessageContaining("truncated");
    }
  }

  @Test
  void errorMessagesNeverQuoteSecretValues() {
    byte[] frame = new FrameWriter(32).u16(2).string("a").bytes(utf8("TOPSECRET"))
        .string("a").bytes(utf8("TOPSECRET")).toByteArray();
    assertThatThrownBy(() -> SecretsCodec.decode(frame, LIMITS))
        .hasMessageNotContaining("TOPSECRET");
  }
}
