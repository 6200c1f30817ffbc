package io.sereca.bench.harness.internal;

import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import java.util.concurrent.TimeUnit;

/**
 * A TCP relay on 127.0.0.1 that forwards bytes unchanged to a local port, each way, with the same
 * socket options as the keeper proxy: the cost of one more hop through Vert.x and nothing else.
 * The keeper comparison's reference series; closed with its Vert.x instance.
 */
final class Relay {

  private Relay() {}

  /** Starts a relay to {@code 127.0.0.1:targetPort}; returns its connect string. */
  static String start(Vertx vertx, int targetPort) throws Exception {
    NetClient client = vertx.createNetClient(new NetClientOptions().setTcpNoDelay(true).setConnectTimeout(5_000));
    NetServer server = vertx.createNetServer(new NetServerOptions().setHost("127.0.0.1").setPort(0).setTcpNoDelay(true));
    server.connectHandler(in -> {
      in.pause();
      client.connect(targetPort, "127.0.0.1").onComplete(ar -> {
        if (ar.failed()) {
          in.close();
          return;
        }
        var out = ar.result();
        in.handler(out::write);
        out.handler(in::write);
        in.closeHandler(v -> out.close());
        out.closeHandler(v -> in.close());
        in.resume();
      });
    });
    server.listen().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    return "127.0.0.1:" + server.actualPort();
  }
}
