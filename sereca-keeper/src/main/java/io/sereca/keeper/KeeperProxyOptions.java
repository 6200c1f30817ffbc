package io.sereca.keeper;

import io.sereca.host.HostOptions;
import io.sereca.host.LaunchOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.KeyCertOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.net.TrustOptions;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Options of a {@link KeeperProxy}, as a data object: where it listens, which ZooKeeper it fronts
 * (an ensemble's connect string, or an embedded server it starts), where it keeps its state, and
 * the enclave backend of its crypto core.
 */
public final class KeeperProxyOptions {

  /** Default listen host: loopback only. */
  public static final String DEFAULT_HOST = "127.0.0.1";
  /** Default proxy port. */
  public static final int DEFAULT_PORT = 2281;
  /** Default port of the embedded ZooKeeper server. */
  public static final int DEFAULT_EMBEDDED_PORT = 2181;
  /** Default frame limit: ZooKeeper's default jute.maxbuffer (1 MiB). */
  public static final int DEFAULT_MAX_FRAME_BYTES = 1 << 20;

  private String host = DEFAULT_HOST;
  private int port = DEFAULT_PORT;
  private String zookeeper;
  private boolean embedded;
  private boolean inServer;
  private int embeddedPort = DEFAULT_EMBEDDED_PORT;
  private Path dataDirectory = HostOptions.defaultDataDirectory().resolve("keeper");
  private Path platformDirectory = HostOptions.defaultDataDirectory();
  private String backend = LaunchOptions.DEFAULT_BACKEND;
  private int maxFrameBytes = DEFAULT_MAX_FRAME_BYTES;
  private KeyCertOptions keyCertOptions;
  private TrustOptions clientTrustOptions;

  /** Defaults: listen on 127.0.0.1:2281, data in {@code $SERECA_HOME/keeper}, backend {@code sim}. */
  public KeeperProxyOptions() {}

  /** Copy constructor. */
  public KeeperProxyOptions(KeeperProxyOptions other) {
    this.host = other.host;
    this.port = other.port;
    this.zookeeper = other.zookeeper;
    this.embedded = other.embedded;
    this.inServer = other.inServer;
    this.embeddedPort = other.embeddedPort;
    this.dataDirectory = other.dataDirectory;
    this.platformDirectory = other.platformDirectory;
    this.backend = other.backend;
    this.maxFrameBytes = other.maxFrameBytes;
    this.keyCertOptions = other.keyCertOptions == null ? null : other.keyCertOptions.copy();
    this.clientTrustOptions = other.clientTrustOptions == null ? null : other.clientTrustOptions.copy();
  }

  /**
   * From JSON; unknown keys are errors (a typo must not silently fall back to a default). TLS is
   * given as PEM file paths: {@code tlsCertPath}, {@code tlsKeyPath}, {@code tlsClientCaPath}.
   *
   * @throws IllegalArgumentException naming the bad key or value
   */
  public KeeperProxyOptions(JsonObject json) {
    String cert = null;
    String key = null;
    String clientCa = null;
    for (String k : json.fieldNames()) {
      try {
        switch (k) {
          case "host": setHost(json.getString(k)); break;
          case "port": setPort(json.getInteger(k)); break;
          case "zookeeper": setZookeeper(json.getString(k)); break;
          case "embedded": setEmbedded(json.getBoolean(k)); break;
          case "inServer": setInServer(json.getBoolean(k)); break;
          case "embeddedPort": setEmbeddedPort(json.getInteger(k)); break;
          case "dataDirectory": setDataDirectory(Path.of(json.getString(k))); break;
          case "platformDirectory": setPlatformDirectory(Path.of(json.getString(k))); break;
          case "backend": setBackend(json.getString(k)); break;
          case "maxFrameBytes": setMaxFrameBytes(json.getInteger(k)); break;
          case "tlsCertPath": cert = json.getString(k); break;
          case "tlsKeyPath": key = json.getString(k); break;
          case "tlsClientCaPath": clientCa = json.getString(k); break;
          default:
            throw new IllegalArgumentException("keeper proxy config has unknown key '" + k + "' (known: host,"
                + " port, zookeeper, embedded, inServer, embeddedPort, dataDirectory, platformDirectory, backend,"
                + " maxFrameBytes, tlsCertPath, tlsKeyPath, tlsClientCaPath)");
        }
      } catch (ClassCastException | NullPointerException e) {
        throw new IllegalArgumentException("keeper proxy config key '" + k + "' has a value of the wrong type");
      }
    }
    if ((cert == null) != (key == null)) {
      throw new IllegalArgumentException("keeper proxy config: tlsCertPath and tlsKeyPath go together");
    }
    if (cert != null) {
      setKeyCertOptions(new PemKeyCertOptions().setCertPath(cert).setKeyPath(key));
    }
    if (clientCa != null) {
      if (cert == null) {
        throw new IllegalArgumentException("keeper proxy config: tlsClientCaPath needs tlsCertPath and tlsKeyPath");
      }
      setClientTrustOptions(new PemTrustOptions().addCertPath(clientCa));
    }
  }

  /** As JSON (TLS as PEM paths when PEM options were used). */
  public JsonObject toJson() {
    JsonObject j = new JsonObject().put("host", host).put("port", port).put("embedded", embedded)
        .put("inServer", inServer).put("embeddedPort", embeddedPort).put("dataDirectory", dataDirectory.toString())
        .put("platformDirectory", platformDirectory.toString()).put("backend", backend)
        .put("maxFrameBytes", maxFrameBytes);
    if (zookeeper != null) {
      j.put("zookeeper", zookeeper);
    }
    if (keyCertOptions instanceof PemKeyCertOptions pem && !pem.getCertPaths().isEmpty()) {
      j.put("tlsCertPath", pem.getCertPaths().get(0)).put("tlsKeyPath", pem.getKeyPaths().get(0));
    }
    if (clientTrustOptions instanceof PemTrustOptions pem && !pem.getCertPaths().isEmpty()) {
      j.put("tlsClientCaPath", pem.getCertPaths().get(0));
    }
    return j;
  }

  /** The host the proxy listens on. */
  public String getHost() {
    return host;
  }

  /** Sets the listen host. */
  public KeeperProxyOptions setHost(String host) {
    this.host = Objects.requireNonNull(host, "host");
    return this;
  }

  /** The proxy port (0: any free port). */
  public int getPort() {
    return port;
  }

  /** Sets the proxy port. */
  public KeeperProxyOptions setPort(int port) {
    this.port = checkPort(port, "port");
    return this;
  }

  /** The connect string of the ZooKeeper ensemble fronted ({@code host:port,host:port}), or null. */
  public String getZookeeper() {
    return zookeeper;
  }

  /** Sets the ensemble's connect string (no chroot: clients set their own). */
  public KeeperProxyOptions setZookeeper(String zookeeper) {
    this.zookeeper = zookeeper;
    return this;
  }

  /** Whether the proxy starts an embedded ZooKeeper server (instead of fronting an ensemble). */
  public boolean isEmbedded() {
    return embedded;
  }

  /** Sets whether to start an embedded server. */
  public KeeperProxyOptions setEmbedded(boolean embedded) {
    this.embedded = embedded;
    return this;
  }

  /**
   * Whether the crypto runs inside the embedded server (SecureKeeper's layout) instead of in a
   * proxy in front of it: the server itself listens on {@link #getHost()}:{@link #getPort()}
   * and every client channel of its own network layer rewrites frames before ZooKeeper parses
   * them. There is no extra hop and no plaintext port; {@link #getEmbeddedPort()} is unused.
   * Needs {@link #isEmbedded()}; not with TLS (use the proxy layout for TLS).
   */
  public boolean isInServer() {
    return inServer;
  }

  /** Sets the in-server layout. */
  public KeeperProxyOptions setInServer(boolean inServer) {
    this.inServer = inServer;
    return this;
  }

  /** The embedded server's port (0: any free port). */
  public int getEmbeddedPort() {
    return embeddedPort;
  }

  /** Sets the embedded server's port. */
  public KeeperProxyOptions setEmbeddedPort(int embeddedPort) {
    this.embeddedPort = checkPort(embeddedPort, "embeddedPort");
    return this;
  }

  /**
   * The proxy's state: the crypto core's sealed keys and signer key, and the embedded server's
   * snapshots and logs ({@code zookeeper/}).
   */
  public Path getDataDirectory() {
    return dataDirectory;
  }

  /** Sets the data directory. */
  public KeeperProxyOptions setDataDirectory(Path dataDirectory) {
    this.dataDirectory = Objects.requireNonNull(dataDirectory, "dataDirectory");
    return this;
  }

  /** The SERECA installation directory holding the (simulation) platform, default {@code $SERECA_HOME}. */
  public Path getPlatformDirectory() {
    return platformDirectory;
  }

  /** Sets the platform directory. */
  public KeeperProxyOptions setPlatformDirectory(Path platformDirectory) {
    this.platformDirectory = Objects.requireNonNull(platformDirectory, "platformDirectory");
    return this;
  }

  /** The enclave backend of the crypto core ({@code sim}, {@code process}, ...). */
  public String getBackend() {
    return backend;
  }

  /** Sets the enclave backend. */
  public KeeperProxyOptions setBackend(String backend) {
    this.backend = Objects.requireNonNull(backend, "backend");
    return this;
  }

  /** The largest client frame accepted (like jute.maxbuffer); larger ones close the connection. */
  public int getMaxFrameBytes() {
    return maxFrameBytes;
  }

  /** Sets the frame limit (1 KiB .. 256 MiB). */
  public KeeperProxyOptions setMaxFrameBytes(int maxFrameBytes) {
    if (maxFrameBytes < 1024 || maxFrameBytes > (256 << 20)) {
      throw new IllegalArgumentException("maxFrameBytes must be 1024..268435456, got " + maxFrameBytes);
    }
    this.maxFrameBytes = maxFrameBytes;
    return this;
  }

  /**
   * The proxy's TLS key and certificate (e.g. {@code PemKeyCertOptions}), or null for plaintext.
   * When set, clients must connect with TLS (the ZooKeeper client's {@code zookeeper.client.secure}
   * with the Netty socket).
   */
  public KeyCertOptions getKeyCertOptions() {
    return keyCertOptions;
  }

  /** Sets the TLS key and certificate; null turns TLS off. */
  public KeeperProxyOptions setKeyCertOptions(KeyCertOptions keyCertOptions) {
    this.keyCertOptions = keyCertOptions;
    return this;
  }

  /**
   * The trust anchors for client certificates, or null. When set (with TLS on), every client
   * must present a certificate they accept (mutual TLS).
   */
  public TrustOptions getClientTrustOptions() {
    return clientTrustOptions;
  }

  /** Sets the client trust anchors; null accepts clients without certificates. */
  public KeeperProxyOptions setClientTrustOptions(TrustOptions clientTrustOptions) {
    this.clientTrustOptions = clientTrustOptions;
    return this;
  }

  private static int checkPort(int port, String name) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException(name + " must be 0..65535, got " + port);
    }
    return port;
  }
}
