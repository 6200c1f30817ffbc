package io.sereca.enclave.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HkdfTest {

  private static final HexFormat HEX = HexFormat.of();

  private static byte[] range(int from, int toInclusive) {
    byte[] out = new byte[toInclusive - from + 1];
    for (int i = 0; i < out.length; i++) {
      out[i] = (byte) (from + i);
    }
    return out;
  }

  private static byte[] repeat(int value, int n) {
    byte[] out = new byte[n];
    java.util.Arrays.fill(out, (byte) value);
    return out;
  }

  @Test
  void rfc5869TestCaseA1BasicSha256IsByteExact() throws Exception {
    byte[] okm = Hkdf.derive(repeat(0x0b, 22), range(0x00, 0x0c), range(0xf0, 0xf9), 42);
    assertThat(HEX.formatHex(okm)).isEqualTo(
        "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865");
  }

  @Test
  void rfc5869TestCaseA2LongInputsSha256IsByteExact() throws Exception {
    byte[] okm = Hkdf.derive(range(0x00, 0x4f), range(0x60, 0xaf), range(0xb0, 0xff), 82);
    assertThat(HEX.formatHex(okm)).isEqualTo(
        "b11e398dc80327a1c8e7f78c596a49344f012eda2d4efad8a050cc4c19afa97c"
            + "59045a99cac7827271cb41c65e590e09da3275600c2f09b8367793a9aca3db71"
            + "cc30c58179ec3e87c14c01d5c1f3434f1d87");
  }

  @Test
  void rfc5869TestCaseA3EmptySaltAndInfoSha256IsByteExact() throws Exception {
    byte[] okm = Hkdf.derive(repeat(0x0b, 22), new byte[0], new byte[0], 42);
    assertThat(HEX.formatHex(okm)).isEqualTo(
        "8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8");
  }

  @Test
  void nullSaltAndNullInfoMeanTheSameAsEmpty() throws Exception {
    assertThat(Hkdf.derive(repeat(0x0b, 22), null, null, 42))
        .isEqualTo(Hkdf.derive(repeat(0x0b, 22), new byte[0], new byte[0], 42));
  }

  @Test
  void shorterOutputIsAPrefixOfLongerOutput() throws Exception {
    byte[] ikm = range(1, 40);
    byte[] longOkm = Hkdf.derive(ikm, range(2, 9), range(3, 7), 255 * 32);
    for (int len : new int[] {1, 31, 32, 33, 64, 100, 8159}) {
      assertThat(Hkdf.derive(ikm, range(2, 9), range(3, 7), len))
          .isEqualTo(java.util.Arrays.copyOf(longOkm, len));
    }
  }

  @Test
  void differentInfoGivesDifferentKeys() throws Exception {
    assertThat(Hkdf.derive(range(1, 32), null, "a".getBytes(), 32))
        .isNotEqualTo(Hkdf.derive(range(1, 32), null, "b".getBytes(), 32));
  }

  @Test
  void maximumLengthOf255BlocksIsAccepted() throws Exception {
    assertThat(Hkdf.derive(range(1, 32), null, null, 255 * 32)).hasSize(8160);
    assertThat(Hkdf.derive(range(1, 32), null, null, 1)).hasSize(1);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, -1, Integer.MIN_VALUE, 255 * 32 + 1, Integer.MAX_VALUE})
  void lengthOutsideOneTo8160IsRejected(int length) {
    assertThatThrownBy(() -> Hkdf.derive(range(1, 32), null, null, length))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1..8160");
  }
}
