package io.sereca.enclave.internal;

import io.sereca.enclave.EnclaveMessage;
import io.sereca.enclave.MessageHandler;
import io.sereca.enclave.ReplyException;
import io.sereca.enclave.boundary.Ecall;
import io.sereca.enclave.boundary.Ocall;
import io.sereca.enclave.bus.EnvelopeRejectedException;
import io.sereca.enclave.bus.KeyRing;
import io.sereca.enclave.bus.ReplayWindow;
import io.sereca.enclave.bus.RouteCipher;
import io.sereca.enclave.bus.RouteTable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Looks handlers up by address inside the enclave (one entry point for all messages, as in Vert.x
 * Vault), matches replies to the enclave's outstanding requests, and is where the secure event bus
 * ends: on a protected address, envelopes are opened here on the way in and sealed here on the way
 * out, so the host relays ciphertext only.
 */
final class Dispatcher {

  /** Failure code sent when a handler throws. */
  static final int HANDLER_FAILED = 500;
  /** Failure code of a request whose protected reply was rejected. */
  static final int REPLY_REJECTED = -3;
  /** Grace period of superseded route key versions. */
  static final long ROUTE_KEY_GRACE_MILLIS = 60_000;

  private static final byte[] NO_BINDING = new byte[0];

  private final Consumer<Ocall> out;
  private final Map<String, MessageHandler> handlers = new HashMap<>();
  private final Map<Long, Pending> pending = new HashMap<>();
  private final KeyRing keys = new KeyRing(ROUTE_KEY_GRACE_MILLIS);
  private volatile RouteCipher cipher;
  private boolean routesRequired;
  private boolean routesProvisioned;
  private long nextRequestId = 1;

  private static final class Pending {
    final CompletableFuture<EnclaveMessage> reply = new CompletableFuture<>();
    final String address;
    final byte[] binding; // null when the request was not protected

    Pending(String address, byte[] binding) {
      this.address = address;
      this.binding = binding;
    }
  }

  /** {@code out} must encode each ocall before it returns: bodies handed to it are the app's arrays. */
  Dispatcher(Consumer<Ocall> out) {
    this.out = out;
    this.cipher = new RouteCipher(RouteCipher.newSenderId("enclave"), RouteTable.empty(), keys,
        new ReplayWindow(), RouteCipher.DEFAULT_MAX_SKEW_MILLIS, System::currentTimeMillis);
  }

  /** Installs a provisioned route table, keeping the sender id and sequence (nonces never repeat). */
  void routes(RouteTable routes) {
    cipher = cipher.withRoutes(routes);
    routesProvisioned = true;
  }

  /**
   * Makes the bus fail closed until routes are provisioned: until then this enclave cannot tell a
   * protected address from a plain one, so it delivers nothing and sends nothing.
   */
  void requireRoutes() {
    routesRequired = true;
  }

  private boolean waitingForRoutes() {
    return routesRequired && !routesProvisioned;
  }

  private void refuseUnlessRouted(String address) {
    if (waitingForRoutes()) {
      throw new IllegalStateException("refusing to send on '" + address + "': this enclave requires"
          + " provisioned routes (routes.required=true) and has none yet");
    }
  }

  KeyRing keys() {
    return keys;
  }

