package io.sereca.wsnm.enclave.store;

import io.sereca.enclave.EnclaveContext;
import io.sereca.enclave.EnclaveMessage;
import io.sereca.wsnm.data.StoreFrames;
import io.sereca.wsnm.data.StoreRow;
import io.sereca.wsnm.data.WsnmAddresses;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads a range of records from the host's store page by page and hands each authentic row to a
 * sink. The host is not trusted with the answer either: a row that fails to open, that lies
 * outside the asked range or series, or that breaks the strict (time, id) order (a duplicate the
 * host slipped in) is skipped and counted as tampered, never given to the sink. What it cannot
 * detect is a row the host leaves out.
 */
public final class RecordScan {

  /** How long the enclave waits for one page. */
  public static final long PAGE_TIMEOUT_MILLIS = 30_000;
  /** Rows asked for per page. */
  public static final int PAGE_ROWS = 4096;

  /** Receives authentic rows. */
  @FunctionalInterface
  public interface Sink {
    /**
     * One authentic row; return false to stop the scan early.
     *
     * @throws QueryFailure to end the query with that failure
     * @throws IllegalArgumentException if the plaintext does not decode (counted as tampered)
     */
    boolean accept(StoreRow row, byte[] plaintext) throws QueryFailure;
  }

  /** How a scan ended. */
  public static final class Outcome {
    /** Authentic rows given to the sink. */
    public long rows;
    /** Rows skipped as tampered. */
    public long tampered;
    /** Null on success. */
    public QueryFailure failure;
  }

  private final EnclaveContext context;
  private final RecordSealer sealer;
  private final StoreFrames.ScanRequest first;
  private final long maxRows;
  private final Sink sink;
  private final Consumer<Outcome> done;
  private final Outcome outcome = new Outcome();
  private long lastTime;
  private byte[] lastId;

  private RecordScan(EnclaveContext context, RecordSealer sealer, StoreFrames.ScanRequest first, long maxRows,
      Sink sink, Consumer<Outcome> done) {
    this.context = context;
    this.sealer = sealer;
    this.first = first;
    this.maxRows = maxRows;
    this.sink = sink;
    this.done = done;
  }

  /**
   * Starts a scan of {@code stream} (one series, or all when {@code series} is null) over coarse
   * times [from, to); {@code done} runs once, inside a later ecall.
   */
  public static void run(EnclaveContext context, RecordSealer sealer, int stream, byte[] series, long from, long to,
      long maxRows, Sink sink, Consumer<Outcome> done) {
    StoreFrames.ScanRequest req = new StoreFrames.ScanRequest(stream, series, from, to, 0, null, PAGE_ROWS);
    new RecordScan(context, sealer, req, maxRows, sink, done).next(req);
  }

  private void next(StoreFrames.ScanRequest req) {
    context.request(WsnmAddresses.DB_SCAN, Map.of(), StoreFrames.encodeScan(req), PAGE_TIMEOUT_MILLIS)
        .whenComplete((reply, err) -> {
          try {
            page(reply, err);
          } catch (QueryFailure f) {
            finish(f);
          } catch (RuntimeException e) {
            finish(new QueryFailure(500, "scan failed: " + e.getClass().getSimpleName()));
          }
        });
  }

  private void page(EnclaveMessage reply, Throwable err) throws QueryFailure {
    if (err != null) {
      throw new QueryFailure(QueryFailure.UNAVAILABLE, "record store unavailable: " + Failures.describe(err));
    }
    StoreFrames.ScanPage page;
    try {
      page = StoreFrames.decodeScanReply(reply.body(), first.stream);
    } catch (IllegalArgumentException e) {
      throw new QueryFailure(QueryFailure.BAD_GATEWAY, "record store sent a malformed page: " + e.getMessage());
    }
    boolean advanced = false;
    for (StoreRow row : page.rows) {
      if (!inOrder(row) || row.time() < first.from || row.time() >= first.to
          || (first.series != null && !Arrays.equals(row.series(), first.series))) {
        outcome.tampered++;
        continue;
      }
      lastTime = row.time();
      lastId = row.id();
      advanced = true;
      byte[] plaintext;
      try {
        plaintext = sealer.open(row);
      } catch (GeneralSecurityException e) {
        outcome.tampered++;
        continue;
      }
      if (++outcome.rows > maxRows) {
        throw new QueryFailure(QueryFailure.TOO_LARGE, "the range holds more than " + maxRows
            + " records; ask for a shorter time range");
      }
      boolean more;
      try {
        more = sink.accept(row, plaintext);
      } catch (IllegalArgumentException e) {
        outcome.rows--;
        outcome.tampered++;
        continue;
      }
      if (!more) {
        finish(null);
        return;
      }
    }
    if (page.more) {
      if (!advanced) {
        throw new QueryFailure(QueryFailure.BAD_GATEWAY, "record store's page did not advance the scan");
      }
      next(new StoreFrames.ScanRequest(first.stream, first.series, first.from, first.to, lastTime, lastId,
          first.limit));
    } else {
      finish(null);
    }
  }

  private boolean inOrder(StoreRow row) {
    if (lastId == null) {
      return true;
    }
    return row.time() > lastTime || (row.time() == lastTime && Arrays.compareUnsigned(row.id(), lastId) > 0);
  }

  private void finish(QueryFailure failure) {
    outcome.failure = failure;
    if (outcome.tampered > 0) {
      context.log().warn("storage: " + outcome.tampered + " record(s) failed authentication and were skipped");
    }
    done.accept(outcome);
  }
}
