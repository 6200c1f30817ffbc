package io.sereca.bench.harness.internal;

import io.sereca.bus.SecureEventBus;
import io.sereca.bus.SecureMessage;
import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The sender verticle's load generator: on one event-loop context (like the paper's sender
 * verticle) it keeps a fixed number of requests pending, sends the next one as soon as a reply
 * arrives, and records the response time of every reply received in the measured window. A run
 * ends by letting the pending requests drain, so the next run starts on an idle bus.
 */
public final class Sender {

  /** A request not answered within this time fails the run. */
  static final long REQUEST_TIMEOUT_MILLIS = 30_000;

  private final Vertx vertx;
  private final Context context;
  private final SecureEventBus secureBus;

  /**
   * Creates a sender.
   *
   * @param vertx the sender's (clustered) Vert.x
   * @param secureBus the sender's secure bus, for protected targets
   */
  public Sender(Vertx vertx, SecureEventBus secureBus) {
    this.vertx = vertx;
    this.context = vertx.getOrCreateContext();
    this.secureBus = secureBus;
  }

  /**
   * Runs {@code pending} requests in flight against {@code target} with {@code payload}-byte bodies
   * for {@code settleMillis} (unmeasured) plus {@code durationMillis} (measured).
   *
   * @return the response times measured; failed if any request failed or a reply had the wrong size
   */
  public Future<Sample> run(Target target, int pending, int payload, long settleMillis, long durationMillis) {
    Promise<Sample> promise = Promise.promise();
    context.runOnContext(v -> new Run(target, pending, payload, settleMillis, durationMillis, promise).start());
    return promise.future();
  }

  /**
   * What one run measured.
   *
   * @param nanos response times of the replies received in the measured window
   * @param seconds the window's length
   */
  public record Sample(long[] nanos, double seconds) {}

  private final class Run {
    private final Target target;
    private final int pending;
    private final int payload;
    private final Buffer body;
    private final DeliveryOptions options = new DeliveryOptions().setSendTimeout(REQUEST_TIMEOUT_MILLIS);
    private final long settleMillis;
    private final long durationMillis;
    private final Promise<Sample> promise;
    private long settleUntil;
    private long measureFrom;
    private long measureUntil;
    private long received;
    private boolean measuring;
    private boolean ended;
    private long[] latencies = new long[1 << 16];
    private int count;
    private int inFlight;
    private Throwable failure;

    Run(Target target, int pending, int payload, long settleMillis, long durationMillis, Promise<Sample> promise) {
      this.target = target;
      this.pending = pending;
      this.payload = payload;
      byte[] bytes = new byte[payload];
      ThreadLocalRandom.current().nextBytes(bytes);
      this.body = Buffer.buffer(bytes);
      this.settleMillis = settleMillis;
      this.durationMillis = durationMillis;
      this.promise = promise;
    }

    void start() {
      settleUntil = System.nanoTime() + settleMillis * 1_000_000;
      for (int i = 0; i < pending; i++) {
        sendOne();
      }
    }

    private void sendOne() {
      long sent = System.nanoTime();
      inFlight++;
      if (target.protectedRoute()) {
        secureBus.<Buffer>request(target.address(), body, options).onComplete(ar -> done(sent, ar, true));
      } else {
        vertx.eventBus().<Buffer>request(target.address(), body, options).onComplete(ar -> done(sent, ar, false));
      }
    }

    private void done(long sent, AsyncResult<?> ar, boolean secure) {
      inFlight--;
      long now = System.nanoTime();
      if (ar.failed()) {
        if (failure == null) {
          failure = ar.cause();
        }
      } else {
        Object reply = secure ? ((SecureMessage<?>) ar.result()).body() : ((Message<?>) ar.result()).body();
        int size = reply instanceof Buffer ? ((Buffer) reply).length() : -1;
        if (size != payload && failure == null) {
          failure = new IllegalStateException(target.address() + " replied with " + size + " bytes to a "
              + payload + "-byte request");
        }
        advance(now, sent);
      }
      if (!ended && failure == null) {
        sendOne();
      } else if (inFlight == 0) {
        finish();
      }
    }

    /**
     * The measured window opens once the settle time is over and a full round of {@code pending}
     * replies has come back (the pipeline is full), and closes once the duration is over and at
     * least {@code pending} replies were measured, so even a short window holds a full round of
     * large requests. Throughput is taken over the window's actual length.
     */
    private void advance(long now, long sent) {
      received++;
      if (!measuring) {
        if (now >= settleUntil && received >= pending) {
          measuring = true;
          measureFrom = now;
        }
      } else if (!ended) {
        record(now - sent);
        if (now - measureFrom >= durationMillis * 1_000_000 && count >= pending) {
          ended = true;
          measureUntil = now;
        }
      }
    }

    private void record(long nanos) {
      if (count == latencies.length) {
        latencies = Arrays.copyOf(latencies, count * 2);
      }
      latencies[count++] = nanos;
    }

    private void finish() {
      if (failure != null) {
        promise.fail(new IllegalStateException("requests to " + target.address() + " (" + pending + " pending, "
            + payload + " B) failed: " + failure.getMessage(), failure));
        return;
      }
      promise.complete(new Sample(Arrays.copyOf(latencies, count), (measureUntil - measureFrom) / 1e9));
    }
  }
}
