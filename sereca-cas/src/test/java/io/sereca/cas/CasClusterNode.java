package io.sereca.cas;

import io.sereca.bus.ClusterTls;
import io.sereca.bus.DevPki;
import io.sereca.vertx.Clustering;
import io.sereca.vertx.SecureVerticle;
import io.sereca.vertx.SecureVerticleOptions;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A cluster member in its own JVM for {@link CasClusterTest}: one secure verticle that gets
 * everything from the CAS on the other node. Prints {@code READY}, runs until stdin closes.
 *
 * <p>Args: {@code hazelcastPort memberPorts(comma) dataDir tlsDir bundle service}.
 */
public final class CasClusterNode {

  private CasClusterNode() {}

  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    List<Integer> members = new ArrayList<>();
    for (String p : args[1].split(",")) {
      members.add(Integer.parseInt(p));
    }
    Path tls = Path.of(args[3]);
    Vertx vertx = Clustering.start(Clustering.loopbackHazelcast(port, members),
        ClusterTls.eventBusOptions(tls.resolve(DevPki.CA_CERTIFICATE), tls.resolve("node-" + port + ".pem"),
            tls.resolve("node-" + port + "-key.pem"))).await(60, TimeUnit.SECONDS);
    vertx.deployVerticle(new SecureVerticle(), new DeploymentOptions().setConfig(new SecureVerticleOptions()
        .setBundle(args[4]).setService(args[5]).setProvisioner(CasOptions.DEFAULT_BUS_ADDRESS)
        .setDataDirectory(args[2]).toJson())).await(60, TimeUnit.SECONDS);
    System.out.println("READY");
    System.out.flush();
    while (System.in.read() >= 0) {
      // Run until the test closes our stdin.
    }
    vertx.close().await(30, TimeUnit.SECONDS);
    System.exit(0);
  }
}
