package io.sereca.bus;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
class ClusterTlsTest {

  @TempDir
  Path dir;

  @Test
  void optionsRequireMutualTlsAndNeverTrustAll() throws Exception {
    assertThat(EventBusOptions.DEFAULT_TRUST_ALL).as("the Vert.x default this class exists to override").isTrue();
    DevPki.NodeCredentials node = DevPki.open(dir).issueNode("node-1");
    EventBusOptions o = ClusterTls.eventBusOptions(node);
    assertThat(o.isSsl()).isTrue();
    assertThat(o.isTrustAll()).isFalse();
    assertThat(o.getClientAuth()).isEqualTo(ClientAuth.REQUIRED);
    assertThat(o.getHost()).isEqualTo("127.0.0.1");
    assertThat(o.getEnabledSecureTransportProtocols()).containsExactly("TLSv1.3");
    assertThat(((PemTrustOptions) o.getTrustOptions()).getCertPaths()).containsExactly(node.caCertificate().toString());
    PemKeyCertOptions kc = (PemKeyCertOptions) o.getKeyCertOptions();
    assertThat(kc.getCertPath()).isEqualTo(node.certificate().toString());
    assertThat(kc.getKeyPath()).isEqualTo(node.privateKey().toString());
    // Survives the JSON form Vert.x uses to ship options around.
    EventBusOptions fromJson = new EventBusOptions(o.toJson());
    assertThat(fromJson.isTrustAll()).isFalse();
    assertThat(fromJson.getClientAuth()).isEqualTo(ClientAuth.REQUIRED);
  }

  @Test
  void peersWithDevPkiCertificatesCompleteAMutualTlsHandshakeAndOthersAreRefused(Vertx vertx) throws Exception {
    DevPki pki = DevPki.open(dir.resolve("pki"));
    EventBusOptions server = ClusterTls.eventBusOptions(pki.issueNode("server"));
    EventBusOptions client = ClusterTls.eventBusOptions(pki.issueNode("client"));
    AtomicInteger accepted = new AtomicInteger();
    NetServer echo = vertx.createNetServer(new NetServerOptions().setHost("127.0.0.1").setPort(0).setSsl(true)
            .setKeyCertOptions(server.getKeyCertOptions()).setTrustOptions(server.getTrustOptions())
            .setClientAuth(server.getClientAuth())
            .setEnabledSecureTransportProtocols(server.getEnabledSecureTransportProtocols()))
        .connectHandler(so -> {
          accepted.incrementAndGet();
          so.handler(so::write);
        })
        .listen().await();
    int port = echo.actualPort();

    assertThat(echoOnce(vertx, port, clientOptions(true, client, null))).isEqualTo("ping");
    assertThat(accepted.get()).isEqualTo(1);

    // No client certificate.
    assertThat(echoOnce(vertx, port, clientOptions(false, client, null))).isNull();
    // A certificate from another CA.
    EventBusOptions stranger = ClusterTls.eventBusOptions(DevPki.open(dir.resolve("other")).issueNode("stranger"));
    assertThat(echoOnce(vertx, port, clientOptions(true, stranger, client.getTrustOptions()))).isNull();
    assertThat(accepted.get()).isEqualTo(1);
    echo.close().await();
  }

  private static NetClientOptions clientOptions(boolean withCert, EventBusOptions node,
      io.vertx.core.net.TrustOptions trustOverride) {
    NetClientOptions o = new NetClientOptions().setSsl(true).setHostnameVerificationAlgorithm("HTTPS")
        .setTrustOptions(trustOverride != null ? trustOverride : node.getTrustOptions())
        .setEnabledSecureTransportProtocols(Set.of(ClusterTls.PROTOCOL)).setConnectTimeout(15_000);
    if (withCert) {
      o.setKeyCertOptions(node.getKeyCertOptions());
    }
    return o;
  }

  /** Connects, writes "ping" and returns what came back within 15 s (generous: a loaded 2-core machine is slow at TLS handshakes), or null if refused or closed. */
  private static String echoOnce(Vertx vertx, int port, NetClientOptions options) {
    Promise<String> result = Promise.promise();
    // Keep a reference: Vert.x 5 closes clients that become unreachable.
    NetClient client = vertx.createNetClient(options);
    client.connect(port, "127.0.0.1").onComplete(ar -> {
      if (ar.failed()) {
        result.tryComplete(null);
        return;
      }
      NetSocket so = ar.result();
      so.handler(b -> {
        result.tryComplete(b.toString());
        so.close();
      });
      so.closeHandler(v -> result.tryComplete(null));
      so.exceptionHandler(e -> result.tryComplete(null));
      so.write(Buffer.buffer("ping"));
    });
    vertx.setTimer(15_000, t -> result.tryComplete(null));
    String got = result.future().await();
    client.close().await();
    return got;
  }
}
