package io.sereca.host;

import io.sereca.enclave.boundary.Ocall;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** Records ocalls, answers the enclave's requests to "outside", and pairs replies with requests. */
final class RecordingListener implements OcallListener {

  final List<Ocall> ocalls = new CopyOnWriteArrayList<>();
  final List<EnclaveFailure> failures = new CopyOnWriteArrayList<>();
  final List<Enclave> restarted = new CopyOnWriteArrayList<>();
  private final Map<Long, CompletableFuture<Ocall>> answers = new ConcurrentHashMap<>();
  private final AtomicLong tokens = new AtomicLong(1);

  @Override
  public void onOcall(Enclave enclave, Ocall ocall) {
    ocalls.add(ocall);
    if (ocall instanceof Ocall.Reply) {
      complete(((Ocall.Reply) ocall).replyToken(), ocall);
    } else if (ocall instanceof Ocall.Fail) {
      complete(((Ocall.Fail) ocall).replyToken(), ocall);
    } else if (ocall instanceof Ocall.Request) {
      Ocall.Request r = (Ocall.Request) ocall;
      // Answer off the calling thread, as an event bus would.
      CompletableFuture.runAsync(() -> {
        if (r.address().equals("outside")) {
          enclave.completeRequest(r.requestId(), Map.of(),
              ("outside got " + new String(r.body(), StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
        } else {
          enclave.failRequest(r.requestId(), -2, "no handlers for " + r.address());
        }
      });
    }
  }

  private void complete(long token, Ocall ocall) {
    answers.computeIfAbsent(token, t -> new CompletableFuture<>()).complete(ocall);
  }

  @Override
  public void onFailure(Enclave enclave, EnclaveFailure failure) {
    failures.add(failure);
  }

  @Override
  public void onRestarted(Enclave enclave) {
    restarted.add(enclave);
  }

  /** Delivers a request and waits for the enclave's Reply or Fail ocall. */
  Ocall request(Enclave enclave, String address, byte[] body) throws Exception {
    long token = tokens.getAndIncrement();
    CompletableFuture<Ocall> answer = answers.computeIfAbsent(token, t -> new CompletableFuture<>());
    enclave.deliver(address, Map.of(), body, token).get(30, TimeUnit.SECONDS);
    return answer.get(30, TimeUnit.SECONDS);
  }

  /** The reply body, failing the test if the enclave failed the request. */
  byte[] replyBody(Enclave enclave, String address, byte[] body) throws Exception {
    Ocall o = request(enclave, address, body);
    if (o instanceof Ocall.Fail) {
      throw new AssertionError("enclave failed the request: " + ((Ocall.Fail) o).message());
    }
    return ((Ocall.Reply) o).body();
  }

  String replyText(Enclave enclave, String address, String body) throws Exception {
    return new String(replyBody(enclave, address, body.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
  }
}
