package io.sereca.enclave.internal;

import io.sereca.enclave.EnclaveMessage;
import io.sereca.enclave.MessageHandler;
import io.sereca.enclave.ReplyException;
import io.sereca.enclave.boundary.Ecall;
import io.sereca.enclave.boundary.Ocall;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Looks handlers up by address inside the enclave (one entry point for all messages, as in Vert.x
 * Vault) and matches replies to the enclave's outstanding requests.
 */
final class Dispatcher {

  /** Failure code sent when a handler throws. */
  static final int HANDLER_FAILED = 500;

  private final Consumer<Ocall> out;
  private final Map<String, MessageHandler> handlers = new HashMap<>();
  private final Map<Long, CompletableFuture<EnclaveMessage>> pending = new HashMap<>();
  private long nextRequestId = 1;

  Dispatcher(Consumer<Ocall> out) {
    this.out = out;
  }

  void register(String address, MessageHandler handler) {
    if (handlers.putIfAbsent(address, handler) != null) {
      throw new IllegalStateException("address already has a handler in this enclave: " + address);
    }
    out.accept(new Ocall.Register(address));
  }

  void unregister(String address) {
    if (handlers.remove(address) != null) {
      out.accept(new Ocall.Unregister(address));
    }
  }

  CompletableFuture<EnclaveMessage> request(
      String address, Map<String, String> headers, byte[] body, long timeoutMillis) {
    long id = nextRequestId++;
    CompletableFuture<EnclaveMessage> reply = new CompletableFuture<>();
    pending.put(id, reply);
    try {
      out.accept(new Ocall.Request(id, address, headers, body, timeoutMillis));
    } catch (RuntimeException e) {
      pending.remove(id);
      throw e;
    }
    return reply;
  }

  /** Completes a pending request; false if the id is unknown (late, duplicate or forged). */
  boolean complete(Ecall.ReplyResult result) {
    CompletableFuture<EnclaveMessage> reply = pending.remove(result.requestId());
    if (reply == null) {
      return false;
    }
    if (result.succeeded()) {
      reply.complete(new Delivered(null, result.headers(), result.body(), 0));
    } else {
      reply.completeExceptionally(new ReplyException(result.failureCode(), result.failureMessage()));
    }
    return true;
  }

  void deliver(String address, Map<String, String> headers, byte[] body, long replyToken) {
    MessageHandler handler = handlers.get(address);
    if (handler == null) {
      if (replyToken != 0) {
        out.accept(new Ocall.Fail(replyToken, ReplyException.NO_HANDLERS,
            "no handler for this address in the enclave"));
      }
      return;
    }
    Delivered message = new Delivered(address, headers, body, replyToken);
    try {
      handler.handle(message);
    } catch (Exception e) {
      // The class name only: an exception message may quote the data being processed.
      if (replyToken != 0 && !message.answered) {
        message.fail(HANDLER_FAILED, "handler failed: " + e.getClass().getName());
      }
    }
  }

  /** A delivered message, or a received reply (then address is null and it cannot be replied to). */
  private final class Delivered implements EnclaveMessage {
    private final String address;
    private final Map<String, String> headers;
    private final byte[] body;
    private final long replyToken;
    private boolean answered;

    Delivered(String address, Map<String, String> headers, byte[] body, long replyToken) {
      this.address = address;
      this.headers = headers;
      this.body = body;
      this.replyToken = replyToken;
    }

    @Override
    public String address() {
      return address;
    }

    @Override
    public Map<String, String> headers() {
      return headers;
    }

    @Override
    public byte[] body() {
      return body.clone();
    }

    @Override
    public boolean isRequest() {
      return replyToken != 0;
    }

    @Override
    public void reply(Map<String, String> replyHeaders, byte[] replyBody) {
      answer();
      out.accept(new Ocall.Reply(replyToken, Map.copyOf(replyHeaders), replyBody.clone()));
    }

    @Override
    public void fail(int code, String failure) {
      answer();
      out.accept(new Ocall.Fail(replyToken, code, failure == null ? "" : failure));
    }

    private void answer() {
      if (replyToken == 0) {
        throw new IllegalStateException("this message is not a request and cannot be answered");
      }
      if (answered) {
        throw new IllegalStateException("this request was already answered");
      }
      answered = true;
    }
  }
}
