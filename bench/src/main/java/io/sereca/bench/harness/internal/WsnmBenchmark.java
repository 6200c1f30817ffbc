package io.sereca.bench.harness.internal;

import io.sereca.bench.harness.TargetVerdict;
import io.sereca.bus.SecureMessage;
import io.sereca.wsnm.Dam;
import io.sereca.wsnm.data.WsnmAddresses;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * {@code sereca bench wsnm} (issue 6): sustained readings/s through collector → secure bus →
 * cache, alarms and storage (closed loop: as fast as storage acknowledges), and the alarm latency
 * (scan offered to the collector → alarm event on {@code wsnm.alarms.events}) p50/p99 while the
 * load is paced at the target rate, per enclave backend. See {@link WsnmRig} for what runs and
 * {@link WsnmLoad} for the load and the probes.
 *
 * <p>A reading counts as through when storage acknowledged its scan (the collector's
 * {@code wsnm.collector.scans.acknowledged}); after the run the harness checks that the cache holds
 * the last scan of every dam and that the alarm manager evaluated every scan.
 */
public final class WsnmBenchmark {

  /** Target of issue 6: sustained readings per second. */
  public static final double TARGET_READINGS_PER_SECOND = 20_000;
  /** Target of issue 6: alarm latency p99, ms. */
  public static final double TARGET_P99_MILLIS = 50;
  /** Readings per scan (the register map's 20 channels). */
  public static final int READINGS_PER_SCAN = 20;
  /** Scans the load keeps unacknowledged at most (the collector sends 256 at a time). */
  public static final int WINDOW = 512;
  /**
   * System property naming the directory under which the run's journal, database and bundles go
   * (default: the JVM's temporary directory), e.g. a tmpfs to take the disk's fsync out of the
   * figures.
   */
  public static final String WORK_DIR_PROPERTY = "sereca.bench.wsnm.workdir";
  /** Unacknowledged scans below which the paced phase counts as settled (backlog drained). */
  static final int SETTLED = 64;
  /** CSV header of the per-second throughput file. */
  public static final String THROUGHPUT_HEADER = "phase,second,readings_per_s,scans_acked_total,outstanding_scans";
  /** CSV header of the probe latency file. */
  public static final String LATENCY_HEADER = "phase,offered_at_ms,transition,latency_ms";

  private WsnmBenchmark() {}

  /**
   * One measured phase.
   *
   * @param name {@code saturation} (closed loop) or {@code paced} (open loop at the target rate)
   * @param offeredScansPerSecond the pace (0: closed loop)
   */
  public record Phase(String name, double offeredScansPerSecond, double seconds, long scansAcked,
      List<WsnmLoad.Probe> probes, long lostProbes) {

    /** Readings acknowledged by storage per second. */
    public double readingsPerSecond() {
      return scansAcked * (double) READINGS_PER_SCAN / seconds;
    }

    /** Latency percentile {@code p} (0-100) of the probes, lost probes counted at the timeout. */
    public double latency(double p) {
      return percentile(probes, lostProbes, p);
    }
  }

  /** What one backend's run measured. */
  public record Result(String backend, Phase saturation, Phase paced, long refused, String deliveryCheck,
      boolean delivered) {}

  static double percentile(List<WsnmLoad.Probe> probes, long lost, double p) {
    double[] v = new double[probes.size() + (int) lost];
    for (int i = 0; i < probes.size(); i++) {
      v[i] = probes.get(i).latencyMillis();
    }
    Arrays.fill(v, probes.size(), v.length, WsnmLoad.PROBE_TIMEOUT_MILLIS);
    if (v.length == 0) {
      return Double.NaN;
    }
    Arrays.sort(v);
    int rank = (int) Math.ceil(p / 100.0 * v.length);
    return v[Math.max(0, Math.min(v.length - 1, rank - 1))];
  }

  /** Files and verdicts of a run. */
  public record Outcome(List<Path> files, List<TargetVerdict> verdicts) {}

