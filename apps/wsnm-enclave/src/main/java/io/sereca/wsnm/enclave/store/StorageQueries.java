package io.sereca.wsnm.enclave.store;

import io.sereca.enclave.EnclaveContext;
import io.sereca.wsnm.data.Reading;
import io.sereca.wsnm.data.Scan;
import io.sereca.wsnm.data.StoreFrames;
import io.sereca.wsnm.data.WsnmAddresses;
import io.sereca.wsnm.json.Fields;
import io.sereca.wsnm.json.JsonException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The storage archiver's queries ({@code trend}, {@code csv}, {@code alarms}, {@code stats},
 * {@code retention}), each answered asynchronously from the host's encrypted rows. Every answer
 * is a JSON-ready map, or a {@link QueryFailure}.
 */
public final class StorageQueries {

  /** Most records one query may read. */
  public static final long MAX_QUERY_ROWS = 2_000_000;
  /** Most alarms one history query may return. */
  public static final int MAX_ALARMS = 10_000;
  /** Default number of alarms returned. */
  public static final int DEFAULT_ALARMS = 100;
  /** Default number of trend buckets. */
  public static final int DEFAULT_BUCKETS = 200;
  /** Longest retention accepted, days. */
  public static final int MAX_RETENTION_DAYS = 36_500;
  private static final long DAY_MILLIS = 86_400_000L;

  /** Where an answer goes. */
  public interface Answer {
    /** Success. */
    void ok(Map<String, Object> body);

    /** Failure. */
    void failed(QueryFailure failure);
  }

  private final EnclaveContext context;
  private final Counters counters;

  /** Counters the archiver reports in {@code stats}; single-threaded like everything here. */
  public static final class Counters {
    /** Scans persisted. */
    public long ingested;
    /** Scans (or alarms) the database already held. */
    public long duplicates;
    /** Alarm transitions persisted. */
    public long alarms;
    /** Rows that failed authentication in query results, ever. */
    public long tampered;
    /** Rows deleted by retention. */
    public long purged;
    /** Requests refused as malformed. */
    public long rejected;
    /** Retention in days applied on each tick. */
    public int retentionDays = 365;
  }

  /** Queries through {@code context}, counting into {@code counters}. */
  public StorageQueries(EnclaveContext context, Counters counters) {
    this.context = context;
    this.counters = counters;
  }

  /** Runs the query {@code q} (op dispatch); {@code answer} is called exactly once. */
  public void run(RecordSealer sealer, Fields q, Answer answer) throws QueryFailure {
    String op;
    try {
      op = q.string("op");
    } catch (JsonException e) {
      throw bad(e.getMessage());
    }
    try {
      switch (op) {
        case "trend": trend(sealer, q, answer); break;
        case "csv": csv(sealer, q, answer); break;
        case "alarms": alarms(sealer, q, answer); break;
        case "stats": stats(answer); break;
        case "retention": retention((int) bounded(q.integer("days"), 1, MAX_RETENTION_DAYS, "days"), answer); break;
        default: throw bad("query: unknown op '" + op + "' (trend, csv, alarms, stats, retention)");
      }
    } catch (IllegalArgumentException e) {
      throw bad(e.getMessage());
    }
  }

  private void trend(RecordSealer sealer, Fields q, Answer answer) {
    String dam = name(q.string("dam"), "dam");
    String channel = name(q.string("channel"), "channel");
    long from = q.integer("from");
    long to = q.integer("to");
    Trend trend = new Trend(from, to, (int) bounded(q.integer("buckets", DEFAULT_BUCKETS), 1, Trend.MAX_BUCKETS, "buckets"));
    long[] notGood = {0};
    scanReadings(sealer, dam, from, to, s -> {
      Reading r = s.reading(channel);
      if (r != null && r.good()) {
        trend.add(ScanRecord.time(s), r.value());
      } else if (r != null) {
        notGood[0]++;
      }
    }, (outcome, base) -> {
      base.put("channel", channel);
      base.put("bucketMillis", trend.width());
      base.put("notGood", notGood[0]);
      base.put("points", trend.points());
      return base;
    }, answer);
  }

