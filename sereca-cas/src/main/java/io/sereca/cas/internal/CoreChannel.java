package io.sereca.cas.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sereca.enclave.boundary.Ocall;
import io.sereca.host.Enclave;
import io.sereca.host.EnclaveFailure;
import io.sereca.host.OcallListener;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The host's line to the CAS core enclave: delivers a JSON request to a {@code cas.*} address and
 * completes with the core's JSON reply. The core answers every request (refusals included) with a
 * reply, so a failed future means the enclave itself failed or timed out.
 */
public final class CoreChannel implements OcallListener {

  static final ObjectMapper JSON = new ObjectMapper();
  private static final System.Logger LOG = System.getLogger(CoreChannel.class.getName());

  private final Map<Long, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
  private final AtomicLong tokens = new AtomicLong();
  private final Duration timeout;
  private volatile Enclave enclave;
  private volatile Runnable onRestart = () -> {};

  CoreChannel(Duration timeout) {
    this.timeout = timeout;
  }

  void attach(Enclave enclave) {
    this.enclave = enclave;
  }

  void onRestart(Runnable action) {
    this.onRestart = action;
  }

  Enclave enclave() {
    return enclave;
  }

  /** Sends {@code request} to {@code address}; the future completes with the core's reply. */
  CompletableFuture<JsonNode> call(String address, ObjectNode request) {
    Enclave e = enclave;
    if (e == null || !e.isRunning()) {
      return CompletableFuture.failedFuture(new IOException("the CAS core enclave is not running"));
    }
    long token = tokens.incrementAndGet();
    CompletableFuture<JsonNode> answer = new CompletableFuture<>();
    pending.put(token, answer);
    byte[] body;
    try {
      body = JSON.writeValueAsBytes(request);
    } catch (IOException ex) {
      pending.remove(token);
      return CompletableFuture.failedFuture(ex);
    }
    e.deliver(address, Map.of(), body, token).whenComplete((v, err) -> {
      if (err != null) {
        CompletableFuture<JsonNode> f = pending.remove(token);
        if (f != null) {
          f.completeExceptionally(err);
        }
      }
    });
    return answer.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
        .whenComplete((v, err) -> pending.remove(token));
  }

  @Override
  public void onOcall(Enclave from, Ocall ocall) {
    if (ocall instanceof Ocall.Reply reply) {
      CompletableFuture<JsonNode> f = pending.remove(reply.replyToken());
      if (f != null) {
        try {
          f.complete(JSON.readTree(reply.body()));
        } catch (IOException e) {
          f.completeExceptionally(new IOException("the CAS core sent a reply that is not JSON"));
        }
      }
    } else if (ocall instanceof Ocall.Fail fail) {
      CompletableFuture<JsonNode> f = pending.remove(fail.replyToken());
      if (f != null) {
        f.completeExceptionally(new IOException("the CAS core failed: " + fail.message()));
      }
    } else if (ocall instanceof Ocall.Log log) {
      LOG.log(log.level() >= 1 ? System.Logger.Level.WARNING : System.Logger.Level.INFO,
          "CAS core: {0}", log.message());
    }
  }

  @Override
  public void onFailure(Enclave from, EnclaveFailure failure) {
    IOException gone = new IOException("the CAS core enclave failed: " + failure);
    pending.values().forEach(f -> f.completeExceptionally(gone));
    pending.clear();
  }

  @Override
  public void onRestarted(Enclave from) {
    onRestart.run();
  }
}
