package io.sereca.cli.internal;

import io.sereca.cli.SerecaCommand;
import io.sereca.keeper.KeeperProxy;
import io.sereca.keeper.KeeperProxyOptions;
import io.vertx.core.Vertx;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code sereca keeper}: the confidential ZooKeeper proxy. */
@Command(
    name = "keeper",
    mixinStandardHelpOptions = true,
    description = {
        "Confidential ZooKeeper proxy: clients connect to it as to ZooKeeper; the ZooKeeper"
            + " server behind it stores only encrypted paths and values.",
        "Either --embedded (starts a real ZooKeeper server on 127.0.0.1) or --zk (fronts an"
            + " existing ensemble). Runs until interrupted."})
public final class KeeperCommand implements Callable<Integer> {

  @Spec
  private CommandSpec spec;

  @Mixin
  private BackendOption backend;

  @Mixin
  private DataDirOption platform;

  @ArgGroup(exclusive = true, multiplicity = "1")
  private Upstream upstream;

  static final class Upstream {
    @Option(names = "--embedded", required = true,
        description = "Start an embedded ZooKeeper server (snapshots and logs in DIR/zookeeper).")
    boolean embedded;

    @Option(names = "--zk", required = true, paramLabel = "HOST:PORT[,HOST:PORT...]",
        description = "Connect string of the ZooKeeper ensemble to front.")
    String zk;
  }

  @Option(names = "--listen", paramLabel = "PORT", defaultValue = "2281",
      description = "Proxy port on 127.0.0.1 (with --in-server: the server's client port)."
          + " Default: ${DEFAULT-VALUE}.")
  private int listen;

  @Option(names = "--in-server",
      description = "With --embedded: run the crypto inside the server's own network layer"
          + " (SecureKeeper's layout, no proxy hop) instead of a proxy in front of it; the server"
          + " listens on --listen and has no plaintext-free port. Not with TLS.")
  private boolean inServer;

  @Option(names = "--zk-port", paramLabel = "PORT", defaultValue = "2181",
      description = "Port of the embedded ZooKeeper server. Default: ${DEFAULT-VALUE}.")
  private int zkPort;

  @Option(names = "--data", paramLabel = "DIR",
      description = "Proxy state: sealed keys, signer key, embedded server data."
          + " Default: DATA_DIR/keeper.")
  private Path data;

  @Option(names = "--tls-cert", paramLabel = "PEM",
      description = "Serve clients over TLS with this certificate (chain) ...")
  private Path tlsCert;

  @Option(names = "--tls-key", paramLabel = "PEM", description = "... and this private key (PKCS#8 PEM).")
  private Path tlsKey;

  @Option(names = "--tls-client-ca", paramLabel = "PEM",
      description = "Require client certificates issued by these CA certificates (mutual TLS).")
  private Path tlsClientCa;

  @Option(names = "--run-for", paramLabel = "SECONDS",
      description = "Stop after this many seconds (default: run until interrupted).")
  private Long runFor;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    Path dataDir = (data != null ? data : platform.dataDir().resolve("keeper")).toAbsolutePath().normalize();
    KeeperProxyOptions options = new KeeperProxyOptions()
        .setPort(listen)
        .setEmbedded(upstream.embedded)
        .setInServer(inServer)
        .setEmbeddedPort(zkPort)
        .setZookeeper(upstream.zk)
        .setDataDirectory(dataDir)
        .setPlatformDirectory(platform.dataDir())
        .setBackend(backend.backend());
    if (inServer && !upstream.embedded) {
      throw new ParameterException(spec.commandLine(), "--in-server needs --embedded (an ensemble is fronted"
          + " by the proxy)");
    }
    if (inServer && tlsCert != null) {
      throw new ParameterException(spec.commandLine(), "--in-server does not do TLS: leave it out to serve"
          + " TLS from the proxy");
    }
    if ((tlsCert == null) != (tlsKey == null)) {
      throw new ParameterException(spec.commandLine(), "--tls-cert and --tls-key go together");
    }
    if (tlsClientCa != null && tlsCert == null) {
      throw new ParameterException(spec.commandLine(), "--tls-client-ca needs --tls-cert and --tls-key");
    }
    if (tlsCert != null) {
      options.setKeyCertOptions(new PemKeyCertOptions().setCertPath(tlsCert.toString()).setKeyPath(tlsKey.toString()));
      if (tlsClientCa != null) {
        options.setClientTrustOptions(new PemTrustOptions().addCertPath(tlsClientCa.toString()));
      }
    }
    SimulationBanner.printBackend(out, backend.backend());
    out.println("!! The keeper crypto core (its keys, path and value encryption) runs in this SIMULATED"
        + " enclave backend.");
    Vertx vertx = Vertx.vertx();
    KeeperProxy proxy;
    try {
      proxy = KeeperProxy.start(vertx, options).toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      vertx.close();
      throw CommandFailure.because("the keeper proxy did not start", e.getCause());
    }
    out.println("crypto core: enclave backend " + proxy.backend() + (proxy.simulated() ? " (SIMULATED)" : "")
        + ", keys sealed in " + dataDir);
    if (proxy.inServer()) {
      out.println("ZooKeeper (embedded, data in " + dataDir.resolve("zookeeper") + ") with the crypto in its"
          + " network layer, listening on " + proxy.connectString()
          + " (plaintext) - point ZooKeeper clients (zkCli, Curator) there");
    } else {
      out.println("ZooKeeper " + (upstream.embedded ? "(embedded, data in " + dataDir.resolve("zookeeper") + ")"
          : "ensemble") + " at " + proxy.upstreamConnectString());
      out.println("keeper proxy listening on " + proxy.connectString() + (proxy.tls() ? " (TLS"
          + (tlsClientCa != null ? ", client certificates required)" : ")") : " (plaintext)")
          + " - point ZooKeeper clients (zkCli, Curator) there");
    }
    out.flush();
    try {
      ServiceLifetime.await("keeper", runFor);
    } finally {
      proxy.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      out.println(proxy.inServer() ? "keeper server stopped" : "keeper proxy stopped");
    }
    return SerecaCommand.EXIT_OK;
  }
}