  private void csv(RecordSealer sealer, Fields q, Answer answer) {
    String dam = name(q.string("dam"), "dam");
    String channel = q.has("channel") ? name(q.string("channel"), "channel") : null;
    long from = q.integer("from");
    long to = q.integer("to");
    CsvTable table = new CsvTable(CsvTable.DEFAULT_MAX_CHARS);
    // Rows come in (granule, id) order, and ids are random: sort each granule's scans by time.
    List<Scan> granule = new ArrayList<>();
    scanReadingsChecked(sealer, dam, from, to, s -> {
      if (!granule.isEmpty() && RecordSealer.coarse(ScanRecord.time(granule.get(0))) != RecordSealer.coarse(ScanRecord.time(s))) {
        flush(granule, table, channel);
      }
      granule.add(s);
    }, (outcome, base) -> {
      flush(granule, table, channel);
      base.put("rows", table.rows());
      base.put("csv", table.text());
      return base;
    }, answer);
  }

  private static void flush(List<Scan> granule, CsvTable table, String channel) throws QueryFailure {
    granule.sort(java.util.Comparator.comparingLong(ScanRecord::time).thenComparingLong(Scan::scan));
    for (Scan s : granule) {
      table.add(s, channel);
    }
    granule.clear();
  }

  private interface ScanConsumer {
    void accept(Scan s) throws QueryFailure;
  }

  private interface Finisher {
    Map<String, Object> finish(RecordScan.Outcome outcome, Map<String, Object> base) throws QueryFailure;
  }

  private void scanReadings(RecordSealer sealer, String dam, long from, long to, Consumer<Scan> each,
      Finisher finisher, Answer answer) {
    scanReadingsChecked(sealer, dam, from, to, each::accept, finisher, answer);
  }

  private void scanReadingsChecked(RecordSealer sealer, String dam, long from, long to, ScanConsumer each,
      Finisher finisher, Answer answer) {
    range(from, to);
    RecordScan.run(context, sealer, StoreFrames.STREAM_READINGS, sealer.series(StoreFrames.STREAM_READINGS, dam),
        RecordSealer.coarse(from), RecordSealer.coarse(to - 1) + RecordSealer.GRANULE_MILLIS, MAX_QUERY_ROWS,
        (row, plaintext) -> {
          Scan s = ScanRecord.decode(plaintext);
          if (!s.dam().equals(dam) || RecordSealer.coarse(ScanRecord.time(s)) != row.time()) {
            throw new IllegalArgumentException("record does not belong to this series or time");
          }
          long t = ScanRecord.time(s);
          if (t >= from && t < to) {
            each.accept(s);
          }
          return true;
        }, outcome -> {
          counters.tampered += outcome.tampered;
          if (outcome.failure != null) {
            answer.failed(outcome.failure);
            return;
          }
          Map<String, Object> base = new LinkedHashMap<>();
          base.put("dam", dam);
          base.put("from", from);
          base.put("to", to);
          base.put("records", outcome.rows);
          base.put("tampered", outcome.tampered);
          Map<String, Object> body;
          try {
            body = finisher.finish(outcome, base);
          } catch (QueryFailure f) {
            answer.failed(f);
            return;
          }
          answer.ok(body);
        });
  }

  private void alarms(RecordSealer sealer, Fields q, Answer answer) {
    String dam = q.has("dam") ? name(q.string("dam"), "dam") : null;
    long from = q.integer("from");
    long to = q.integer("to");
    range(from, to);
    int limit = (int) bounded(q.integer("limit", DEFAULT_ALARMS), 1, MAX_ALARMS, "limit");
    // The newest 'limit' by exact time (rows come in granule order only, ids being random).
    java.util.PriorityQueue<AlarmRecord> newest = new java.util.PriorityQueue<>(
        java.util.Comparator.comparingLong((AlarmRecord a) -> a.time).thenComparingLong(a -> a.sequence));
    long[] matched = {0};
    byte[] series = dam == null ? null : sealer.series(StoreFrames.STREAM_ALARMS, dam);
    RecordScan.run(context, sealer, StoreFrames.STREAM_ALARMS, series, RecordSealer.coarse(from),
        RecordSealer.coarse(to - 1) + RecordSealer.GRANULE_MILLIS, MAX_QUERY_ROWS, (row, plaintext) -> {
          AlarmRecord a = AlarmRecord.parse(plaintext);
          if ((dam != null && !a.dam.equals(dam)) || RecordSealer.coarse(a.time) != row.time()
              || !java.util.Arrays.equals(row.series(), sealer.series(StoreFrames.STREAM_ALARMS, a.dam))) {
            throw new IllegalArgumentException("alarm record does not belong to this series or time");
          }
          if (a.time >= from && a.time < to) {
            matched[0]++;
            a.sequence = matched[0];
            newest.add(a);
            if (newest.size() > limit) {
              newest.poll();
            }
          }
          return true;
        }, outcome -> {
          counters.tampered += outcome.tampered;
          if (outcome.failure != null) {
            answer.failed(outcome.failure);
            return;
          }
          List<AlarmRecord> sorted = new ArrayList<>(newest);
          sorted.sort(java.util.Comparator.comparingLong((AlarmRecord a) -> a.time).thenComparingLong(a -> a.sequence)
              .reversed());
          List<Object> list = new ArrayList<>(sorted.size());
          for (AlarmRecord a : sorted) {
            list.add(a.fields);
          }
          Map<String, Object> body = new LinkedHashMap<>();
          if (dam != null) {
            body.put("dam", dam);
          }
          body.put("from", from);
          body.put("to", to);
          body.put("matched", matched[0]);
          body.put("tampered", outcome.tampered);
          body.put("alarms", list);
          answer.ok(body);
        });
  }

