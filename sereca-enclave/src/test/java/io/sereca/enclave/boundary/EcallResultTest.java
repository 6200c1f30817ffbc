package io.sereca.enclave.boundary;

import static io.sereca.enclave.boundary.Samples.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class EcallResultTest {

  private static final BoundaryLimits LIMITS = BoundaryLimits.defaults();

  @Test
  void okRoundTrips() {
    EcallResult r = EcallResult.decode(EcallResult.ok(utf8("data")).encode(), LIMITS);
    assertThat(r.isOk()).isTrue();
    assertThat(r.payload()).isEqualTo(utf8("data"));
    assertThat(r.error()).isNull();
  }

  @Test
  void errorRoundTripsWithEmptyPayload() {
    EcallResult r = EcallResult.decode(EcallResult.error("nope: ü").encode(), LIMITS);
    assertThat(r.isOk()).isFalse();
    assertThat(r.error()).isEqualTo("nope: ü");
    assertThat(r.payload()).isEmpty();
  }

  @Test
  void nullErrorMessageBecomesUnknownError() {
    assertThat(EcallResult.error(null).error()).isEqualTo("unknown error");
  }

  @Test
  void firstByteIsTheStatus() {
    assertThat(EcallResult.ok(new byte[0]).encode()[0]).isEqualTo((byte) 0);
    assertThat(EcallResult.error("x").encode()[0]).isEqualTo((byte) 1);
  }

  @Test
  void longErrorIsCutToStayDecodable() {
    EcallResult r = EcallResult.decode(EcallResult.error("é".repeat(9000)).encode(), LIMITS);
    assertThat(r.error()).hasSize(1024);
  }

  @Test
  void badStatusTrailingBytesAndTruncationAreRejected() {
    assertThatThrownBy(() -> EcallResult.decode(new byte[] {2}, LIMITS))
        .isExactlyInstanceOf(BoundaryException.class).hasMessageContaining("'status'");
    byte[] ok = EcallResult.ok(utf8("abc")).encode();
    assertThatThrownBy(() -> EcallResult.decode(Arrays.copyOf(ok, ok.length + 1), LIMITS))
        .isExactlyInstanceOf(BoundaryException.class).hasMessageContaining("trailing");
    for (int len = 0; len < ok.length; len++) {
      byte[] cut = Arrays.copyOf(ok, len);
      assertThatThrownBy(() -> EcallResult.decode(cut, LIMITS))
          .isExactlyInstanceOf(BoundaryException.class).hasMessageContaining("truncated");
    }
  }
}
