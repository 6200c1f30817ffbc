package io.sereca.wsnm.collector.internal;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Store-and-forward on the event loop: scans are appended to the {@link ScanJournal} in group
 * commits (one fsync per batch, on the journal's single worker thread), and only once durable are
 * they handed to the collector enclave, at most {@code maxInFlight} at a time, oldest first. A
 * scan leaves the journal (the acknowledged-up-to marker passes it) only when the enclave replied
 * {@code {"acked":true}}, i.e. storage persisted it. Any failure (no handler, timeout, 503) pauses
 * the hand-over with exponential back-off; then the oldest unacknowledged scan is sent alone as a
 * probe, and once it is acknowledged the rest follows, oldest first, so after an outage storage
 * receives the buffered scans in order.
 *
 * <p>At most {@link #MEMORY_WINDOW} buffered scans are held in memory; beyond, they stay on disk
 * only and are read back in chunks as the window drains. Event-loop confined, except the journal,
 * which only the journal worker touches.
 */
public final class ScanForwarder {

  /** Scans held in memory for sending; the rest of the buffer is read back from disk. */
  public static final int MEMORY_WINDOW = 8192;
  /** Longest delay of the acknowledged-up-to marker behind the acknowledgements. */
  public static final long MARKER_DELAY_MILLIS = 100;

  private static final System.Logger LOG = System.getLogger(ScanForwarder.class.getName());
  private static final long FAILURE_LOG_INTERVAL_MILLIS = 60_000;

  private enum State { QUEUED, IN_FLIGHT, ACKED }

  private static final class Item {
    final long seq;
    final byte[] body;
    State state = State.QUEUED;

    Item(long seq, byte[] body) {
      this.seq = seq;
      this.body = body;
    }
  }

  private final Vertx vertx;
  private final WorkerExecutor journalWorker;
  private final ScanJournal journal;
  private final String address;
  private final CollectorMetrics metrics;
  private final long deliveryTimeoutMillis;
  private final int maxInFlight;
  private final long backoffMin;
  private final long backoffMax;
  private String token;

  private final ArrayDeque<Item> window = new ArrayDeque<>();
  private final ArrayDeque<Item> toSend = new ArrayDeque<>();
  private List<byte[]> pendingAppend = new ArrayList<>();
  private boolean committing;
  private long durableLastSeq;
  private long ackedUpTo;
  private long markedUpTo;
  private boolean spilled;
  private boolean loading;
  private long lastInMemorySeq;
  private int inFlight;
  private boolean pausing;
  private boolean probing;
  private int consecutiveFailures;
  private long failuresSinceLog;
  private long lastFailureLog;
  private boolean stopped;
  private int committingCount;
  private long outageFailures;
  private boolean markerTimer;

  /** A forwarder over an opened journal (its pending records are replayed first). */
  public ScanForwarder(Vertx vertx, WorkerExecutor journalWorker, ScanJournal journal, String address,
      CollectorMetrics metrics, long deliveryTimeoutMillis, int maxInFlight, long backoffMin, long backoffMax) {
    this.vertx = vertx;
    this.journalWorker = journalWorker;
    this.journal = journal;
    this.address = address;
    this.metrics = metrics;
    this.deliveryTimeoutMillis = deliveryTimeoutMillis;
    this.maxInFlight = maxInFlight;
    this.backoffMin = backoffMin;
    this.backoffMax = backoffMax;
    this.durableLastSeq = journal.lastSeq();
    this.ackedUpTo = journal.acked();
    this.markedUpTo = ackedUpTo;
    this.lastInMemorySeq = ackedUpTo;
    this.spilled = durableLastSeq > ackedUpTo;
    if (spilled) {
      LOG.log(System.Logger.Level.INFO, "scan buffer holds {0} scans not acknowledged before the restart:"
          + " resending them, oldest first", durableLastSeq - ackedUpTo);
    }
  }

  /** Sends {@code token} in the collector enclave's token header with every scan (null: none). */
  public ScanForwarder token(String token) {
    this.token = token;
    return this;
  }

  /** Starts replaying what the journal held. */
  public void start() {
    maybeLoad();
  }

  /** Scans buffered (accepted, not yet acknowledged), including those waiting for their fsync. */
  public long buffered() {
    return durableLastSeq - ackedUpTo + pendingAppend.size() + committingCount;
  }

  /** Accepts one scan (its JSON) for durable buffering and forwarding. */
  public void accept(byte[] scanJson) {
    pendingAppend.add(scanJson);
    commit();
  }

  private void commit() {
    if (committing || stopped) {
      return;
    }
    boolean ackDirty = ackedUpTo > markedUpTo;
    if (pendingAppend.isEmpty() && !ackDirty) {
      return;
    }
    committing = true;
    List<byte[]> batch = pendingAppend;
    pendingAppend = new ArrayList<>();
    committingCount = batch.size();
    long mark = ackedUpTo;
    journalWorker.executeBlocking(() -> {
      long first = journal.append(batch);
      try {
        if (mark > journal.acked()) {
          journal.markAcked(mark);
        }
      } catch (java.io.IOException e) {
        // The batch is durable; a marker or segment deletion that failed only replays scans later.
        LOG.log(System.Logger.Level.WARNING, "scan buffer: acknowledged-up-to marker not written: " + e);
      }
      return first;
    }, true).onComplete(ar -> {
      committing = false;
      committingCount = 0;
      if (ar.succeeded()) {
        markedUpTo = Math.max(markedUpTo, mark);
        durable(ar.result(), batch);
      } else {
        // Not durable: keep the batch (in front, to keep the order) and try again; say so loudly.
        metrics.journalFailure();
        LOG.log(System.Logger.Level.ERROR, "scan buffer: writing " + batch.size() + " scans failed ("
            + ar.cause() + "); retrying, nothing is forwarded until it is durable");
        batch.addAll(pendingAppend);
        pendingAppend = batch;
        vertx.setTimer(backoffMax / 4 + 1, t -> commit());
        return;
      }
      commit();
    });
  }

  /**
   * The marker goes to disk with the next append, or within {@link #MARKER_DELAY_MILLIS}: one small
   * write per batch of acknowledgements instead of a thread hop per scan (a marker that lags only
   * replays a few acknowledged scans after a crash).
   */
  private void scheduleMarker() {
    if (markerTimer || stopped) {
      return;
    }
    markerTimer = true;
    vertx.setTimer(MARKER_DELAY_MILLIS, t -> {
      markerTimer = false;
      commit();
    });
  }

  private void durable(long first, List<byte[]> batch) {
    if (batch.isEmpty()) {
      return;
    }
    durableLastSeq = first + batch.size() - 1;
    metrics.durable(batch.size());
    if (spilled || window.size() >= MEMORY_WINDOW) {
      spilled = true;
    } else {
      for (int i = 0; i < batch.size(); i++) {
        Item item = new Item(first + i, batch.get(i));
        window.addLast(item);
        toSend.addLast(item);
      }
      lastInMemorySeq = durableLastSeq;
    }
    pump();
  }

  private void maybeLoad() {
    if (!spilled || loading || stopped || window.size() > MEMORY_WINDOW / 2) {
      return;
    }
    loading = true;
    long after = lastInMemorySeq;
    journalWorker.executeBlocking(() -> journal.read(after, MEMORY_WINDOW / 2), true).onComplete(ar -> {
      loading = false;
      if (ar.failed()) {
        LOG.log(System.Logger.Level.ERROR, "scan buffer: reading back buffered scans failed: " + ar.cause());
        vertx.setTimer(backoffMax / 4 + 1, t -> maybeLoad());
        return;
      }
      for (ScanJournal.Entry e : ar.result()) {
        if (e.seq() > lastInMemorySeq) {
          Item item = new Item(e.seq(), e.payload());
          window.addLast(item);
          toSend.addLast(item);
          lastInMemorySeq = e.seq();
        }
      }
      if (lastInMemorySeq >= durableLastSeq) {
        spilled = false;
      }
      pump();
      maybeLoad();
    });
  }

  private void pump() {
    if (pausing || stopped) {
      return;
    }
    // After a failure one scan probes at a time: a burst sent into a half-recovered cloud could
    // land later scans before earlier ones.
    int limit = probing ? 1 : maxInFlight;
    while (inFlight < limit && !toSend.isEmpty()) {
      Item item = toSend.pollFirst();
      if (item.state == State.QUEUED) {
        send(item);
      }
    }
  }

  private void send(Item item) {
    item.state = State.IN_FLIGHT;
    inFlight++;
    metrics.sent();
    // Local-only: each collector host talks to its own enclave, never to another node's.
    DeliveryOptions opts = new DeliveryOptions().setLocalOnly(true).setSendTimeout(deliveryTimeoutMillis);
    if (token != null) {
      opts.addHeader(io.sereca.wsnm.enclave.CollectorApp.TOKEN_HEADER, token);
    }
    vertx.eventBus().<Object>request(address, Buffer.buffer(item.body), opts).onComplete(ar -> {
      inFlight--;
      String problem = ar.succeeded() ? checkReply(ar.result()) : String.valueOf(ar.cause().getMessage());
      if (problem == null) {
        acked(item);
      } else {
        item.state = State.QUEUED;
        failed(problem);
      }
    });
  }

  private String checkReply(Message<Object> reply) {
    try {
      Object b = reply.body();
      JsonObject j = b instanceof JsonObject ? (JsonObject) b
          : b instanceof Buffer ? new JsonObject((Buffer) b) : new JsonObject(String.valueOf(b));
      if (!Boolean.TRUE.equals(j.getBoolean("acked"))) {
        return "the collector enclave did not acknowledge the scan";
      }
      if (Boolean.TRUE.equals(j.getBoolean("duplicate"))) {
        metrics.duplicate();
      }
      return null;
    } catch (RuntimeException e) {
      return "unreadable reply from the collector enclave: " + e.getMessage();
    }
  }

  private void acked(Item item) {
    item.state = State.ACKED;
    metrics.acknowledged();
    if (outageFailures > 0) {
      LOG.log(System.Logger.Level.INFO, "scan delivery works again after {0} failed attempts", outageFailures);
      outageFailures = 0;
      failuresSinceLog = 0;
    }
    consecutiveFailures = 0;
    probing = false;
    while (!window.isEmpty() && window.peekFirst().state == State.ACKED) {
      ackedUpTo = window.pollFirst().seq;
    }
    if (window.isEmpty() && !spilled) {
      ackedUpTo = Math.max(ackedUpTo, lastInMemorySeq);
    }
    scheduleMarker();
    pump();
    maybeLoad();
  }

  private void failed(String problem) {
    metrics.deliveryFailure();
    failuresSinceLog++;
    outageFailures++;
    long now = System.currentTimeMillis();
    if (outageFailures == 1 || now - lastFailureLog >= FAILURE_LOG_INTERVAL_MILLIS) {
      LOG.log(System.Logger.Level.WARNING, "scan delivery failed ({0}); {1} scans stay buffered and are"
          + " resent with back-off ({2} failures since the last report)", problem, buffered(), failuresSinceLog);
      lastFailureLog = now;
      failuresSinceLog = 0;
    }
    probing = true;
    if (pausing) {
      return;
    }
    pausing = true;
    consecutiveFailures++;
    long delay = Math.min(backoffMax, backoffMin << Math.min(20, consecutiveFailures - 1));
    vertx.setTimer(delay, t -> {
      pausing = false;
      toSend.clear();
      for (Item i : window) {
        if (i.state == State.QUEUED) {
          toSend.addLast(i);
        }
      }
      pump();
    });
  }

  /**
   * Stops sending and makes everything accepted durable; completes when the journal is closed.
   *
   * @param close run on the journal worker after the last commit (closes the journal)
   */
  public Future<Void> stop(java.util.concurrent.Callable<Void> close) {
    Promise<Void> done = Promise.promise();
    stopped = true;
    List<byte[]> batch = pendingAppend;
    pendingAppend = new ArrayList<>();
    long mark = ackedUpTo;
    // Ordered after any commit already queued on the journal worker.
    journalWorker.executeBlocking(() -> {
      journal.append(batch);
      if (mark > journal.acked()) {
        journal.markAcked(mark);
      }
      return close.call();
    }, true).onComplete(ar -> done.handle(ar.mapEmpty()));
    return done.future();
  }
}
