package io.sereca.vertx.internal;

import io.micrometer.core.instrument.MeterRegistry;
import io.sereca.enclave.boundary.Ocall;
import io.sereca.host.Enclave;
import io.sereca.host.EnclaveFailure;
import io.sereca.host.OcallListener;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.internal.buffer.BufferInternal;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The untrusted half of a secure verticle: carries event-bus traffic across the enclave boundary
 * (Vert.x Vault's deliver / register / unregister / send / publish, plus request and reply). On a
 * protected address the bytes it relays are envelopes sealed and opened inside the enclave; this
 * class never sees a plaintext payload or a key there. All bus work runs on the verticle's context.
 */
public final class EnclaveRelay implements OcallListener {

  private static final System.Logger LOG = System.getLogger(EnclaveRelay.class.getName());
  private static final int MAX_PENDING_REPLIES = 65_536;

  private final Vertx vertx;
  private final Context context;
  private final MeterRegistry metrics;
  private final Consumer<Enclave> onRestarted;
  private final Map<String, MessageConsumer<Object>> consumers = new HashMap<>();
  private final List<Future<Void>> registrations = new ArrayList<>();
  private final Map<Long, Message<Object>> awaitingReply = new LinkedHashMap<>(256, 0.75f, false) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Long, Message<Object>> eldest) {
      // A request the enclave never answers must not pin memory forever; its sender times out.
      return size() > MAX_PENDING_REPLIES;
    }
  };
  private long nextToken = 1;
  // Ocalls an enclave emits while this relay's own ecall runs on the context's thread (the sim
  // backend calls in synchronously) are handled right after the ecall returns, in order, instead
  // of as one context task each. Only the context thread ever writes or matches inlineThread.
  private Thread inlineThread;
  private final ArrayDeque<Runnable> inline = new ArrayDeque<>();
  // Tasks handed to the context and not yet run: while any is queued, inline ocalls queue behind
  // them, so the enclave's order is kept.
  private final AtomicInteger queued = new AtomicInteger();

  /**
   * Creates a relay bound to the verticle's context.
   *
   * @param onRestarted run (on the context) when the enclave was restarted after a failure
   */
  public EnclaveRelay(Vertx vertx, Context context, MeterRegistry metrics, Consumer<Enclave> onRestarted) {
    this.vertx = vertx;
    this.context = context;
    this.metrics = metrics;
    this.onRestarted = onRestarted;
  }

  /** Completes when every consumer registered so far has propagated (cluster-wide). */
  public Future<Void> registrationsComplete() {
    List<Future<Void>> pending = new ArrayList<>(registrations);
    registrations.clear();
    return Future.all(pending).mapEmpty();
  }

  @Override
  public void onOcall(Enclave enclave, Ocall ocall) {
    inOrder(() -> handle(enclave, ocall));
  }

  /**
   * Runs an event of the enclave's on the context, in the order the enclave produced it: after the
   * current ecall when it came from inside one of ours on this thread, else as a context task
   * (from another thread, such as the process backend's reader, or outside our ecalls).
   */
  private void inOrder(Runnable task) {
    if (inlineThread == Thread.currentThread()) {
      inline.add(task);
    } else {
      onContext(task);
    }
  }

  private void onContext(Runnable task) {
    queued.incrementAndGet();
    context.runOnContext(v -> {
      queued.decrementAndGet();
      task.run();
    });
  }

  /** Runs one ecall of this relay (on the context), then handles the ocalls it emitted. */
  private void ecallOnContext(Runnable ecall) {
    Thread previous = inlineThread;
    inlineThread = Thread.currentThread();
    try {
      ecall.run();
    } finally {
      inlineThread = previous;
    }
    Runnable next;
    while ((next = inline.poll()) != null) {
      if (queued.get() > 0) {
        onContext(next);
        continue;
      }
      try {
        next.run();
      } catch (RuntimeException e) {
        LOG.log(System.Logger.Level.WARNING, "relaying an ocall failed: {0}", e.toString());
      }
    }
  }

  @Override
  public void onFailure(Enclave enclave, EnclaveFailure failure) {
    inOrder(() -> {
      LOG.log(System.Logger.Level.WARNING, "secure verticle enclave failed: {0}", failure.reason());
      // The new instance registers its addresses again; pending requests are lost with the old one.
      consumers.values().forEach(MessageConsumer::unregister);
      consumers.clear();
      awaitingReply.values().forEach(m -> m.fail(503, "enclave failed"));
      awaitingReply.clear();
    });
  }

  @Override
  public void onRestarted(Enclave enclave) {
    inOrder(() -> onRestarted.accept(enclave));
  }

  private void handle(Enclave enclave, Ocall ocall) {
    if (ocall instanceof Ocall.Register) {
      register(enclave, ((Ocall.Register) ocall).address());
    } else if (ocall instanceof Ocall.Unregister) {
      MessageConsumer<Object> c = consumers.remove(((Ocall.Unregister) ocall).address());
      if (c != null) {
        c.unregister();
      }
    } else if (ocall instanceof Ocall.Send) {
      Ocall.Send s = (Ocall.Send) ocall;
      vertx.eventBus().send(s.address(), wrap(s.payload()), options(s.headers()));
    } else if (ocall instanceof Ocall.Publish) {
      Ocall.Publish p = (Ocall.Publish) ocall;
      vertx.eventBus().publish(p.address(), wrap(p.payload()), options(p.headers()));
    } else if (ocall instanceof Ocall.Request) {
      request(enclave, (Ocall.Request) ocall);
    } else if (ocall instanceof Ocall.Reply) {
      Ocall.Reply r = (Ocall.Reply) ocall;
      Message<Object> m = awaitingReply.remove(r.replyToken());
      if (m != null) {
        m.reply(wrap(r.payload()), options(r.headers()));
      }
    } else if (ocall instanceof Ocall.Fail) {
      Ocall.Fail f = (Ocall.Fail) ocall;
      Message<Object> m = awaitingReply.remove(f.replyToken());
      if (m != null) {
        m.fail(f.code(), f.message());
      }
    } else if (ocall instanceof Ocall.Log) {
      Ocall.Log l = (Ocall.Log) ocall;
      System.Logger.Level level = l.level() == 0 ? System.Logger.Level.INFO
          : l.level() == 1 ? System.Logger.Level.WARNING : System.Logger.Level.ERROR;
      LOG.log(level, "[enclave] {0}", l.message());
    } else if (ocall instanceof Ocall.Rejected) {
      Ocall.Rejected r = (Ocall.Rejected) ocall;
      metrics.counter("sereca.bus.rejected", "reason", r.rejectReason().tag()).increment();
    }
  }

  private void register(Enclave enclave, String address) {
    if (consumers.containsKey(address)) {
      return;
    }
    MessageConsumer<Object> consumer = vertx.eventBus().consumer(address);
    consumer.handler(msg -> {
      long token = 0;
      if (msg.replyAddress() != null) {
        token = nextToken++;
        awaitingReply.put(token, msg);
      }
      long t = token;
      ecallOnContext(() -> deliver(enclave, address, msg, t));
    });
    consumers.put(address, consumer);
    registrations.add(consumer.completion());
  }

  private void deliver(Enclave enclave, String address, Message<Object> msg, long t) {
    enclave.deliver(address, headers(msg.headers()), wireBytes(msg.body()), t).whenComplete((v, err) -> {
      if (err != null) {
        context.runOnContext(x -> {
          LOG.log(System.Logger.Level.WARNING, "delivery into the enclave failed: {0}", err.getMessage());
          Message<Object> m = awaitingReply.remove(t);
          if (m != null) {
            m.fail(500, "enclave unavailable");
          }
        });
      }
    });
  }


  private void request(Enclave enclave, Ocall.Request r) {
    DeliveryOptions opts = options(r.headers()).setSendTimeout(r.timeoutMillis());
    vertx.eventBus().request(r.address(), wrap(r.payload()), opts).onComplete(ar -> {
      if (ar.succeeded()) {
        ecallOnContext(() -> enclave.completeRequest(r.requestId(), headers(ar.result().headers()),
            bytes(ar.result().body())));
      } else {
        Throwable t = ar.cause();
        int code = t instanceof ReplyException ? ((ReplyException) t).failureCode() : -1;
        if (t instanceof ReplyException && ((ReplyException) t).failureType() != null) {
          switch (((ReplyException) t).failureType()) {
            case TIMEOUT: code = io.sereca.enclave.ReplyException.TIMEOUT; break;
            case NO_HANDLERS: code = io.sereca.enclave.ReplyException.NO_HANDLERS; break;
            default: break;
          }
        }
        int failureCode = code;
        ecallOnContext(() -> enclave.failRequest(r.requestId(), failureCode, String.valueOf(t.getMessage())));
      }
    });
  }

  /** Closes every consumer. */
  public Future<Void> close() {
    List<Future<Void>> all = new ArrayList<>();
    consumers.values().forEach(c -> all.add(c.unregister()));
    consumers.clear();
    return Future.all(all).mapEmpty();
  }

  private static DeliveryOptions options(Map<String, String> headers) {
    DeliveryOptions o = new DeliveryOptions();
    headers.forEach(o::addHeader);
    return o;
  }

  private static Map<String, String> headers(MultiMap headers) {
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : headers) {
      out.putIfAbsent(e.getKey(), e.getValue());
    }
    return out;
  }

  /** A Buffer over an ocall's body without copying it: the frame was received for this ocall alone. */
  private static Buffer wrap(Ocall.Body body) {
    return BufferInternal.buffer(Unpooled.wrappedBuffer(body.array(), body.offset(), body.length()));
  }

  /**
   * The bytes of a message this relay received, without copying a Buffer that is exactly one heap
   * array (what the event bus decodes a remote message into, for this message alone): the boundary
   * copies them into its frame anyway. Anything else as {@link #bytes(Object)}.
   */
  static byte[] wireBytes(Object body) {
    if (body instanceof BufferInternal b) {
      io.netty.buffer.ByteBuf buf = b.getByteBuf();
      if (buf.hasArray() && buf.arrayOffset() == 0 && buf.readerIndex() == 0
          && buf.readableBytes() == buf.array().length) {
        return buf.array();
      }
    }
    return bytes(body);
  }

  /** Body bytes of whatever a regular verticle sent: Buffer, String, JSON, byte[]. */
  static byte[] bytes(Object body) {
    if (body == null) {
      return new byte[0];
    }
    if (body instanceof Buffer) {
      return ((Buffer) body).getBytes();
    }
    if (body instanceof byte[]) {
      return ((byte[]) body).clone();
    }
    if (body instanceof String) {
      return ((String) body).getBytes(StandardCharsets.UTF_8);
    }
    if (body instanceof JsonObject) {
      return ((JsonObject) body).toBuffer().getBytes();
    }
    if (body instanceof JsonArray) {
      return ((JsonArray) body).toBuffer().getBytes();
    }
    return String.valueOf(body).getBytes(StandardCharsets.UTF_8);
  }
}
