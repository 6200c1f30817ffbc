package io.sereca.vertx;

import io.sereca.enclave.bus.KeyRing;
import io.sereca.enclave.bus.ReplayWindow;
import io.sereca.enclave.bus.RouteCipher;
import io.sereca.enclave.bus.RouteKey;
import io.sereca.enclave.bus.RouteTable;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.EventBusOptions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A cluster member in its own JVM, for the multi-process tests. Prints {@code READY} once its
 * verticles are deployed, then runs until killed or its stdin closes.
 *
 * <p>Args: {@code hazelcastPort memberPorts(comma) role dataDir bundle backend routeKeyBase64 [tlsDir]}.
 * Roles: {@code secure} (a SecureVerticle provisioned by the test's DevProvisioner) and {@code
 * regular} (a regular verticle holding the route key, answering {@code vault.peer}).
 */
public final class ClusterNode {

  private ClusterNode() {}

  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    List<Integer> members = new ArrayList<>();
    for (String p : args[1].split(",")) {
      members.add(Integer.parseInt(p));
    }
    String role = args[2];
    EventBusOptions eb = args.length > 7 ? ClusterTest.tlsOptions(java.nio.file.Path.of(args[7]), "node-" + port)
        : new EventBusOptions();
    Vertx vertx = Clustering.start(Clustering.loopbackHazelcast(port, members), eb).await(60, TimeUnit.SECONDS);
    if (role.equals("secure")) {
      SecureVerticleOptions o = new SecureVerticleOptions().setBundle(args[4]).setBackend(args[5])
          .setDataDirectory(args[3]).setProvisioner(DevProvisioner.DEFAULT_ADDRESS);
      vertx.deployVerticle(new SecureVerticle(), new DeploymentOptions().setConfig(o.toJson()))
          .await(60, TimeUnit.SECONDS);
    } else if (role.equals("regular")) {
      KeyRing ring = new KeyRing(60_000);
      ring.add(RouteKey.create("vault-key", 1, Base64.getDecoder().decode(args[6])), System.currentTimeMillis());
      RouteCipher cipher = new RouteCipher(RouteCipher.newSenderId("regular-node"),
          RouteTable.parse("vault.* = vault-key"), ring, new ReplayWindow(), 30_000, System::currentTimeMillis);
      vertx.eventBus().<Buffer>consumer("vault.peer", m -> {
        try {
          RouteCipher.Opened req = cipher.open("vault.peer", m.body().getBytes(), new byte[0]);
          m.reply(Buffer.buffer(cipher.seal("vault.peer", RouteCipher.Kind.REPLY, Map.of(),
              ("regular node " + port + " got " + new String(req.body(), java.nio.charset.StandardCharsets.UTF_8))
                  .getBytes(java.nio.charset.StandardCharsets.UTF_8), req.replyBinding()).envelope()));
        } catch (Exception e) {
          m.fail(400, e.getMessage());
        }
      }).completion().await(30, TimeUnit.SECONDS);
    } else {
      System.err.println("unknown role " + role);
      System.exit(2);
    }
    System.out.println("READY");
    System.out.flush();
    // Run until the test closes our stdin (or kills us).
    while (System.in.read() >= 0) {
      // keep reading
    }
    vertx.close().await(30, TimeUnit.SECONDS);
    System.exit(0);
  }
}
