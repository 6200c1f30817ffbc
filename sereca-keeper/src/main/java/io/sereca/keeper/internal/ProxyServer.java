package io.sereca.keeper.internal;

import io.sereca.keeper.KeeperProxyOptions;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** The proxy's listener: one {@link ProxyConnection} per accepted client. */
public final class ProxyServer {

  private final NetServer server;
  private final NetClient netClient;
  private final String host;
  private final Set<ProxyConnection> connections = ConcurrentHashMap.newKeySet();

  private final boolean tls;

  private ProxyServer(NetServer server, NetClient netClient, String host, boolean tls) {
    this.server = server;
    this.netClient = netClient;
    this.host = host;
    this.tls = tls;
  }

  /** Listens on the options' host and port, forwarding to {@code upstream}. */
  public static Future<ProxyServer> start(Vertx vertx, KeeperProxyOptions options, String upstream,
      CryptoCore core) {
    List<SocketAddress> servers;
    try {
      servers = parseConnectString(upstream);
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
    NetClient netClient = vertx.createNetClient(new NetClientOptions()
        .setTcpNoDelay(true).setConnectTimeout(5_000));
    NetServerOptions serverOptions = new NetServerOptions()
        .setHost(options.getHost()).setPort(options.getPort()).setTcpNoDelay(true);
    if (options.getClientTrustOptions() != null && options.getKeyCertOptions() == null) {
      return Future.failedFuture(new IllegalArgumentException(
          "client trust options need TLS: set the proxy's key and certificate too"));
    }
    if (options.getKeyCertOptions() != null) {
      serverOptions.setSsl(true).setKeyCertOptions(options.getKeyCertOptions());
      if (options.getClientTrustOptions() != null) {
        serverOptions.setTrustOptions(options.getClientTrustOptions()).setClientAuth(ClientAuth.REQUIRED);
      }
    }
    NetServer server = vertx.createNetServer(serverOptions);
    ProxyServer proxy = new ProxyServer(server, netClient, options.getHost(), options.getKeyCertOptions() != null);
    AtomicInteger next = new AtomicInteger();
    NameCache cache = new NameCache(NameCache.DEFAULT_ENTRIES);
    server.connectHandler(socket -> {
      Context ctx = vertx.getOrCreateContext();
      ProxyConnection[] self = new ProxyConnection[1];
      self[0] = new ProxyConnection(ctx, socket, netClient, servers,
          Math.floorMod(next.getAndIncrement(), servers.size()), core, cache, options.getMaxFrameBytes(),
          () -> proxy.connections.remove(self[0]));
      proxy.connections.add(self[0]);
      self[0].start();
    });
    return server.listen().map(s -> proxy).onFailure(e -> netClient.close());
  }

  /** {@code host:port,host:port} to addresses; a chroot suffix is refused. */
  static List<SocketAddress> parseConnectString(String connect) {
    if (connect == null || connect.isBlank()) {
      throw new IllegalArgumentException("empty ZooKeeper connect string");
    }
    if (connect.contains("/")) {
      throw new IllegalArgumentException("the ZooKeeper connect string '" + connect
          + "' has a chroot: clients set their own chroot, the proxy fronts the whole tree");
    }
    List<SocketAddress> out = new ArrayList<>();
    for (String part : connect.split(",")) {
      String p = part.trim();
      int colon = p.lastIndexOf(':');
      if (colon <= 0 || colon == p.length() - 1) {
        throw new IllegalArgumentException("'" + p + "' in the ZooKeeper connect string is not host:port");
      }
      int port;
      try {
        port = Integer.parseInt(p.substring(colon + 1));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("'" + p + "' in the ZooKeeper connect string has a bad port");
      }
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException("'" + p + "' in the ZooKeeper connect string has a bad port");
      }
      out.add(SocketAddress.inetSocketAddress(port, p.substring(0, colon)));
    }
    return List.copyOf(out);
  }

  public int port() {
    return server.actualPort();
  }

  public String host() {
    return host;
  }

  public boolean tls() {
    return tls;
  }

  public int connections() {
    return connections.size();
  }

  /** Closes the listener and every connection. */
  public Future<Void> close() {
    for (ProxyConnection c : List.copyOf(connections)) {
      c.context().runOnContext(v -> c.close());
    }
    return server.close().eventually(netClient::close);
  }
}
