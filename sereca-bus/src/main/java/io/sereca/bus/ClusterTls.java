package io.sereca.bus;

import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Set;

/**
 * Mutually authenticated TLS for the clustered event bus transport: a second layer under the
 * envelopes, not the protection (the host terminates it).
 *
 * <p>Beware of the Vert.x default: {@link EventBusOptions#DEFAULT_TRUST_ALL} is {@code true}, so a
 * clustered event bus with just {@code setSsl(true)} accepts any server certificate. The options
 * made here set {@code trustAll} to {@code false} explicitly, trust only the given CA, require a
 * client certificate from every peer ({@link ClientAuth#REQUIRED}) and allow TLS 1.3 only.
 *
 * <p>The cluster manager's own traffic (membership, the address → node subscription map) is not
 * covered: with Hazelcast open source it travels in the clear (member TLS is Hazelcast
 * Enterprise), so it reveals addresses and membership, never payloads.
 */
public final class ClusterTls {

  /** Default host the event bus binds to. */
  public static final String DEFAULT_HOST = "127.0.0.1";
  /** The only TLS version enabled. */
  public static final String PROTOCOL = "TLSv1.3";

  private ClusterTls() {}

  /**
   * Event-bus options for mutual TLS on {@value #DEFAULT_HOST}.
   *
   * @param caPem the CA certificate to trust (PEM), e.g. {@link DevPki#caCertificateFile()}
   * @param certPem this node's certificate (PEM)
   * @param keyPem this node's private key (PEM, PKCS#8 or SEC1)
   */
  public static EventBusOptions eventBusOptions(Path caPem, Path certPem, Path keyPem) {
    return configure(new EventBusOptions().setHost(DEFAULT_HOST), caPem, certPem, keyPem);
  }

  /** Event-bus options for mutual TLS on {@value #DEFAULT_HOST} with a {@link DevPki} node's files. */
  public static EventBusOptions eventBusOptions(DevPki.NodeCredentials node) {
    return eventBusOptions(node.caCertificate(), node.certificate(), node.privateKey());
  }

  /**
   * Turns mutual TLS on in existing options (host, port and the rest are kept).
   *
   * @return {@code options}
   */
  public static EventBusOptions configure(EventBusOptions options, Path caPem, Path certPem, Path keyPem) {
    Objects.requireNonNull(caPem, "caPem");
    Objects.requireNonNull(certPem, "certPem");
    Objects.requireNonNull(keyPem, "keyPem");
    return options
        .setSsl(true)
        // Vert.x's clustered event bus trusts all certificates unless told otherwise.
        .setTrustAll(false)
        .setTrustOptions(new PemTrustOptions().addCertPath(caPem.toString()))
        .setKeyCertOptions(new PemKeyCertOptions().setCertPath(certPem.toString()).setKeyPath(keyPem.toString()))
        .setClientAuth(ClientAuth.REQUIRED)
        .setEnabledSecureTransportProtocols(Set.of(PROTOCOL));
  }
}
