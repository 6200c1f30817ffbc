package io.sereca.cas.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sereca.cas.AuditEntry;
import io.sereca.cas.CasOptions;
import io.sereca.host.Enclave;
import io.sereca.host.EnclaveBundle;
import io.sereca.host.EnclaveHost;
import io.sereca.host.HostOptions;
import io.sereca.host.LaunchOptions;
import io.sereca.host.ProvisioningRequest;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs the CAS core enclave and is the only way to it: requests go through one at a time (on an
 * ordered worker), and whatever the core changed (sealed state, audit entries) is stored before
 * the caller sees the reply, so nothing a client was told can be lost in a crash.
 */
public final class CasService implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(CasService.class.getName());
  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

  private final Vertx vertx;
  private final CasOptions options;
  private final CasStore store;
  private final EnclaveHost host;
  private final CoreChannel channel = new CoreChannel(CALL_TIMEOUT);
  private final String simulationRootPem;
  private volatile JsonNode identity;
  private Enclave enclave;

  private CasService(Vertx vertx, CasOptions options, CasStore store, EnclaveHost host, String simRoot) {
    this.vertx = vertx;
    this.options = options;
    this.store = store;
    this.host = host;
    this.simulationRootPem = simRoot;
  }

  /** The CAS's files inside the data directory. */
  public static Path casDirectory(Path dataDirectory) {
    return dataDirectory.resolve("cas");
  }

  /**
   * Launches the core enclave and opens the stored state (blocking; call from a worker).
   *
   * @throws IOException naming the problem, e.g. a tampered or rolled-back state
   */
  public static CasService start(Vertx vertx, CasOptions options) throws IOException {
    Path data = options.getDataDirectory();
    if (data == null) {
      throw new IOException("the CAS needs a data directory");
    }
    CasStore store = CasStore.open(casDirectory(data));
    EnclaveHost host = null;
    try {
      host = EnclaveHost.create(new HostOptions().setDataDirectory(data));
      String simRoot = pem(host.simulationAuthority().rootCertificate().getEncoded());
      CasService service = new CasService(vertx, options, store, host, simRoot);
      EnclaveBundle bundle = CoreBundle.signed(casDirectory(data));
      service.enclave = await(host.launch(bundle, new LaunchOptions().setBackend(options.getBackend())
          .setName("sereca-cas-core"), service.channel), Duration.ofSeconds(120), "launching the CAS core");
      service.channel.attach(service.enclave);
      if (service.enclave.simulated()) {
        LOG.log(System.Logger.Level.WARNING, "the CAS core runs on the SIMULATED '" + service.enclave.backend()
            + "' backend: its keys and secrets have no hardware protection");
      }
      service.channel.onRestart(() -> vertx.executeBlocking(() -> {
        service.open();
        return null;
      }).onFailure(e -> LOG.log(System.Logger.Level.ERROR, "reopening the restarted CAS core failed: " + e.getMessage())));
      service.open();
      return service;
    } catch (IOException e) {
      store.close();
      if (host != null) {
        host.close();
      }
      throw e;
    } catch (Exception e) {
      store.close();
      if (host != null) {
        host.close();
      }
      throw new IOException("cannot start the CAS: " + e.getMessage(), e);
    }
  }

  private void open() throws IOException {
    ObjectNode req = CoreChannel.JSON.createObjectNode();
    store.state().ifPresent(s -> req.put("state", Base64.getEncoder().encodeToString(s)));
    store.lastEntry().ifPresent(e -> req.putObject("auditTail").put("seq", e.seq()).put("hash", e.hash()));
    req.put("simulationRoot", Base64.getEncoder().encodeToString(simulationRootPem.getBytes(StandardCharsets.US_ASCII)));
    req.put("propagationMillis", options.getRotationPropagation().toMillis());
    req.put("leaseTtlMillis", options.getLeaseTtl().toMillis());
    JsonNode reply = callBlocking("cas.open", req);
    if (reply.path("status").asInt() != 200) {
      throw new IOException("the CAS refuses to start: " + reply.path("reason").asText());
    }
    identity = reply.path("identity");
  }

  /** The identity the core vouches for: its signing and exchange keys (JSON). */
  public JsonNode identity() {
    return identity;
  }

  /** The core enclave. */
  public Enclave enclave() {
    return enclave;
  }

  /** Sends a request to the core, stores what changed, and completes with the reply. */
  public Future<JsonNode> call(String address, ObjectNode request) {
    return vertx.executeBlocking(() -> callBlocking(address, request), true);
  }

  /** Evidence of the core bound to {@code nonce} and its claims (its keys). */
  public Future<ProvisioningRequest> attestation(byte[] nonce) {
    return Future.fromCompletionStage(enclave.requestProvisioning(nonce));
  }

  /** Audit entries from {@code from}, at most {@code limit}. */
  public Future<List<AuditEntry>> auditEntries(long from, int limit) {
    return vertx.executeBlocking(() -> store.entries(from, limit));
  }

  private synchronized JsonNode callBlocking(String address, ObjectNode request) throws IOException {
    JsonNode reply = await(channel.call(address, request), CALL_TIMEOUT.plusSeconds(5), address);
    if (reply.hasNonNull("state")) {
      List<AuditEntry> entries = new ArrayList<>();
      for (JsonNode e : reply.path("audit")) {
        entries.add(new AuditEntry(e.path("seq").asLong(), e.path("time").asLong(),
            e.path("type").asText(), e.path("subject").asText(), e.path("outcome").asText(),
            e.path("detail").asText(), e.path("prev").asText(), e.path("hash").asText()));
      }
      store.commit(reply.path("stateVersion").asLong(), Base64.getDecoder().decode(reply.path("state").asText()), entries);
    }
    return reply;
  }

  private static <T> T await(java.util.concurrent.CompletableFuture<T> f, Duration timeout, String what)
      throws IOException {
    try {
      return f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new IOException(what + " failed: " + cause.getMessage(), cause);
    } catch (TimeoutException e) {
      throw new IOException(what + " timed out after " + timeout.toSeconds() + " s", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(what + " was interrupted", e);
    }
  }

  private static String pem(byte[] der) {
    return "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
        .encodeToString(der) + "\n-----END CERTIFICATE-----\n";
  }

  @Override
  public void close() {
    if (enclave != null) {
      enclave.close();
    }
    host.close();
    store.close();
  }
}