  /** Forgets every handler (after a failed app init), telling the host to stop consuming. */
  void unregisterAll() {
    for (String address : new ArrayList<>(handlers.keySet())) {
      unregister(address);
    }
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

  /** Sends or publishes, sealing first if the address is protected (fails closed without a key). */
  void emit(boolean publish, String address, Map<String, String> headers, byte[] body) {
    refuseUnlessRouted(address);
    if (cipher.isProtected(address)) {
      RouteCipher.Kind kind = publish ? RouteCipher.Kind.PUBLISH : RouteCipher.Kind.SEND;
      byte[] envelope = cipher.seal(address, kind, headers, body, NO_BINDING).envelope();
      out.accept(publish ? new Ocall.Publish(address, Map.of(), envelope) : new Ocall.Send(address, Map.of(), envelope));
    } else {
      out.accept(publish ? new Ocall.Publish(address, headers, body) : new Ocall.Send(address, headers, body));
    }
  }

  CompletableFuture<EnclaveMessage> request(
      String address, Map<String, String> headers, byte[] body, long timeoutMillis) {
    refuseUnlessRouted(address);
    long id = nextRequestId++;
    Ocall.Request ocall;
    Pending p;
    if (cipher.isProtected(address)) {
      RouteCipher.Sealed sealed = cipher.seal(address, RouteCipher.Kind.REQUEST, headers, body, NO_BINDING);
      p = new Pending(address, sealed.replyBinding());
      ocall = new Ocall.Request(id, address, Map.of(), sealed.envelope(), timeoutMillis);
    } else {
      p = new Pending(address, null);
      ocall = new Ocall.Request(id, address, headers, body, timeoutMillis);
    }
    pending.put(id, p);
    try {
      out.accept(ocall);
    } catch (RuntimeException e) {
      pending.remove(id);
      throw e;
    }
    return p.reply;
  }

  /** Completes a pending request; false if the id is unknown (late, duplicate or forged). */
  boolean complete(Ecall.ReplyResult result) {
    Pending p = pending.remove(result.requestId());
    if (p == null) {
      return false;
    }
    if (!result.succeeded() && p.binding != null) {
      // On a protected route the replier's own failures come sealed; this one came from the host
      // or the transport, so only its kind (timeout, no handlers) is taken, never its text.
      int code = result.failureCode() == ReplyException.TIMEOUT || result.failureCode() == ReplyException.NO_HANDLERS
          ? result.failureCode() : ReplyException.UNAUTHENTICATED;
      p.reply.completeExceptionally(new ReplyException(code, "protected request failed outside the enclave (code " + code + ")"));
    } else if (!result.succeeded()) {
      p.reply.completeExceptionally(new ReplyException(result.failureCode(), result.failureMessage()));
    } else if (p.binding == null) {
      p.reply.complete(new Delivered(null, result.headers(), result.body(), 0, result.body().length, 0, null));
    } else {
      try {
        RouteCipher.Opened opened = cipher.open(p.address, result.body(), p.binding);
        if (opened.kind() != RouteCipher.Kind.REPLY) {
          throw new EnvelopeRejectedException(io.sereca.enclave.bus.RejectReason.MALFORMED, "not a reply");
        }
        String failure = opened.headers().get(RouteCipher.FAILURE_CODE_HEADER);
        if (failure != null) {
          p.reply.completeExceptionally(new ReplyException(parseCode(failure),
              new String(opened.body(), java.nio.charset.StandardCharsets.UTF_8)));
        } else {
          p.reply.complete(new Delivered(null, opened.headers(), opened.bodyArray(), opened.bodyOffset(),
              opened.bodyLength(), 0, null));
        }
      } catch (EnvelopeRejectedException e) {
        out.accept(new Ocall.Rejected(p.address, e.reason().ordinal()));
        p.reply.completeExceptionally(new ReplyException(REPLY_REJECTED, "reply rejected: " + e.reason().tag()));
      }
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
    Delivered message;
    if (waitingForRoutes()) {
      out.accept(new Ocall.Rejected(address, io.sereca.enclave.bus.RejectReason.NOT_PROVISIONED.ordinal()));
      return;
    }
    if (cipher.isProtected(address)) {
      RouteCipher.Opened opened;
      try {
        opened = cipher.open(address, body, NO_BINDING);
        boolean request = opened.kind() == RouteCipher.Kind.REQUEST;
        if (opened.kind() == RouteCipher.Kind.REPLY || request != (replyToken != 0)) {
          throw new EnvelopeRejectedException(io.sereca.enclave.bus.RejectReason.MALFORMED,
              "envelope kind " + opened.kind() + " does not match the delivery");
        }
      } catch (EnvelopeRejectedException e) {
        // Dropped and counted; never delivered, and a request is left unanswered.
        out.accept(new Ocall.Rejected(address, e.reason().ordinal()));
        return;
      }
      // The body is read in place in the plaintext: body() copies it out once per call anyway.
      message = new Delivered(address, opened.headers(), opened.bodyArray(), opened.bodyOffset(),
          opened.bodyLength(), replyToken, opened.replyBinding());
    } else {
      message = new Delivered(address, headers, body, 0, body.length, replyToken, null);
    }
    try {
      handler.handle(message);
    } catch (Exception e) {
      // The class name only: an exception message may quote the data being processed.
      if (replyToken != 0 && !message.answered) {
        message.fail(HANDLER_FAILED, "handler failed: " + e.getClass().getName());
      }
    }
  }

  private static int parseCode(String text) {
    try {
      return Integer.parseInt(text.trim());
    } catch (NumberFormatException e) {
      return ReplyException.UNAUTHENTICATED;
    }
  }

  /** A delivered message, or a received reply (then address is null and it cannot be replied to). */
  private final class Delivered implements EnclaveMessage {
    private final String address;
    private final Map<String, String> headers;
    private final byte[] bodyArray; // the body at bodyOffset, bodyLength bytes; never handed out
    private final int bodyOffset;
    private final int bodyLength;
    private final long replyToken;
    private final byte[] replyBinding; // non-null when the request came protected
    private boolean answered;

    Delivered(String address, Map<String, String> headers, byte[] bodyArray, int bodyOffset, int bodyLength,
        long replyToken, byte[] replyBinding) {
      this.address = address;
      this.headers = headers;
      this.bodyArray = bodyArray;
      this.bodyOffset = bodyOffset;
      this.bodyLength = bodyLength;
      this.replyToken = replyToken;
      this.replyBinding = replyBinding;
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
      return Arrays.copyOfRange(bodyArray, bodyOffset, bodyOffset + bodyLength);
    }

    @Override
    public boolean isRequest() {
      return replyToken != 0;
    }

    @Override
    public void reply(Map<String, String> replyHeaders, byte[] replyBody) {
      RuntimeContext.checkHeaders(replyHeaders);
      answer();
      if (replyBinding != null) {
        byte[] envelope = cipher.seal(address, RouteCipher.Kind.REPLY, Map.copyOf(replyHeaders),
            replyBody, replyBinding).envelope();
        out.accept(new Ocall.Reply(replyToken, Map.of(), envelope));
      } else {
        // No clone: the ocall is encoded into its frame before accept returns, and that is the copy.
        out.accept(new Ocall.Reply(replyToken, Map.copyOf(replyHeaders), replyBody));
      }
    }

    @Override
    public void fail(int code, String failure) {
      answer();
      String text = failure == null ? "" : failure;
      if (replyBinding != null) {
        // A protected request's failure is a sealed reply too: its text may be confidential.
        byte[] envelope = cipher.seal(address, RouteCipher.Kind.REPLY,
            Map.of(RouteCipher.FAILURE_CODE_HEADER, Integer.toString(code)),
            text.getBytes(java.nio.charset.StandardCharsets.UTF_8), replyBinding).envelope();
        out.accept(new Ocall.Reply(replyToken, Map.of(), envelope));
      } else {
        out.accept(new Ocall.Fail(replyToken, code, text));
      }
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