  /**
   * Runs the benchmark on each backend in turn: warm-up, then {@code durationMillis} closed loop
   * (throughput), then {@code durationMillis} paced at the target rate (alarm latency).
   *
   * @param out progress and summary
   */
  public static Outcome run(Path dir, List<String> backends, long warmupMillis, long durationMillis, boolean quick,
      PrintWriter out) throws Exception {
    out.printf(Locale.ROOT, "sereca bench wsnm%s: backends %s; per backend %.1f s warm-up, %.1f s at saturation,"
            + " %.1f s paced at %,.0f readings/s; output in %s%n", quick ? " --quick" : "", String.join(", ", backends),
        warmupMillis / 1000.0, durationMillis / 1000.0, durationMillis / 1000.0, TARGET_READINGS_PER_SECOND,
        dir.toAbsolutePath());
    out.println("Enclave backends are SIMULATED (no hardware protection; costs only); the load's scans are"
        + " SIMULATED; a dev provisioner stands in for the CAS.");
    out.flush();
    List<Path> files = new ArrayList<>();
    List<TargetVerdict> verdicts = new ArrayList<>();
    StringBuilder summary = new StringBuilder();
    for (String backend : backends) {
      Result r = runOne(dir, backend, warmupMillis, durationMillis, out);
      files.addAll(write(r, dir));
      List<TargetVerdict> v = List.of(
          new TargetVerdict(backend + ": sustained readings/s (storage-acknowledged)",
              r.saturation().readingsPerSecond(), TARGET_READINGS_PER_SECOND, true, "readings/s"),
          new TargetVerdict(backend + ": alarm latency p99 at 20,000 readings/s", r.paced().latency(99),
              TARGET_P99_MILLIS, false, "ms"));
      verdicts.addAll(v);
      summary.append(table(r, v, quick)).append('\n');
    }
    Path summaryFile = dir.resolve("wsnm-summary.txt");
    Files.writeString(summaryFile, summary, StandardCharsets.UTF_8);
    files.add(summaryFile);
    out.println();
    out.print(summary);
    out.println("files:");
    files.forEach(f -> out.println("  " + f));
    out.flush();
    return new Outcome(files, verdicts);
  }

  private static Result runOne(Path dir, String backend, long warmupMillis, long durationMillis, PrintWriter out)
      throws Exception {
    String base = System.getProperty(WORK_DIR_PROPERTY);
    Path work = base == null ? Files.createTempDirectory("sereca-bench-wsnm-" + backend + "-")
        : Files.createTempDirectory(Files.createDirectories(Path.of(base)), "sereca-bench-wsnm-" + backend + "-");
    List<String> rows = new ArrayList<>();
    try (WsnmRig rig = WsnmRig.start(work, backend, line -> progress(out, backend, "started " + line))) {
      WsnmLoad load = new WsnmLoad(rig, WINDOW);
      Phase saturation;
      Phase paced;
      try {
        load.start();
        progress(out, backend, "load running (" + WsnmLoad.LOAD_DAMS.size() + " dams, at most " + WINDOW
            + " scans unacknowledged; alarm probes on " + WsnmLoad.PROBE_DAM + " every "
            + WsnmLoad.PROBE_INTERVAL_MILLIS + " ms after the previous alarm event)");
        tick(load, warmupMillis, out, backend, "warm-up", null);
        saturation = phase(load, "saturation", 0, durationMillis, out, backend, rows);
        double pace = TARGET_READINGS_PER_SECOND / READINGS_PER_SCAN;
        load.pace(pace);
        // Let the saturation backlog drain before timing probes at the target rate (a pipeline
        // slower than the target never drains: then the paced phase starts after at most half a
        // phase, between 3 and 30 s, regardless).
        long settleUntil = System.nanoTime() + Math.min(30_000, Math.max(3_000, durationMillis / 2)) * 1_000_000L;
        do {
          tick(load, 1000, out, backend, "settle (paced)", null);
        } while (load.outstanding() > SETTLED && System.nanoTime() < settleUntil && load.failure() == null);
        paced = phase(load, "paced", pace, durationMillis, out, backend, rows);
      } finally {
        load.close();
      }
      if (load.failure() != null) {
        throw new IllegalStateException("wsnm load failed: " + load.failure(), load.failure());
      }
      progress(out, backend, "load stopped; draining " + load.outstanding() + " unacknowledged scans");
      long deadline = System.currentTimeMillis() + 60_000;
      while (load.outstanding() > 0 && System.currentTimeMillis() < deadline) {
        Thread.sleep(100);
      }
      if (load.outstanding() > 0) {
        throw new IllegalStateException(load.outstanding() + " scans still unacknowledged 60 s after the load stopped");
      }
      StringBuilder check = new StringBuilder();
      boolean ok = checkDelivery(rig, load, check);
      Result r = new Result(backend, saturation, paced, load.refused(), check.toString(), ok);
      writeThroughput(rows, dir.resolve("wsnm-" + backend + "-throughput.csv"));
      return r;
    } finally {
      deleteTree(work);
    }
  }

