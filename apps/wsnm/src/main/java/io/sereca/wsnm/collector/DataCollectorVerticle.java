package io.sereca.wsnm.collector;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.sereca.wsnm.Dam;
import io.sereca.wsnm.collector.internal.CollectorMetrics;
import io.sereca.wsnm.collector.internal.LoggerPoller;
import io.sereca.wsnm.collector.internal.LoggerState;
import io.sereca.wsnm.collector.internal.ScanDecoder;
import io.sereca.wsnm.collector.internal.ScanForwarder;
import io.sereca.wsnm.collector.internal.ScanJournal;
import io.sereca.wsnm.collector.internal.StateFile;
import io.sereca.wsnm.data.Scan;
import io.sereca.wsnm.enclave.CollectorApp;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.WorkerExecutor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The dam-side data collector (host part): polls each dam's data logger over Modbus TCP, decodes
 * and validates every new scan, appends it to a durable on-disk buffer and hands it to the
 * collector enclave ({@link CollectorApp}, address {@link CollectorApp#SCAN_ADDRESS}, local-only
 * delivery), which seals it, publishes it live and has storage persist it. A scan leaves the
 * buffer only once storage acknowledged it; until then it is resent, oldest first, with back-off,
 * across restarts and crashes (at-least-once; receivers drop repeats by (dam, scan)).
 *
 * <p>Deploy with the options as config:
 *
 * <pre>{@code
 * vertx.deployVerticle(new DataCollectorVerticle(registry), new DeploymentOptions().setConfig(
 *     new DataCollectorOptions().setBufferDirectory("/var/lib/wsnm/collector")
 *         .addLogger(new LoggerEndpoint(Dam.CONZA, "10.0.0.7", 502)).toJson()));
 * }</pre>
 *
 * <p>Modbus reads are blocking (j2mod) and run on a worker pool with one thread per logger; file
 * I/O runs on one journal worker thread; decoding, validation and forwarding run on the event
 * loop. A logger that refuses (Modbus exception) or does not answer produces no scans: it is
 * logged (rate-limited) and counted, and reconnected with back-off. See docs/wsnm-collector.md.
 */
public class DataCollectorVerticle extends VerticleBase {

  private static final System.Logger LOG = System.getLogger(DataCollectorVerticle.class.getName());
  private static final long LOG_INTERVAL_MILLIS = 60_000;
  private static final long STATE_SAVE_MILLIS = 5_000;

  private final MeterRegistry registry;
  private DataCollectorOptions options;
  private CollectorMetrics metrics;
  private WorkerExecutor journalWorker;
  private WorkerExecutor modbusWorker;
  private ScanJournal journal;
  private ScanForwarder forwarder;
  private StateFile stateFile;
  private final List<Logger> loggers = new ArrayList<>();
  private long pollTimer = -1;
  private long stateTimer = -1;
  private boolean stateDirty;
  private long refusedSinceLog;
  private long refusedTotal;
  private long lastRefusedLog;
  private boolean full;

  /** Per-logger runtime state (event-loop confined, except the poller which runs on a worker). */
  private static final class Logger {
    final Dam dam;
    final LoggerPoller poller;
    final LoggerState state = new LoggerState();
    boolean busy;
    long nextAttemptAt;
    long backoff;
    long failures;
    long failuresSinceLog;
    long lastLog;

    Logger(LoggerEndpoint ep, int timeout) {
      this.dam = ep.getDam();
      this.poller = new LoggerPoller(ep, timeout);
    }
  }

  /** A collector reporting to Micrometer's global registry. */
  public DataCollectorVerticle() {
    this(Metrics.globalRegistry);
  }

  /** A collector reporting to {@code registry}. */
  public DataCollectorVerticle(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public Future<?> start() {
    try {
      options = new DataCollectorOptions(config());
      options.validate();
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
    metrics = new CollectorMetrics(registry, options.getCollectorId());
    for (LoggerEndpoint ep : options.getLoggers()) {
      loggers.add(new Logger(ep, options.getRequestTimeoutMillis()));
    }
    String suffix = options.getCollectorId() + "-" + deploymentID();
    journalWorker = vertx.createSharedWorkerExecutor("wsnm-collector-journal-" + suffix, 1);
    modbusWorker = vertx.createSharedWorkerExecutor("wsnm-collector-modbus-" + suffix, loggers.size());
    Path dir = Path.of(options.getBufferDirectory());
    stateFile = new StateFile(dir.resolve("loggers.json"));
    return journalWorker.executeBlocking(() -> {
      Map<Dam, long[]> last = stateFile.read();
      journal = ScanJournal.open(dir, ScanJournal.DEFAULT_SEGMENT_BYTES, e -> {
        try {
          Scan s = Scan.fromJson(e.payload());
          last.put(Dam.valueOf(s.dam()), new long[] {s.scan(), s.loggerTime()});
        } catch (IllegalArgumentException bad) {
          LOG.log(System.Logger.Level.WARNING, "scan buffer: record {0} is not a scan ({1})", e.seq(), bad.getMessage());
        }
      });
      return last;
    }).map(last -> {
      for (Logger l : loggers) {
        long[] s = last.get(l.dam);
        if (s != null) {
          l.state.forwarded(s[0], s[1]);
        }
      }
      forwarder = new ScanForwarder(vertx, journalWorker, journal, CollectorApp.SCAN_ADDRESS, metrics,
          options.getDeliveryTimeoutMillis(), options.getMaxInFlight(), options.getRetryBackoffMillis(),
          options.getMaxRetryBackoffMillis()).token(options.getEnclaveToken());
      metrics.gauges(forwarder::buffered, () -> full ? 1 : 0);
      forwarder.start();
      pollTimer = vertx.setPeriodic(0, options.getPollIntervalMillis(), t -> pollAll());
      stateTimer = vertx.setPeriodic(STATE_SAVE_MILLIS, t -> saveState());
      LOG.log(System.Logger.Level.INFO, "collector {0} polls {1} loggers every {2} ms; buffer {3}",
          options.getCollectorId(), loggers.size(), options.getPollIntervalMillis(), dir);
      return null;
    });
  }

  private void pollAll() {
    long now = System.currentTimeMillis();
    for (Logger l : loggers) {
      if (l.busy || now < l.nextAttemptAt) {
        continue;
      }
      l.busy = true;
      modbusWorker.executeBlocking(l.poller::read, false).onComplete(ar -> {
        l.busy = false;
        if (ar.succeeded()) {
          onRead(l, ar.result());
        } else if (ar.cause() instanceof LoggerPoller.ReadFailure) {
          LoggerPoller.ReadFailure f = (LoggerPoller.ReadFailure) ar.cause();
          onFailure(l, f.kind(), f.getMessage());
        } else {
          onFailure(l, LoggerPoller.Failure.IO, String.valueOf(ar.cause()));
        }
      });
    }
  }

  private void onRead(Logger l, int[] regs) {
    ScanDecoder.Decoded d;
    try {
      d = ScanDecoder.decode(l.dam, regs);
    } catch (IllegalArgumentException e) {
      onFailure(l, LoggerPoller.Failure.DECODE, e.getMessage());
      return;
    }
    if (l.failures > 0) {
      LOG.log(System.Logger.Level.INFO, "logger of {0} answers again after {1} failed reads", l.dam, l.failures);
      l.failures = 0;
      l.failuresSinceLog = 0;
    }
    l.backoff = 0;
    if (!l.state.isNew(d.counter())) {
      return;
    }
    metrics.polled(l.dam, d.suspect());
    if (forwarder.buffered() >= options.getMaxBufferedScans()) {
      l.state.seen(d.counter());
      refuse(l.dam);
      return;
    }
    if (full) {
      full = false;
      LOG.log(System.Logger.Level.WARNING, "scan buffer has room again: accepting scans (refused {0} while full;"
          + " the first scan after the gap carries counter_jump)", refusedTotal);
      refusedTotal = 0;
    }
    List<String> flags = l.state.flags(d.counter(), d.loggerTime());
    Scan scan = ScanDecoder.toScan(d, System.currentTimeMillis(), flags);
    l.state.forwarded(d.counter(), d.loggerTime());
    stateDirty = true;
    forwarder.accept(scan.toJson());
  }

  /**
   * Buffers and forwards a scan that did not come from one of this collector's loggers, on the
   * same path as a polled scan: durable journal (group commit), hand-over to the collector
   * enclave, removal from the journal once storage acknowledged it, resent with back-off until
   * then. For load generators ({@code sereca bench wsnm} feeds synthetic scans through here) and
   * tools that replay recorded scans; a collector nobody offers scans to behaves exactly as before.
   *
   * <p>The loggers' state (counter jumps, clock checks) is not consulted: the caller owns the scan
   * counters and flags of its scans, and should not offer scans of a dam that one of this
   * collector's loggers reports (receivers drop a repeated (dam, scan) key). Offered scans are
   * not counted as polled. Callable from any thread; the work runs on this verticle's context.
   *
   * @return true once buffered, false if the buffer is full (counted as refused, as a polled scan
   *     would be); failed if the collector is not started or the scan names an unknown dam
   */
  public Future<Boolean> offer(Scan scan) {
    java.util.Objects.requireNonNull(scan, "scan");
    Dam dam;
    try {
      dam = Dam.valueOf(scan.dam());
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(new IllegalArgumentException("offer: unknown dam '" + scan.dam() + "'"));
    }
    io.vertx.core.Context ctx = context;
    if (ctx == null) {
      return Future.failedFuture(new IllegalStateException("offer: the collector is not deployed"));
    }
    io.vertx.core.Promise<Boolean> accepted = io.vertx.core.Promise.promise();
    ctx.runOnContext(v -> {
      if (forwarder == null) {
        accepted.fail(new IllegalStateException("offer: the collector has not started"));
        return;
      }
      if (forwarder.buffered() >= options.getMaxBufferedScans()) {
        refuse(dam);
        accepted.complete(false);
        return;
      }
      forwarder.accept(scan.toJson());
      accepted.complete(true);
    });
    return accepted.future();
  }

  private void refuse(Dam dam) {
    metrics.refused(dam);
    refusedSinceLog++;
    refusedTotal++;
    long now = System.currentTimeMillis();
    if (!full || now - lastRefusedLog >= LOG_INTERVAL_MILLIS) {
      LOG.log(System.Logger.Level.ERROR, "scan buffer FULL ({0} scans not acknowledged, limit {1}): new scans are"
          + " NOT collected until storage acknowledges; {2} refused since the last report (metric"
          + " wsnm.collector.scans.refused)", forwarder.buffered(), options.getMaxBufferedScans(), refusedSinceLog);
      lastRefusedLog = now;
      refusedSinceLog = 0;
    }
    full = true;
  }

  private void onFailure(Logger l, LoggerPoller.Failure kind, String message) {
    metrics.loggerError(l.dam, kind);
    l.failures++;
    l.failuresSinceLog++;
    long now = System.currentTimeMillis();
    if (l.failures == 1 || now - l.lastLog >= LOG_INTERVAL_MILLIS) {
      LOG.log(System.Logger.Level.WARNING, "logger of {0}: read failed ({1}: {2}); it produces no scans until it"
          + " answers ({3} failures since the last report; next reports at most every 60 s)",
          l.dam, kind, message, l.failuresSinceLog);
      l.lastLog = now;
      l.failuresSinceLog = 0;
    }
    if (kind == LoggerPoller.Failure.IO) {
      // Reconnect with back-off; a logger that answers with an exception is polled as usual.
      l.backoff = l.backoff == 0 ? options.getRetryBackoffMillis()
          : Math.min(options.getMaxRetryBackoffMillis(), l.backoff * 2);
      l.nextAttemptAt = now + l.backoff;
    }
  }

  private void saveState() {
    if (!stateDirty) {
      return;
    }
    stateDirty = false;
    Map<Dam, long[]> snapshot = snapshot();
    journalWorker.executeBlocking(() -> {
      stateFile.write(snapshot);
      return null;
    }, true).onFailure(e -> LOG.log(System.Logger.Level.WARNING, "collector state not saved: " + e.getMessage()));
  }

  private Map<Dam, long[]> snapshot() {
    Map<Dam, long[]> m = new EnumMap<>(Dam.class);
    for (Logger l : loggers) {
      if (l.state.lastForwarded() >= 0) {
        m.put(l.dam, new long[] {l.state.lastForwarded(), l.state.lastForwardedTime()});
      }
    }
    return m;
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(pollTimer);
    vertx.cancelTimer(stateTimer);
    if (metrics != null) {
      metrics.close();
    }
    Future<Void> flushed = forwarder == null ? Future.succeededFuture() : forwarder.stop(() -> {
      stateFile.write(snapshot());
      journal.close();
      return null;
    });
    if (modbusWorker == null) {
      return flushed;
    }
    return flushed.eventually(() -> modbusWorker.executeBlocking(() -> {
      loggers.forEach(l -> l.poller.close());
      return null;
    }, false)).eventually(() -> {
      journalWorker.close();
      return modbusWorker.close();
    });
  }
}
