package io.sereca.keeper.internal;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import java.io.File;
import java.io.IOException;
import java.lang.reflect.Field;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.apache.zookeeper.server.DataTree;
import org.apache.zookeeper.server.NettyServerCnxnFactory;
import org.apache.zookeeper.server.ServerCnxnFactory;
import org.apache.zookeeper.server.ZooKeeperServer;

/**
 * A real, standalone ZooKeeper server in this JVM, as {@code ZooKeeperServerMain} runs it (a
 * {@link ZooKeeperServer} behind a {@link ServerCnxnFactory}), on 127.0.0.1 with its snapshots and
 * transaction logs in a data directory. TTL nodes are enabled (extended types). The client port
 * is ZooKeeper's Netty connection factory.
 *
 * <p>{@link #startInServer} is the in-server layout: the keeper's {@link InServerCodec} sits in
 * every client channel of that factory, so clients speak plaintext to the server's own port and
 * ZooKeeper's classes, tree, snapshots and logs only ever hold ciphertext.
 */
public final class EmbeddedZooKeeper implements AutoCloseable {

  private static final int TICK_MILLIS = 2000;
  /** The name ZooKeeper 3.9's Netty factory gives its connection handler. */
  private static final String CONNECTION_HANDLER = "servercnxnfactory";

  private final ZooKeeperServer server;
  private final ServerCnxnFactory factory;
  private final Path dataDirectory;

  private EmbeddedZooKeeper(ZooKeeperServer server, ServerCnxnFactory factory, Path dataDirectory) {
    this.server = server;
    this.factory = factory;
    this.dataDirectory = dataDirectory;
  }

  /**
   * Starts a server on 127.0.0.1:{@code port} (0: any free port) with {@code dataDirectory}.
   *
   * @throws IOException if the port is taken or the directory unusable
   */
  public static EmbeddedZooKeeper start(int port, Path dataDirectory) throws IOException {
    return start("127.0.0.1", port, dataDirectory, null);
  }

  /**
   * Starts a server on {@code host:port} whose client port carries the keeper's crypto ({@code core}, frames up to
   * {@code maxFrameBytes}) in ZooKeeper's own network layer.
   *
   * @throws IOException if the port is taken, the directory unusable, or this ZooKeeper version's
   *     Netty factory is not the one the codec was built for
   */
  public static EmbeddedZooKeeper startInServer(String host, int port, Path dataDirectory, CryptoCore core,
      int maxFrameBytes) throws IOException {
    NameCache cache = new NameCache(NameCache.DEFAULT_ENTRIES);
    return start(host, port, dataDirectory, () -> new InServerCodec(core, cache, maxFrameBytes));
  }

  private static EmbeddedZooKeeper start(String host, int port, Path dataDirectory, Supplier<ChannelHandler> codec)
      throws IOException {
    // TTL nodes need the server's extended ephemeral types; read when nodes are created.
    System.setProperty("zookeeper.extendedTypesEnabled", "true");
    Files.createDirectories(dataDirectory);
    File dir = dataDirectory.toFile();
    ZooKeeperServer zks = new ZooKeeperServer(dir, dir, TICK_MILLIS);
    ServerCnxnFactory factory = nettyFactory();
    factory.configure(new InetSocketAddress(host, port), 1000, -1, false);
    if (codec != null) {
      // Before the port is bound: no client channel can exist without the codec.
      installCodec(factory, codec);
    }
    try {
      factory.startup(zks);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      factory.shutdown();
      throw new IOException("interrupted while starting ZooKeeper", e);
    } catch (IOException | RuntimeException e) {
      factory.shutdown();
      throw e;
    }
    return new EmbeddedZooKeeper(zks, factory, dataDirectory);
  }

  /** ZooKeeper's Netty factory (its constructor is package-private; the property route is global). */
  private static ServerCnxnFactory nettyFactory() throws IOException {
    try {
      var ctor = NettyServerCnxnFactory.class.getDeclaredConstructor();
      ctor.setAccessible(true);
      return ctor.newInstance();
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new IOException("cannot create ZooKeeper's Netty connection factory: " + e, e);
    }
  }

  /**
   * Wraps the factory's child initializer: ZooKeeper's handlers first (TLS, if it ever has it,
   * stays next to the socket), then the codec just before ZooKeeper's connection handler.
   */
  private static void installCodec(ServerCnxnFactory factory, Supplier<ChannelHandler> codec) throws IOException {
    ServerBootstrap bootstrap;
    try {
      Field f = NettyServerCnxnFactory.class.getDeclaredField("bootstrap");
      f.setAccessible(true);
      bootstrap = (ServerBootstrap) f.get(factory);
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new IOException("this ZooKeeper's Netty factory has no bootstrap to install the keeper codec in"
          + " (built for ZooKeeper 3.9): " + e, e);
    }
    ChannelHandler zookeeperInit = bootstrap.config().childHandler();
    bootstrap.childHandler(new ChannelInitializer<Channel>() {
      @Override
      protected void initChannel(Channel ch) {
        ch.pipeline().addLast(zookeeperInit);
        if (ch.pipeline().get(CONNECTION_HANDLER) == null) {
          // Fail closed: without ZooKeeper's handler where expected, no codec, so no connection.
          ch.close();
          throw new IllegalStateException("ZooKeeper's connection handler '" + CONNECTION_HANDLER + "' is missing");
        }
        ch.pipeline().addBefore(CONNECTION_HANDLER, "sereca-keeper", codec.get());
      }
    });
  }

  /** The server's in-memory tree (what it stores: ciphertext in the in-server layout). */
  public DataTree dataTree() {
    return server.getZKDatabase().getDataTree();
  }

  /** The port the server listens on. */
  public int port() {
    return factory.getLocalPort();
  }

  /** {@code host:port} of the client port. */
  public String connectString() {
    return factory.getLocalAddress().getHostString() + ":" + port();
  }

  /** Client connections open now. */
  public int connections() {
    return factory.getNumAliveConnections();
  }

  /** Where snapshots ({@code version-2/snapshot.*}) and transaction logs ({@code log.*}) live. */
  public Path dataDirectory() {
    return dataDirectory;
  }

  /** Writes a snapshot now (ZooKeeper otherwise snapshots every {@code snapCount} transactions). */
  public void takeSnapshot() throws IOException {
    server.takeSnapshot(true);
  }

  @Override
  public void close() {
    factory.shutdown();
    server.shutdown();
  }
}