  private static Phase phase(WsnmLoad load, String name, double pace, long millis, PrintWriter out, String backend,
      List<String> rows) throws InterruptedException {
    long[] lost = new long[1];
    load.drainProbes(lost);
    load.recording(true);
    long a0 = load.acknowledged();
    long t0 = System.nanoTime();
    List<long[]> perSecond = new ArrayList<>();
    tick(load, millis, out, backend, name, perSecond);
    long t1 = System.nanoTime();
    long acked = load.acknowledged() - a0;
    load.recording(false);
    for (long[] row : perSecond) {
      rows.add(name + "," + row[0] + "," + row[1] + "," + row[2] + "," + row[3]);
    }
    List<WsnmLoad.Probe> probes = load.drainProbes(lost);
    return new Phase(name, pace, (t1 - t0) / 1e9, acked, probes, lost[0]);
  }

  private static void tick(WsnmLoad load, long millis, PrintWriter out, String backend, String phase,
      List<long[]> rows) throws InterruptedException {
    long start = System.nanoTime();
    long last = load.acknowledged();
    int second = 0;
    while (true) {
      long elapsed = (System.nanoTime() - start) / 1_000_000;
      if (elapsed >= millis || load.failure() != null) {
        return;
      }
      Thread.sleep(Math.min(1000 - elapsed % 1000, millis - elapsed));
      long now = load.acknowledged();
      second++;
      long rate = (now - last) * READINGS_PER_SCAN;
      last = now;
      if (rows != null) {
        rows.add(new long[] {second, rate, now, load.outstanding()});
      }
      progress(out, backend, String.format(Locale.ROOT, "%s %d/%d s: %,d readings/s, %d scans outstanding, %d probes",
          phase, second, (millis + 999) / 1000, rate, load.outstanding(), load.probes().size()));
    }
  }

  private static boolean checkDelivery(WsnmRig rig, WsnmLoad load, StringBuilder out) throws Exception {
    JsonObject latest = query(rig, WsnmAddresses.CACHE_QUERY, new JsonObject().put("op", "latest"));
    JsonObject alarms = query(rig, WsnmAddresses.ALARMS_QUERY, new JsonObject().put("op", "status"));
    JsonObject storage = query(rig, WsnmAddresses.STORAGE_QUERY, new JsonObject().put("op", "stats"));
    boolean ok = true;
    List<Dam> dams = new ArrayList<>(WsnmLoad.LOAD_DAMS);
    dams.add(WsnmLoad.PROBE_DAM);
    JsonArray list = latest.getJsonArray("dams", new JsonArray());
    List<String> behind = new ArrayList<>();
    long offered = 0;
    for (Dam d : dams) {
      offered += load.issued(d);
      long cached = -1;
      for (int i = 0; i < list.size(); i++) {
        JsonObject e = list.getJsonObject(i);
        if (d.name().equals(e.getString("dam"))) {
          cached = e.getLong("scan", -1L);
        }
      }
      if (cached != load.issued(d)) {
        behind.add(d + " cache " + cached + " / offered " + load.issued(d));
      }
    }
    ok &= behind.isEmpty();
    long evaluated = alarms.getLong("scans", -1L);
    long ingested = storage.getLong("ingested", -1L);
    ok &= evaluated >= offered && ingested >= offered;
    out.append(String.format(Locale.ROOT, "synthetic scans offered %,d; cache holds the last scan of every dam: %s;"
        + " alarm manager evaluated %,d scans; storage ingested %,d records (both include the SIMULATED"
        + " Modbus logger's scans)", offered, behind.isEmpty() ? "yes" : "NO (" + String.join(", ", behind) + ")",
        evaluated, ingested));
    return ok;
  }

