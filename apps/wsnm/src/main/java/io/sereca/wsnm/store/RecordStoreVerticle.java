package io.sereca.wsnm.store;

import io.sereca.wsnm.data.StoreFrames;
import io.sereca.wsnm.data.StoreRow;
import io.sereca.wsnm.data.WsnmAddresses;
import io.sereca.wsnm.store.internal.DatabaseUrl;
import io.sereca.wsnm.store.internal.RecordDatabase;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The storage archiver's untrusted half: the database behind the unprotected {@code wsnm.db.*}
 * addresses, which the storage enclave asks to keep, find and delete its ciphertext rows
 * (framing: {@link StoreFrames}). It never sees a key or a plaintext value; what it does learn is
 * listed in docs/wsnm-storage.md (row counts, sizes, a coarse time per row, which rows share a
 * series).
 *
 * <ul>
 *   <li>{@link WsnmAddresses#DB_PUT}: puts arriving while a transaction runs wait and go into the
 *       next one together (group commit), so one commit serves many scans;
 *   <li>{@link WsnmAddresses#DB_SCAN}, {@link WsnmAddresses#DB_DELETE_BEFORE},
 *       {@link WsnmAddresses#DB_STATS}.
 * </ul>
 *
 * <p>JDBC runs on two single-thread worker executors (writer, reader), never on the event loop.
 * A malformed request is failed with 400 and its reason, a database error with 500; the verticle
 * lives on. It also sends the empty retention tick to {@link WsnmAddresses#TICK_STORAGE} every
 * {@link RecordStoreOptions#getTickIntervalMillis()}.
 */
public class RecordStoreVerticle extends VerticleBase {

  private static final System.Logger LOG = System.getLogger(RecordStoreVerticle.class.getName());

  /** Failure code of a malformed request. */
  public static final int BAD_REQUEST = 400;
  /** Failure code of a database error. */
  public static final int DATABASE_ERROR = 500;
  /** Failure code of a put refused because too many records already wait for the database. */
  public static final int OVERLOADED = 503;
  /** Records waiting for a transaction at most; beyond that puts are refused (the enclave retries later). */
  public static final int MAX_QUEUED_RECORDS = 100_000;

  private RecordStoreOptions options;
  private RecordDatabase db;
  private WorkerExecutor writer;
  private WorkerExecutor reader;
  private final List<MessageConsumer<Buffer>> consumers = new ArrayList<>();
  private final ArrayDeque<PendingPut> queue = new ArrayDeque<>();
  private int queuedRecords;
  private boolean writing;
  private long timer = -1;

  private static final class PendingPut {
    final Message<Buffer> message;
    final List<StoreRow> rows;

    PendingPut(Message<Buffer> message, List<StoreRow> rows) {
      this.message = message;
      this.rows = rows;
    }
  }

  /** A record store configured from the deployment's config ({@link RecordStoreOptions} JSON). */
  public RecordStoreVerticle() {}

  /** A record store with these options (the deployment's config is then ignored). */
  public RecordStoreVerticle(RecordStoreOptions options) {
    this.options = new RecordStoreOptions(options);
  }

  @Override
  public Future<?> start() {
    DatabaseUrl url;
    try {
      if (options == null) {
        options = new RecordStoreOptions(config());
      }
      url = DatabaseUrl.parse(options.effectiveUrl());
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
    String id = UUID.randomUUID().toString();
    writer = vertx.createSharedWorkerExecutor("wsnm-db-writer-" + id, 1);
    reader = vertx.createSharedWorkerExecutor("wsnm-db-reader-" + id, 1);
    return writer.executeBlocking(() -> RecordDatabase.open(url)).compose(opened -> {
      db = opened;
      LOG.log(System.Logger.Level.INFO, "record store on {0}", url);
      consume(WsnmAddresses.DB_PUT, this::put);
      consume(WsnmAddresses.DB_SCAN, this::scan);
      consume(WsnmAddresses.DB_DELETE_BEFORE, this::deleteBefore);
      consume(WsnmAddresses.DB_STATS, this::stats);
      if (options.getTickIntervalMillis() > 0) {
        timer = vertx.setPeriodic(options.getTickIntervalMillis(),
            t -> vertx.eventBus().send(WsnmAddresses.TICK_STORAGE, Buffer.buffer()));
      }
      List<Future<Void>> registered = new ArrayList<>();
      consumers.forEach(c -> registered.add(c.completion()));
      return Future.all(registered);
    });
  }

  private interface Handler {
    void handle(Message<Buffer> m, byte[] body);
  }

  private void consume(String address, Handler handler) {
    MessageConsumer<Buffer> c = vertx.eventBus().consumer(address, m -> {
      Object body = m.body();
      byte[] bytes;
      if (body instanceof Buffer) {
        bytes = ((Buffer) body).getBytes();
      } else if (body instanceof byte[]) {
        bytes = (byte[]) body;
      } else if (body == null) {
        bytes = new byte[0];
      } else {
        m.fail(BAD_REQUEST, address + ": the body must be binary (a Buffer), got " + body.getClass().getSimpleName());
        return;
      }
      try {
        handler.handle(m, bytes);
      } catch (IllegalArgumentException e) {
        m.fail(BAD_REQUEST, address + ": " + e.getMessage());
      } catch (RuntimeException e) {
        LOG.log(System.Logger.Level.ERROR, "record store: " + address + " failed", e);
        m.fail(DATABASE_ERROR, address + ": internal error " + e.getClass().getSimpleName());
      }
    });
    consumers.add(c);
  }

  private void put(Message<Buffer> m, byte[] body) {
    List<StoreRow> rows = StoreFrames.decodePut(body);
    if (queuedRecords + rows.size() > MAX_QUEUED_RECORDS) {
      m.fail(OVERLOADED, "record store overloaded: " + queuedRecords + " records wait for the database");
      return;
    }
    queue.add(new PendingPut(m, rows));
    queuedRecords += rows.size();
    drain();
  }

  /** Starts the next transaction with every put waiting (up to the batch bound), if none runs. */
  private void drain() {
    if (writing || queue.isEmpty()) {
      return;
    }
    List<PendingPut> batch = new ArrayList<>();
    List<StoreRow> rows = new ArrayList<>();
    while (!queue.isEmpty() && (rows.isEmpty()
        || rows.size() + queue.peek().rows.size() <= options.getMaxBatchRecords())) {
      PendingPut p = queue.poll();
      queuedRecords -= p.rows.size();
      batch.add(p);
      rows.addAll(p.rows);
    }
    writing = true;
    writer.executeBlocking(() -> db.put(rows)).onComplete(ar -> {
      writing = false;
      if (ar.succeeded()) {
        boolean[] all = ar.result();
        int at = 0;
        for (PendingPut p : batch) {
          boolean[] mine = java.util.Arrays.copyOfRange(all, at, at + p.rows.size());
          at += p.rows.size();
          p.message.reply(Buffer.buffer(StoreFrames.encodePutReply(mine)));
        }
      } else {
        LOG.log(System.Logger.Level.ERROR, "record store: a write of " + rows.size() + " rows failed", ar.cause());
        for (PendingPut p : batch) {
          p.message.fail(DATABASE_ERROR, "database write failed: " + ar.cause().getMessage());
        }
      }
      drain();
    });
  }

  private void scan(Message<Buffer> m, byte[] body) {
    StoreFrames.ScanRequest q = StoreFrames.decodeScan(body);
    reader.executeBlocking(() -> db.scan(q, options.getMaxPageBytes())).onComplete(ar -> {
      if (ar.succeeded()) {
        m.reply(Buffer.buffer(StoreFrames.encodeScanReply(ar.result())));
      } else {
        m.fail(DATABASE_ERROR, "database read failed: " + ar.cause().getMessage());
      }
    });
  }

  private void deleteBefore(Message<Buffer> m, byte[] body) {
    long[] q = StoreFrames.decodeDeleteBefore(body);
    writer.executeBlocking(() -> db.deleteBefore((int) q[0], q[1])).onComplete(ar -> {
      if (ar.succeeded()) {
        m.reply(Buffer.buffer(StoreFrames.encodeCount(ar.result())));
      } else {
        m.fail(DATABASE_ERROR, "database delete failed: " + ar.cause().getMessage());
      }
    });
  }

  private void stats(Message<Buffer> m, byte[] body) {
    if (body.length != 0) {
      throw new IllegalArgumentException("a stats request has an empty body");
    }
    reader.executeBlocking(() -> db.stats()).onComplete(ar -> {
      if (ar.succeeded()) {
        m.reply(Buffer.buffer(StoreFrames.encodeStats(ar.result())));
      } else {
        m.fail(DATABASE_ERROR, "database read failed: " + ar.cause().getMessage());
      }
    });
  }

  /** Records waiting for a write transaction (for diagnostics). */
  public int queuedRecords() {
    return queuedRecords;
  }

  @Override
  public Future<?> stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
    List<Future<Void>> all = new ArrayList<>();
    consumers.forEach(c -> all.add(c.unregister()));
    for (PendingPut p : queue) {
      p.message.fail(DATABASE_ERROR, "record store stopping");
    }
    queue.clear();
    return Future.all(all).compose(v -> writer.executeBlocking(() -> {
      if (db != null) {
        db.close();
      }
      return null;
    })).eventually(() -> {
      writer.close();
      return reader.close();
    });
  }
}
