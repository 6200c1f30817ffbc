package io.sereca.keeper.internal.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class PayloadCipherTest {

  private static final byte[] DATA = "the value".getBytes(StandardCharsets.UTF_8);

  private static PayloadCipher cipher() throws GeneralSecurityException {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return new PayloadCipher(key);
  }

  @Test
  void valuesRoundTripWithAFixedOverheadAndFreshNonces() throws Exception {
    PayloadCipher c = cipher();
    byte[] a = c.seal("/x", DATA);
    byte[] b = c.seal("/x", DATA);
    assertThat(a).hasSize(DATA.length + CryptoBatch.SEALED_OVERHEAD).isNotEqualTo(b);
    assertThat(c.open("/x", a)).isEqualTo(DATA);
    assertThat(c.open("/x", c.seal("/x", new byte[0]))).isEmpty();
  }

  @Test
  void aValueOpensOnlyAtItsOwnPath() throws Exception {
    PayloadCipher c = cipher();
    byte[] sealed = c.seal("/a", DATA);
    assertThatThrownBy(() -> c.open("/b", sealed)).isInstanceOf(GeneralSecurityException.class);
    sealed[sealed.length - 1] ^= 1;
    assertThatThrownBy(() -> c.open("/a", sealed)).isInstanceOf(GeneralSecurityException.class);
    assertThatThrownBy(() -> c.open("/a", new byte[5])).isInstanceOf(GeneralSecurityException.class);
  }

  @Test
  void sequentialValuesAreBoundToParentAndPrefixNotToTheCounter() throws Exception {
    assertThat(PayloadCipher.bindingPath("/l/lock-0000000001")).isEqualTo("/l/lock-\0");
    assertThat(PayloadCipher.bindingPath("/l/lock")).isEqualTo("/l/lock");
    PayloadCipher c = cipher();
    byte[] sealed = c.seal("/l/lock-0000000000", DATA);
    assertThat(c.open("/l/lock-0000000007", sealed)).isEqualTo(DATA);
    assertThatThrownBy(() -> c.open("/l/other-0000000007", sealed)).isInstanceOf(GeneralSecurityException.class);
    assertThatThrownBy(() -> c.open("/l/lock-", sealed)).isInstanceOf(GeneralSecurityException.class);
  }
}