  private static JsonObject query(WsnmRig rig, String address, JsonObject q) throws Exception {
    SecureMessage<Object> reply = rig.bus.<Object>request(address, q.toBuffer().getBytes())
        .await(30, TimeUnit.SECONDS);
    Object b = reply.body();
    JsonObject j = b instanceof Buffer ? new JsonObject((Buffer) b)
        : b instanceof byte[] ? new JsonObject(new String((byte[]) b, StandardCharsets.UTF_8))
        : new JsonObject(String.valueOf(b));
    // The storage answers {"ok":..,"body":{..}} envelopes on some ops; unwrap if so.
    return j.getValue("body") instanceof JsonObject ? j.getJsonObject("body") : j;
  }

  private static void progress(PrintWriter out, String backend, String line) {
    out.println("[wsnm " + backend + "] " + line);
    out.flush();
  }

  private static List<Path> write(Result r, Path dir) throws IOException {
    Path latency = dir.resolve("wsnm-" + r.backend() + "-latency.csv");
    StringBuilder sb = new StringBuilder(LATENCY_HEADER).append('\n');
    for (Phase phase : List.of(r.saturation(), r.paced())) {
      for (WsnmLoad.Probe p : phase.probes()) {
        sb.append(phase.name()).append(',').append(p.offeredAtMillis()).append(',')
            .append(p.raise() ? "raise" : "clear").append(',')
            .append(String.format(Locale.ROOT, "%.3f", p.latencyMillis())).append('\n');
      }
    }
    Files.writeString(latency, sb, StandardCharsets.UTF_8);
    return List.of(dir.resolve("wsnm-" + r.backend() + "-throughput.csv"), latency);
  }

  private static void writeThroughput(List<String> rows, Path file) throws IOException {
    StringBuilder sb = new StringBuilder(THROUGHPUT_HEADER).append('\n');
    rows.forEach(row -> sb.append(row).append('\n'));
    Files.writeString(file, sb, StandardCharsets.UTF_8);
  }

  private static String table(Result r, List<TargetVerdict> verdicts, boolean quick) {
    StringBuilder sb = new StringBuilder();
    sb.append("== WSNM pipeline, enclaves on ").append(r.backend()).append(" (SIMULATED)")
        .append(quick ? "  [QUICK smoke run: numbers not meaningful]" : "").append('\n');
    sb.append(String.format(Locale.ROOT, "%-34s %14s %10s %8s %8s %8s %8s %6s%n", "phase", "readings/s", "scans",
        "probes", "p50 ms", "p99 ms", "max ms", "lost"));
    for (Phase p : List.of(r.saturation(), r.paced())) {
      String label = p.offeredScansPerSecond() == 0 ? "saturation (<= " + WINDOW + " scans unacked)"
          : String.format(Locale.ROOT, "paced at %,.0f readings/s", p.offeredScansPerSecond() * READINGS_PER_SCAN);
      sb.append(String.format(Locale.ROOT, "%-34s %,14.0f %,10d %8d %8.1f %8.1f %8.1f %6d%n", label,
          p.readingsPerSecond(), p.scansAcked(), p.probes().size(), p.latency(50), p.latency(99), max(p.probes()),
          p.lostProbes()));
      for (boolean raise : new boolean[] {true, false}) {
        List<WsnmLoad.Probe> sub = p.probes().stream().filter(x -> x.raise() == raise).toList();
        sb.append(String.format(Locale.ROOT, "  %-32s %14s %10s %8d %8.1f %8.1f %8.1f%n",
            raise ? "alarm raised" : "alarm returned to normal", "", "", sub.size(), percentile(sub, 0, 50),
            percentile(sub, 0, 99), max(sub)));
      }
    }
    sb.append("refused offers (collector buffer full): ").append(r.refused()).append('\n');
    sb.append("delivery: ").append(r.deliveryCheck()).append(r.delivered() ? "" : "  ** INCOMPLETE **").append('\n');
    sb.append("targets (issue 6):\n");
    verdicts.forEach(v -> sb.append("  ").append(v.describe()).append('\n'));
    return sb.toString();
  }

  private static double max(List<WsnmLoad.Probe> probes) {
    return probes.stream().mapToDouble(WsnmLoad.Probe::latencyMillis).max().orElse(Double.NaN);
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> s = Files.walk(root)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // A temporary directory left behind is harmless.
    }
  }
}
