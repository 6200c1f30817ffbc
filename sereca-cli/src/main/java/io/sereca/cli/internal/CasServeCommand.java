package io.sereca.cli.internal;

import io.sereca.cas.CasOptions;
import io.sereca.cas.CasServer;
import io.sereca.cli.SerecaCommand;
import io.sereca.vertx.Clustering;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.EventBusOptions;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sereca cas serve}: run the CAS until interrupted. */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = {"Start the CAS: HTTPS REST API and the provisioning endpoint on the event bus.",
        "With --cluster-port it joins a Hazelcast cluster on 127.0.0.1 so secure verticles on other",
        "nodes can attest to it. Runs until interrupted (Ctrl-C)."})
public final class CasServeCommand implements Callable<Integer> {

  @Spec
  private CommandSpec spec;

  @Mixin
  private DataDirOption data;

  @Option(names = "--host", defaultValue = CasOptions.DEFAULT_HOST, description = "Listen host. Default: ${DEFAULT-VALUE}.")
  private String host;

  @Option(names = "--port", defaultValue = "8443", description = "HTTPS port. Default: ${DEFAULT-VALUE}.")
  private int port;

  @Option(names = "--backend", defaultValue = "sim",
      description = "Backend of the CAS's own enclave: sim, process, gramine-sgx, tdx, sev-snp. Default: ${DEFAULT-VALUE}.")
  private String backend;

  @Option(names = "--cluster-port", description = "Join a Hazelcast cluster, listening on this port (127.0.0.1).")
  private Integer clusterPort;

  @Option(names = "--members", split = ",", description = "Hazelcast member ports on 127.0.0.1 (with --cluster-port).")
  private List<Integer> members = new ArrayList<>();

  @Option(names = "--exit-after-start", hidden = true, description = "Stop once started (for tests).")
  private boolean exitAfterStart;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    if (backend.equals("sim") || backend.equals("process")) {
      SimulationBanner.printBackend(out, backend);
    }
    Vertx vertx;
    if (clusterPort != null) {
      List<Integer> all = new ArrayList<>(members);
      if (!all.contains(clusterPort)) {
        all.add(clusterPort);
      }
      vertx = Clustering.start(Clustering.loopbackHazelcast(clusterPort, all), new EventBusOptions())
          .await(120, TimeUnit.SECONDS);
    } else {
      vertx = Vertx.vertx();
    }
    CasServer server = new CasServer(new CasOptions().setHost(host).setPort(port).setBackend(backend)
        .setDataDirectory(data.dataDir()));
    try {
      vertx.deployVerticle(server).await(180, TimeUnit.SECONDS);
    } catch (Exception e) {
      vertx.close().await(30, TimeUnit.SECONDS);
      throw new CommandFailure(CommandFailure.reason(e));
    }
    out.println("CAS listening on https://" + host + ":" + server.actualPort()
        + " (TLS CA: " + data.dataDir().resolve("cas/tls/ca.pem") + ")");
    out.println("event-bus endpoint: " + CasOptions.DEFAULT_BUS_ADDRESS + ".{nonce,attest,release,rotated}");
    out.println("CAS core measurement: " + server.measurement()
        + " (give it to 'sereca cas verify --expect-measurement')");
    out.flush();
    try {
      ServiceLifetime.await("cas", exitAfterStart ? 0L : null);
    } finally {
      vertx.close().await(30, TimeUnit.SECONDS);
    }
    return SerecaCommand.EXIT_OK;
  }
}
