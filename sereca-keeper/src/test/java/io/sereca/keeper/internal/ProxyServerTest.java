package io.sereca.keeper.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ProxyServerTest {

  @Test
  void connectStringsParseToLoopbackAddresses() {
    assertThat(ProxyServer.parseConnectString("127.0.0.1:2181, 127.0.0.1:2182"))
        .extracting(a -> a.host() + ":" + a.port()).containsExactly("127.0.0.1:2181", "127.0.0.1:2182");
  }

  @Test
  void badConnectStringsAreRefusedNamingThePart() {
    assertThatThrownBy(() -> ProxyServer.parseConnectString(""))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
    assertThatThrownBy(() -> ProxyServer.parseConnectString("127.0.0.1:2181/app"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("chroot");
    assertThatThrownBy(() -> ProxyServer.parseConnectString("127.0.0.1"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'127.0.0.1'");
    assertThatThrownBy(() -> ProxyServer.parseConnectString("127.0.0.1:99999"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bad port");
    assertThatThrownBy(() -> ProxyServer.parseConnectString("127.0.0.1:abc"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bad port");
  }
}
