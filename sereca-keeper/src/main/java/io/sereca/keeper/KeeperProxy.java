package io.sereca.keeper;

import io.sereca.host.HostOptions;
import io.sereca.keeper.internal.CryptoCore;
import io.sereca.keeper.internal.EmbeddedZooKeeper;
import io.sereca.keeper.internal.EnclaveCryptoCore;
import io.sereca.keeper.internal.ProxyServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The confidential ZooKeeper proxy (after SecureKeeper): speaks the ZooKeeper client protocol to
 * unmodified clients (the Java client, zkCli, Curator) and forwards to a real ZooKeeper server or
 * ensemble that only ever stores ciphertext. Each path element is encrypted deterministically
 * (AES-SIV, bound to its parent path), values are AES-256-GCM bound to their path; the keys live
 * in a crypto core that runs as an enclave app.
 *
 * <pre>{@code
 * KeeperProxy proxy = KeeperProxy.start(vertx, new KeeperProxyOptions()
 *     .setZookeeper("127.0.0.1:2181").setPort(2281)).await();
 * ZooKeeper zk = new ZooKeeper(proxy.connectString(), 15_000, watcher);
 * }</pre>
 *
 * <p>With {@link KeeperProxyOptions#setInServer} the same crypto runs inside the embedded
 * server's own network layer instead (SecureKeeper's layout: no proxy hop); everything else here
 * stays the same, the server itself being what clients connect to.
 *
 * <p>On the {@code sim} and {@code process} backends the crypto core is SIMULATED: its keys are
 * protected by no hardware. The proxy process also sees plaintext requests (clients talk to it
 * in plaintext or over TLS it terminates); only the ZooKeeper server is kept blind.
 */
public final class KeeperProxy {

  private static final System.Logger LOG = System.getLogger(KeeperProxy.class.getName());

  private final Vertx vertx;
  private final ProxyServer server;
  private final CryptoCore core;
  private final EmbeddedZooKeeper embedded;
  private final String upstream;

  private KeeperProxy(Vertx vertx, ProxyServer server, CryptoCore core, EmbeddedZooKeeper embedded,
      String upstream) {
    this.vertx = vertx;
    this.server = server;
    this.core = core;
    this.embedded = embedded;
    this.upstream = upstream;
  }

  /**
   * Starts the proxy: the embedded server if asked for, the crypto core (generating or unsealing
   * its keys), then the listener. Fails naming the problem (no upstream given, port taken,
   * enclave launch failed, sealed keys unreadable).
   */
  public static Future<KeeperProxy> start(Vertx vertx, KeeperProxyOptions options) {
    KeeperProxyOptions opts = new KeeperProxyOptions(options);
    if (!opts.isEmbedded() && (opts.getZookeeper() == null || opts.getZookeeper().isBlank())) {
      return Future.failedFuture(new IllegalArgumentException(
          "no ZooKeeper to front: set a connect string or start an embedded server"));
    }
    if (opts.isInServer() && !opts.isEmbedded()) {
      return Future.failedFuture(new IllegalArgumentException(
          "the in-server layout runs the crypto inside an embedded server: set embedded too"
              + " (an existing ensemble is fronted by the proxy layout)"));
    }
    if (opts.isInServer() && opts.getKeyCertOptions() != null) {
      return Future.failedFuture(new IllegalArgumentException(
          "TLS is not available in the in-server layout: use the proxy layout for TLS to clients"));
    }
    Future<Object[]> started = vertx.executeBlocking(() -> {
      Files.createDirectories(opts.getDataDirectory());
      EmbeddedZooKeeper zk = null;
      CryptoCore core = null;
      try {
        core = EnclaveCryptoCore.launch(opts.getDataDirectory(),
            new HostOptions().setDataDirectory(opts.getPlatformDirectory()), opts.getBackend());
        Path zkData = opts.getDataDirectory().resolve("zookeeper");
        if (opts.isInServer()) {
          zk = EmbeddedZooKeeper.startInServer(opts.getHost(), opts.getPort(), zkData, core, opts.getMaxFrameBytes());
        } else if (opts.isEmbedded()) {
          zk = EmbeddedZooKeeper.start(opts.getEmbeddedPort(), zkData);
        }
        return new Object[] {zk, core};
      } catch (Exception | Error e) {
        if (core != null) {
          core.close();
        }
        throw e;
      }
    }, false);
    return started.compose(parts -> {
      EmbeddedZooKeeper zk = (EmbeddedZooKeeper) parts[0];
      CryptoCore core = (CryptoCore) parts[1];
      if (core.simulated()) {
        LOG.log(Level.WARNING, "keeper crypto core runs in the SIMULATED enclave backend ''{0}'':"
            + " its keys have no hardware protection", core.backend());
      }
      if (opts.isInServer()) {
        return Future.succeededFuture(new KeeperProxy(vertx, null, core, zk, zk.connectString()));
      }
      String upstream = zk != null ? zk.connectString() : opts.getZookeeper();
      return ProxyServer.start(vertx, opts, upstream, core)
          .map(server -> new KeeperProxy(vertx, server, core, zk, upstream))
          .onFailure(err -> {
            core.close();
            if (zk != null) {
              zk.close();
            }
          });
    });
  }

  /** The port clients connect to: the proxy's (in-server layout: the server's). */
  public int port() {
    return server != null ? server.port() : embedded.port();
  }

  /** The connect string clients use: {@code host:port} of the proxy (or of the in-server server). */
  public String connectString() {
    return server != null ? server.host() + ":" + server.port() : embedded.connectString();
  }

  /** Whether the crypto runs inside the embedded server (no proxy hop). */
  public boolean inServer() {
    return server == null;
  }

  /** The embedded server, or null when fronting an ensemble. */
  public EmbeddedZooKeeper embeddedServer() {
    return embedded;
  }

  /** The connect string of the ZooKeeper server(s) behind the proxy (in-server: the server's own). */
  public String upstreamConnectString() {
    return upstream;
  }

  /** The enclave backend of the crypto core. */
  public String backend() {
    return core.backend();
  }

  /** Whether the crypto core's backend is simulated (no hardware protection). */
  public boolean simulated() {
    return core.simulated();
  }

  /** Whether clients must connect with TLS. */
  public boolean tls() {
    return server != null && server.tls();
  }

  /** Number of client connections open now. */
  public int connections() {
    return server != null ? server.connections() : embedded.connections();
  }

  /** Closes the listener and every connection, the crypto core and the embedded server. */
  public Future<Void> close() {
    Future<Void> listener = server != null ? server.close() : Future.succeededFuture();
    return listener.eventually(() -> vertx.executeBlocking(() -> {
      if (server == null) {
        embedded.close(); // its channels use the core: they go first
      }
      core.close();
      if (embedded != null && server != null) {
        embedded.close();
      }
      return null;
    }, false)).mapEmpty();
  }
}
