package io.sereca.wsnm.enclave.store;

import io.sereca.enclave.EnclaveContext;
import io.sereca.enclave.EnclaveMessage;
import io.sereca.wsnm.data.StoreFrames;
import io.sereca.wsnm.data.StoreRow;
import io.sereca.wsnm.data.WsnmAddresses;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes records to the host's store with at most {@value #MAX_IN_FLIGHT} puts outstanding:
 * records arriving while those are in flight wait and leave together in the next put (group
 * commit without a timer, which an enclave does not have). Each record's callback runs only
 * once the host has answered for it.
 */
public final class PutPipeline {

  /** Puts outstanding at once. */
  public static final int MAX_IN_FLIGHT = 2;
  /** Records per put at most. */
  public static final int MAX_BATCH = 1024;
  /** Records waiting at most; beyond that new records are refused (the sender retries). */
  public static final int MAX_QUEUED = 32_768;
  /** How long the enclave waits for the host's answer to a put. */
  public static final long PUT_TIMEOUT_MILLIS = 15_000;

  /** What becomes of one record. */
  public interface Callback {
    /** Persisted (or already there, when {@code duplicate}). */
    void stored(boolean duplicate);

    /** Not known to be persisted. */
    void failed(QueryFailure failure);
  }

  private static final class Pending {
    final StoreRow row;
    final Callback callback;

    Pending(StoreRow row, Callback callback) {
      this.row = row;
      this.callback = callback;
    }
  }

  private final EnclaveContext context;
  private final ArrayDeque<Pending> queue = new ArrayDeque<>();
  private int inFlight;

  /** A pipeline writing through {@code context}. */
  public PutPipeline(EnclaveContext context) {
    this.context = context;
  }

  /** Queues a record; {@code callback} runs in a later ecall (or now, if refused). */
  public void put(StoreRow row, Callback callback) {
    if (queue.size() >= MAX_QUEUED) {
      callback.failed(new QueryFailure(QueryFailure.UNAVAILABLE, "storage is overloaded: "
          + MAX_QUEUED + " records wait for the database"));
      return;
    }
    queue.add(new Pending(row, callback));
    pump();
  }

  /** Records waiting or in flight. */
  public int backlog() {
    return queue.size();
  }

  private void pump() {
    while (inFlight < MAX_IN_FLIGHT && !queue.isEmpty()) {
      List<Pending> batch = new ArrayList<>(Math.min(queue.size(), MAX_BATCH));
      List<StoreRow> rows = new ArrayList<>(batch.size());
      while (!queue.isEmpty() && batch.size() < MAX_BATCH) {
        Pending p = queue.poll();
        batch.add(p);
        rows.add(p.row);
      }
      inFlight++;
      try {
        context.request(WsnmAddresses.DB_PUT, Map.of(), StoreFrames.encodePut(rows), PUT_TIMEOUT_MILLIS)
            .whenComplete((reply, err) -> {
              inFlight--;
              try {
                answer(batch, reply, err);
              } finally {
                pump();
              }
            });
      } catch (RuntimeException e) {
        inFlight--;
        fail(batch, new QueryFailure(QueryFailure.UNAVAILABLE, "storage write failed: " + e.getClass().getSimpleName()));
      }
    }
  }

  private void answer(List<Pending> batch, EnclaveMessage reply, Throwable err) {
    if (err != null) {
      fail(batch, new QueryFailure(QueryFailure.UNAVAILABLE, "storage write failed: " + Failures.describe(err)));
      return;
    }
    boolean[] duplicate;
    try {
      duplicate = StoreFrames.decodePutReply(reply.body(), batch.size());
    } catch (IllegalArgumentException e) {
      fail(batch, new QueryFailure(QueryFailure.BAD_GATEWAY, "record store sent a malformed put reply"));
      return;
    }
    for (int i = 0; i < batch.size(); i++) {
      try {
        batch.get(i).callback.stored(duplicate[i]);
      } catch (RuntimeException e) {
        context.log().error("storage: a put callback failed: " + e.getClass().getName());
      }
    }
  }

  private void fail(List<Pending> batch, QueryFailure failure) {
    for (Pending p : batch) {
      try {
        p.callback.failed(failure);
      } catch (RuntimeException e) {
        context.log().error("storage: a put callback failed: " + e.getClass().getName());
      }
    }
  }
}
