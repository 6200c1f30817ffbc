package io.sereca.wsnm.enclave.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class FrameCipherTest {

  private final byte[] key = new byte[32];

  @Test
  void aFrameOpensOnlyInItsSessionDirectionAndSequence() throws Exception {
    new SecureRandom().nextBytes(key);
    FrameCipher a = new FrameCipher(key, "session-a");
    byte[] c = a.seal(FrameCipher.CLIENT_TO_GATEWAY, 7, "{\"op\":\"ping\"}".getBytes(StandardCharsets.UTF_8));
    assertThat(new String(a.open(FrameCipher.CLIENT_TO_GATEWAY, 7, c), StandardCharsets.UTF_8)).isEqualTo("{\"op\":\"ping\"}");
    assertThatThrownBy(() -> a.open(FrameCipher.GATEWAY_TO_CLIENT, 7, c)).isInstanceOf(GeneralSecurityException.class);
    assertThatThrownBy(() -> a.open(FrameCipher.CLIENT_TO_GATEWAY, 8, c)).isInstanceOf(GeneralSecurityException.class);
    assertThatThrownBy(() -> new FrameCipher(key, "session-b").open(FrameCipher.CLIENT_TO_GATEWAY, 7, c))
        .isInstanceOf(GeneralSecurityException.class);
    assertThatThrownBy(() -> a.open(FrameCipher.CLIENT_TO_GATEWAY, 7, new byte[3]))
        .hasMessageContaining("shorter than its tag");
  }

  @Test
  void bothSidesOfAnEcdhAgreeAndOffCurvePointsAreRefused() throws Exception {
    SecureRandom r = new SecureRandom();
    EcdhP256 g = EcdhP256.generate(r);
    EcdhP256 c = EcdhP256.generate(r);
    assertThat(g.agree(c.rawPublicKey())).isEqualTo(c.agree(g.rawPublicKey())).hasSize(32);
    byte[] bad = c.rawPublicKey();
    bad[64] ^= 1;
    assertThatThrownBy(() -> g.agree(bad)).hasMessageContaining("not a point on P-256");
    assertThatThrownBy(() -> g.agree(new byte[33])).hasMessageContaining("65-byte");
  }
}
