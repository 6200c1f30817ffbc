package io.sereca.wsnm.enclave;

import io.sereca.enclave.EnclaveApp;
import io.sereca.enclave.EnclaveContext;
import io.sereca.enclave.EnclaveMessage;
import io.sereca.enclave.ProvisionedSecrets;
import io.sereca.wsnm.data.Reading;
import io.sereca.wsnm.data.Scan;
import io.sereca.wsnm.data.WsnmAddresses;
import io.sereca.wsnm.json.Fields;
import io.sereca.wsnm.json.Json;
import io.sereca.wsnm.json.JsonException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The cache archiver (cloud): subscribes {@link WsnmAddresses#READINGS}, drops scans already seen
 * (by dam and scan counter), keeps per dam the latest scan and per (dam, channel) a recent window
 * of points, and answers {@link WsnmAddresses#CACHE_QUERY}:
 *
 * <ul>
 *   <li>{@code {"op":"latest"}} or {@code {"op":"latest","dam":"CONZA"}} → {@code {"dams":[…]}}, each
 *       with the header (scan, loggerTime, collectedAt, status, batteryMv, loggerTempC, flags) and
 *       {@code "readings":[["RESERVOIR_LEVEL",412.3,0,3],…]} (the scan's wire form);
 *   <li>{@code {"op":"window","dam","channel"[,"from"][,"to"]}} (ms) → {@code {"points":[[tMs,value,quality],…]}},
 *       where a point's time is the logger time of its scan;
 *   <li>{@code {"op":"quality"[,"staleSeconds"]}} → per dam: last scan time, battery, flags,
 *       channels whose age is above the limit ({@code stale}) and channels not GOOD ({@code notGood}).
 * </ul>
 *
 * A bad query fails with 400 naming the problem. Provisioned env: {@code WSNM_CACHE_WINDOW_MINUTES}
 * (default 120), {@code WSNM_CACHE_MAX_POINTS} per series (default 8192),
 * {@code WSNM_CACHE_STALE_SECONDS} (default 60). Memory is bounded: at most {@link #MAX_DAMS} dams,
 * {@link #MAX_SERIES} series of at most max-points points (17 bytes each), and
 * {@link #SEEN_PER_DAM} remembered scan keys per dam.
 */
public final class CacheArchiverApp implements EnclaveApp {

  /** Most dams cached; scans of further dams are dropped (and logged). */
  public static final int MAX_DAMS = 32;
  /** Most (dam, channel) series cached. */
  public static final int MAX_SERIES = 1024;
  /** Scan keys remembered per dam for de-duplication. */
  public static final int SEEN_PER_DAM = 16_384;
  /** Default window. */
  public static final int DEFAULT_WINDOW_MINUTES = 120;
  /** Default points per series. */
  public static final int DEFAULT_MAX_POINTS = 8192;
  /** Default staleness limit. */
  public static final int DEFAULT_STALE_SECONDS = 60;

  private final Map<String, DamEntry> dams = new TreeMap<>();
  private EnclaveContext ctx;
  private long windowMs = DEFAULT_WINDOW_MINUTES * 60_000L;
  private int maxPoints = DEFAULT_MAX_POINTS;
  private long staleSeconds = DEFAULT_STALE_SECONDS;
  private int series;
  private long duplicates;
  private boolean warnedFull;

  private static final class DamEntry {
    Scan latest;
    final Map<String, ChannelSeries> channels = new HashMap<>();
    final LinkedHashSet<Long> seen = new LinkedHashSet<>();
  }

  /** Required by the runtime. */
  public CacheArchiverApp() {}

  @Override
  public void init(EnclaveContext context) {
    this.ctx = context;
    context.onProvisioned(this::configure);
    configure(context.secrets());
    context.register(WsnmAddresses.READINGS, this::onScan);
    context.register(WsnmAddresses.CACHE_QUERY, this::onQuery);
  }

  private void configure(ProvisionedSecrets s) {
    windowMs = env(s, "WSNM_CACHE_WINDOW_MINUTES", 1, 7 * 24 * 60, windowMs / 60_000) * 60_000L;
    maxPoints = (int) env(s, "WSNM_CACHE_MAX_POINTS", 16, 1_000_000, maxPoints);
    staleSeconds = env(s, "WSNM_CACHE_STALE_SECONDS", 1, 30L * 86_400, staleSeconds);
  }

  private long env(ProvisionedSecrets s, String name, long min, long max, long current) {
    String v = s.env(name).orElse(null);
    if (v == null) {
      return current;
    }
    try {
      long n = Long.parseLong(v.trim());
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    ctx.log().warn(name + " is not " + min + ".." + max + "; keeping " + current);
    return current;
  }

  private void onScan(EnclaveMessage m) {
    Scan scan;
    try {
      scan = Scan.fromJson(m.body());
    } catch (IllegalArgumentException e) {
      // Authentic (it came sealed) but malformed: a collector bug; the class of error only.
      ctx.log().warn("cache: dropped a malformed scan (" + e.getClass().getSimpleName() + ")");
      return;
    }
    DamEntry d = dams.get(scan.dam());
    if (d == null) {
      if (dams.size() >= MAX_DAMS) {
        if (!warnedFull) {
          ctx.log().warn("cache: more than " + MAX_DAMS + " dams; scans of further dams are not cached");
          warnedFull = true;
        }
        return;
      }
      d = new DamEntry();
      dams.put(scan.dam(), d);
    }
    if (!d.seen.add(scan.scan())) {
      duplicates++;
      return;
    }
    if (d.seen.size() > SEEN_PER_DAM) {
      var it = d.seen.iterator();
      it.next();
      it.remove();
    }
    if (d.latest == null || scan.loggerTime() > d.latest.loggerTime()
        || (scan.loggerTime() == d.latest.loggerTime() && scan.collectedAt() > d.latest.collectedAt())) {
      d.latest = scan;
    }
    long t = scan.loggerTime() * 1000;
    for (Reading r : scan.readings()) {
      ChannelSeries s = d.channels.get(r.channel());
      if (s == null) {
        if (series >= MAX_SERIES) {
          continue;
        }
        s = new ChannelSeries(maxPoints);
        d.channels.put(r.channel(), s);
        series++;
      }
      if (s.size() > 0 && t < s.oldest() && s.size() >= maxPoints) {
        continue;
      }
      s.add(t, r.value(), r.quality(), windowMs);
    }
  }

  private void onQuery(EnclaveMessage m) {
    if (!m.isRequest()) {
      return;
    }
    Map<String, Object> out;
    try {
      Fields f = Fields.parse(m.body(), "cache query");
      String op = f.string("op");
      switch (op) {
        case "latest": out = latest(f); break;
        case "window": out = window(f); break;
        case "quality": out = quality(f); break;
        default: throw new JsonException("cache query: unknown op '" + op + "' (known: latest, window, quality)");
      }
    } catch (IllegalArgumentException e) {
      m.fail(400, e.getMessage());
      return;
    }
    m.reply(Json.writeBytes(out));
  }

  private Map<String, Object> latest(Fields f) {
    List<Object> list = new ArrayList<>();
    if (f.has("dam")) {
      String dam = f.string("dam");
      DamEntry d = dams.get(dam);
      if (d != null && d.latest != null) {
        list.add(latestOf(d.latest));
      }
    } else {
      for (DamEntry d : dams.values()) {
        if (d.latest != null) {
          list.add(latestOf(d.latest));
        }
      }
    }
    return Map.of("dams", list);
  }

  /** The latest scan in its wire form (the same shape the collector sends, see {@link Scan#toMap()}). */
  private static Map<String, Object> latestOf(Scan s) {
    return s.toMap();
  }

  private Map<String, Object> window(Fields f) {
    String dam = f.string("dam");
    String channel = f.string("channel");
    long from = f.integer("from", Long.MIN_VALUE);
    long to = f.integer("to", Long.MAX_VALUE);
    if (from > to) {
      throw new JsonException("cache query: from " + from + " is after to " + to);
    }
    DamEntry d = dams.get(dam);
    ChannelSeries s = d == null ? null : d.channels.get(channel);
    return Map.of("points", s == null ? List.of() : s.window(from, to));
  }

  private Map<String, Object> quality(Fields f) {
    long limit = f.integer("staleSeconds", staleSeconds);
    if (limit < 0) {
      throw new JsonException("cache query: staleSeconds must not be negative");
    }
    long now = System.currentTimeMillis();
    List<Object> list = new ArrayList<>();
    for (DamEntry d : dams.values()) {
      Scan s = d.latest;
      if (s == null) {
        continue;
      }
      // Age now = the logger's age at the scan plus the time since it was collected.
      long since = Math.max(0, now - s.collectedAt()) / 1000;
      List<Object> stale = new ArrayList<>();
      List<Object> notGood = new ArrayList<>();
      for (Reading r : s.readings()) {
        if (r.ageSeconds() + since > limit) {
          stale.add(r.channel());
        }
        if (!r.good()) {
          Map<String, Object> q = new LinkedHashMap<>();
          q.put("channel", r.channel());
          q.put("quality", (long) r.quality());
          notGood.add(q);
        }
      }
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("dam", s.dam());
      m.put("scan", s.scan());
      m.put("lastScanTime", s.loggerTime());
      m.put("collectedAt", s.collectedAt());
      m.put("secondsSinceCollected", since);
      m.put("batteryMv", (long) s.batteryMv());
      m.put("status", (long) s.status());
      m.put("flags", s.flags());
      m.put("stale", stale);
      m.put("notGood", notGood);
      list.add(m);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("staleSeconds", limit);
    out.put("duplicatesDropped", duplicates);
    out.put("dams", list);
    return out;
  }
}
