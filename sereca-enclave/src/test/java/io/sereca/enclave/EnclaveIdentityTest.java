package io.sereca.enclave;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class EnclaveIdentityTest {

  private static byte[] filled(int n, int v) {
    byte[] b = new byte[n];
    Arrays.fill(b, (byte) v);
    return b;
  }

  private static EnclaveIdentity id(int m, int s, int product, int svn, boolean debug) {
    return EnclaveIdentity.create(filled(32, m), filled(32, s), product, svn, debug);
  }

  @Test
  void createKeepsEveryField() {
    EnclaveIdentity id = id(0xAB, 0xCD, 513, 65535, true);
    assertThat(id.measurement()).isEqualTo(filled(32, 0xAB));
    assertThat(id.signer()).isEqualTo(filled(32, 0xCD));
    assertThat(id.productId()).isEqualTo(513);
    assertThat(id.svn()).isEqualTo(65535);
    assertThat(id.debug()).isTrue();
    assertThat(id.measurementHex()).isEqualTo("ab".repeat(32));
    assertThat(id.signerHex()).isEqualTo("cd".repeat(32));
  }

  @Test
  void measurementMustBe32Bytes() {
    for (byte[] bad : new byte[][] {null, new byte[0], new byte[31], new byte[33]}) {
      assertThatThrownBy(() -> EnclaveIdentity.create(bad, new byte[32], 0, 0, false))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("measurement");
    }
  }

  @Test
  void signerMustBe32Bytes() {
    for (byte[] bad : new byte[][] {null, new byte[0], new byte[31], new byte[33]}) {
      assertThatThrownBy(() -> EnclaveIdentity.create(new byte[32], bad, 0, 0, false))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("signer");
    }
  }

  @Test
  void productIdAndSvnMustFitIn16Bits() {
    for (int bad : new int[] {-1, 65536, Integer.MIN_VALUE, Integer.MAX_VALUE}) {
      assertThatThrownBy(() -> EnclaveIdentity.create(new byte[32], new byte[32], bad, 0, false))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("productId");
      assertThatThrownBy(() -> EnclaveIdentity.create(new byte[32], new byte[32], 0, bad, false))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("svn");
    }
    assertThat(id(0, 0, 0, 0, false).productId()).isZero();
    assertThat(id(0, 0, 65535, 65535, false).svn()).isEqualTo(65535);
  }

  @Test
  void arraysAreCopiedInAndOut() {
    byte[] m = filled(32, 1);
    byte[] s = filled(32, 2);
    EnclaveIdentity id = EnclaveIdentity.create(m, s, 1, 1, false);
    m[0] = 9;
    s[0] = 9;
    id.measurement()[1] = 9;
    id.signer()[1] = 9;
    assertThat(id.measurement()).isEqualTo(filled(32, 1));
    assertThat(id.signer()).isEqualTo(filled(32, 2));
  }

  @Test
  void equalIdentitiesAreEqualWithEqualHashCodes() {
    EnclaveIdentity a = id(1, 2, 3, 4, false);
    EnclaveIdentity b = id(1, 2, 3, 4, false);
    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(a).isEqualTo(a);
    assertThat(a.toString()).isEqualTo(b.toString());
  }

  @Test
  void everyFieldTakesPartInEquality() {
    EnclaveIdentity base = id(1, 2, 3, 4, false);
    assertThat(base).isNotEqualTo(id(9, 2, 3, 4, false));
    assertThat(base).isNotEqualTo(id(1, 9, 3, 4, false));
    assertThat(base).isNotEqualTo(id(1, 2, 9, 4, false));
    assertThat(base).isNotEqualTo(id(1, 2, 3, 9, false));
    assertThat(base).isNotEqualTo(id(1, 2, 3, 4, true));
    byte[] oneBitOff = filled(32, 1);
    oneBitOff[31] ^= 1;
    assertThat(base).isNotEqualTo(EnclaveIdentity.create(oneBitOff, filled(32, 2), 3, 4, false));
    assertThat(base).isNotEqualTo(null).isNotEqualTo("EnclaveIdentity");
  }

  @Test
  void toStringShowsEveryFieldInHex() {
    assertThat(id(0x0F, 0xF0, 12, 34, true).toString())
        .contains("0f".repeat(32), "f0".repeat(32), "productId=12", "svn=34", "debug=true");
  }
}
