package io.sereca.keeper.internal;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.zookeeper.server.ServerCnxnFactory;
import org.apache.zookeeper.server.ZooKeeperServer;

/**
 * A real, standalone ZooKeeper server in this JVM, as {@code ZooKeeperServerMain} runs it (a
 * {@link ZooKeeperServer} behind a {@link ServerCnxnFactory}), on 127.0.0.1 with its snapshots and
 * transaction logs in a data directory. TTL nodes are enabled (extended types).
 */
public final class EmbeddedZooKeeper implements AutoCloseable {

  private static final int TICK_MILLIS = 2000;

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
    // TTL nodes need the server's extended ephemeral types; read when nodes are created.
    System.setProperty("zookeeper.extendedTypesEnabled", "true");
    Files.createDirectories(dataDirectory);
    File dir = dataDirectory.toFile();
    ZooKeeperServer zks = new ZooKeeperServer(dir, dir, TICK_MILLIS);
    ServerCnxnFactory factory = ServerCnxnFactory.createFactory(new InetSocketAddress("127.0.0.1", port), 1000);
    try {
      factory.startup(zks);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      factory.shutdown();
      throw new IOException("interrupted while starting ZooKeeper", e);
    }
    return new EmbeddedZooKeeper(zks, factory, dataDirectory);
  }

  /** The port the server listens on. */
  public int port() {
    return factory.getLocalPort();
  }

  /** {@code 127.0.0.1:<port>}. */
  public String connectString() {
    return "127.0.0.1:" + port();
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