  private void stats(Answer answer) {
    context.request(WsnmAddresses.DB_STATS, Map.of(), new byte[0], RecordScan.PAGE_TIMEOUT_MILLIS)
        .whenComplete((reply, err) -> {
          if (err != null) {
            answer.failed(new QueryFailure(QueryFailure.UNAVAILABLE, "record store unavailable: " + Failures.describe(err)));
            return;
          }
          List<StoreFrames.StreamStats> stats;
          try {
            stats = StoreFrames.decodeStats(reply.body());
          } catch (IllegalArgumentException e) {
            answer.failed(new QueryFailure(QueryFailure.BAD_GATEWAY, "record store sent malformed stats"));
            return;
          }
          Map<String, Object> body = new LinkedHashMap<>();
          Map<String, Object> db = new LinkedHashMap<>();
          for (StoreFrames.StreamStats s : stats) {
            db.put(s.stream == StoreFrames.STREAM_READINGS ? "readings" : "alarms",
                Map.of("rows", s.rows, "oldest", s.oldest, "newest", s.newest));
          }
          body.put("database", db);
          body.put("ingested", counters.ingested);
          body.put("duplicates", counters.duplicates);
          body.put("alarms", counters.alarms);
          body.put("tampered", counters.tampered);
          body.put("purged", counters.purged);
          body.put("rejected", counters.rejected);
          body.put("retentionDays", counters.retentionDays);
          body.put("granuleMillis", RecordSealer.GRANULE_MILLIS);
          answer.ok(body);
        });
  }

  /**
   * Deletes readings and alarms whose coarse time is more than {@code days} days old (rows of the
   * granule holding the cutoff stay: retention errs on keeping).
   */
  public void retention(int days, Answer answer) {
    long cutoff = RecordSealer.coarse(System.currentTimeMillis() - days * DAY_MILLIS);
    delete(StoreFrames.STREAM_READINGS, cutoff, readings -> delete(StoreFrames.STREAM_ALARMS, cutoff, alarms -> {
      counters.purged += readings + alarms;
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("days", days);
      body.put("cutoff", cutoff);
      body.put("purged", Map.of("readings", readings, "alarms", alarms));
      answer.ok(body);
    }, answer), answer);
  }

  private void delete(int stream, long before, Consumer<Long> then, Answer answer) {
    context.request(WsnmAddresses.DB_DELETE_BEFORE, Map.of(), StoreFrames.encodeDeleteBefore(stream, before),
        RecordScan.PAGE_TIMEOUT_MILLIS).whenComplete((reply, err) -> {
          if (err != null) {
            answer.failed(new QueryFailure(QueryFailure.UNAVAILABLE, "record store unavailable: " + Failures.describe(err)));
            return;
          }
          long n;
          try {
            n = StoreFrames.decodeCount(reply.body());
          } catch (IllegalArgumentException e) {
            answer.failed(new QueryFailure(QueryFailure.BAD_GATEWAY, "record store sent a malformed count"));
            return;
          }
          then.accept(n);
        });
  }

  private static void range(long from, long to) {
    if (from < 0 || to <= from) {
      throw new IllegalArgumentException("query: need 0 <= 'from' < 'to' (epoch milliseconds)");
    }
  }

  private static long bounded(long v, long lo, long hi, String field) {
    if (v < lo || v > hi) {
      throw new IllegalArgumentException("query: field '" + field + "' must be " + lo + ".." + hi);
    }
    return v;
  }

  /** A dam or channel name as the Scan format allows them. */
  static String name(String v, String what) {
    try {
      return Reading.create(v, 0, 0, 0).channel();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("query: " + e.getMessage().replace("channel", what));
    }
  }

  private static QueryFailure bad(String message) {
    return new QueryFailure(QueryFailure.BAD_REQUEST, message);
  }
}
