package io.sereca.bench.harness.internal;

import io.micrometer.core.instrument.Counter;
import io.sereca.bus.SecureMessageConsumer;
import io.sereca.wsnm.Dam;
import io.sereca.wsnm.data.Scan;
import io.sereca.wsnm.data.WsnmAddresses;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Drives a {@link WsnmRig}: a load thread offering SIMULATED scans of the {@link #LOAD_DAMS} to
 * the collector ({@code DataCollectorVerticle.offer}: durable journal, collector enclave, storage
 * acknowledgement), either as fast as the pipeline acknowledges them (closed loop, at most
 * {@code window} scans unacknowledged) or paced at a fixed rate (open loop, still capped at the
 * window so that a pipeline that cannot keep up shows as a shortfall, not as an unbounded queue);
 * and a probe thread offering scans of {@link #PROBE_DAM} that alternately open and
 * close its spillway gate, each timed from the offer to the alarm event ({@code spillway-release}
 * raised or returned to normal) on {@code wsnm.alarms.events}.
 */
final class WsnmLoad implements AutoCloseable {

  /** Dams whose scans are the load (the probe and the real logger have their own). */
  static final List<Dam> LOAD_DAMS = List.of(Dam.MONTE_COTUGNO, Dam.PERTUSILLO, Dam.CONZA, Dam.CAMASTRA,
      Dam.ACERENZA);
  /** The dam of the alarm probes. */
  static final Dam PROBE_DAM = Dam.GENZANO;
  /** Rule the probes trip: a threshold without on-delay (raises on the first scan above 0.5 %). */
  static final String PROBE_RULE = "spillway-release";
  /** Pause between one probe's alarm event and the next probe. */
  static final long PROBE_INTERVAL_MILLIS = 100;
  /** A probe whose alarm event takes longer is counted as lost (and ends the run with an error). */
  static final long PROBE_TIMEOUT_MILLIS = 10_000;

  /** One timed probe. */
  record Probe(long offeredAtMillis, boolean raise, double latencyMillis) {}

  private final WsnmRig rig;
  private final int window;
  private final WsnmScans scans = new WsnmScans();
  private final Counter acked;
  private final Counter polled;
  private final AtomicLong offered = new AtomicLong();
  private final AtomicLong loadOffered = new AtomicLong();
  private final AtomicLong refused = new AtomicLong();
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private final AtomicReference<CompletableFuture<Long>> awaiting = new AtomicReference<>();
  private final List<Probe> probes = new ArrayList<>();
  private final SecureMessageConsumer<Object> events;
  private volatile boolean running = true;
  private volatile boolean recording;
  /** Scans per second of the paced mode; 0: closed loop. */
  private volatile double rate;
  private volatile int generation;
  private long lostProbes;
  private final Thread loadThread;
  private final Thread probeThread;

  WsnmLoad(WsnmRig rig, int window) throws Exception {
    this.rig = rig;
    this.window = window;
    this.acked = rig.metrics.get("wsnm.collector.scans.acknowledged").counter();
    this.polled = rig.metrics.get("wsnm.collector.scans.polled").tag("dam", WsnmRig.REAL_DAM.name()).counter();
    this.events = rig.bus.consumer(WsnmAddresses.ALARMS_EVENTS, m -> onEvent(m.body()));
    events.completion().await(30, TimeUnit.SECONDS);
    loadThread = new Thread(this::load, "wsnm-bench-load");
    probeThread = new Thread(this::probe, "wsnm-bench-probe");
    loadThread.setDaemon(true);
    probeThread.setDaemon(true);
  }

  void start() {
    loadThread.start();
    probeThread.start();
  }

  /** Scans acknowledged by storage (all dams, the real logger's included). */
  long acknowledged() {
    return (long) acked.count();
  }

  /** Scans handed to the collector but not yet acknowledged. */
  long outstanding() {
    return offered.get() + (long) polled.count() - acknowledged();
  }

  /** Load scans offered so far. */
  long loadOffered() {
    return loadOffered.get();
  }

  /** Offers the collector refused (buffer full; should stay 0). */
  long refused() {
    return refused.get();
  }

  /** Starts (true) or stops recording probe latencies. */
  void recording(boolean on) {
    recording = on;
  }

  /** The probes recorded, in order. */
  synchronized List<Probe> probes() {
    return List.copyOf(probes);
  }

  /** Probes whose alarm event never came (within {@link #PROBE_TIMEOUT_MILLIS}) while recording. */
  synchronized long lostProbes() {
    return lostProbes;
  }

  /** Takes the probes recorded so far (and the lost count), starting afresh. */
  synchronized List<Probe> drainProbes(long[] lost) {
    List<Probe> out = List.copyOf(probes);
    probes.clear();
    lost[0] = lostProbes;
    lostProbes = 0;
    return out;
  }

  /** The first error of either thread, or null. */
  Throwable failure() {
    return failure.get();
  }

  /** Last scan counter issued per dam (for checking what the cache holds). */
  long issued(Dam dam) {
    return scans.issued(dam);
  }

  /**
   * Switches the load: {@code scansPerSecond} 0 offers as fast as scans are acknowledged, any
   * other value paces the offers at that rate from now on.
   */
  void pace(double scansPerSecond) {
    rate = scansPerSecond;
    generation++;
  }

  private void load() {
    int next = 0;
    int seen = -1;
    long t0 = 0;
    long sent = 0;
    try {
      while (running) {
        int g = generation;
        if (g != seen) {
          seen = g;
          t0 = System.nanoTime();
          sent = 0;
        }
        double r = rate;
        long room = window - outstanding();
        long due = r <= 0 ? room : Math.min(room, (long) ((System.nanoTime() - t0) / 1e9 * r) - sent);
        if (due <= 0) {
          LockSupport.parkNanos(r <= 0 ? 200_000 : 500_000);
          continue;
        }
        for (long i = 0; i < due; i++) {
          Dam dam = LOAD_DAMS.get(next);
          next = (next + 1) % LOAD_DAMS.size();
          offer(scans.next(dam, 0));
          loadOffered.incrementAndGet();
        }
        sent += due;
      }
    } catch (Throwable t) {
      failure.compareAndSet(null, t);
    }
  }

  private void offer(Scan scan) {
    offered.incrementAndGet();
    rig.collector.offer(scan).onComplete(ar -> {
      if (ar.failed()) {
        failure.compareAndSet(null, ar.cause());
      } else if (!ar.result()) {
        refused.incrementAndGet();
      }
    });
  }

  private void probe() {
    boolean raise = true;
    try {
      while (running) {
        CompletableFuture<Long> event = new CompletableFuture<>();
        awaiting.set(event);
        Scan scan = scans.next(PROBE_DAM, raise ? WsnmScans.GATE_OPEN : 0);
        boolean rec = recording;
        long t0 = System.nanoTime();
        long wall = System.currentTimeMillis();
        offer(scan);
        try {
          long t1 = event.get(PROBE_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
          if (rec && recording) {
            synchronized (this) {
              probes.add(new Probe(wall, raise, (t1 - t0) / 1e6));
            }
          }
        } catch (TimeoutException e) {
          if (rec && recording) {
            synchronized (this) {
              lostProbes++;
            }
          }
          // The state of the alarm is unknown now: keep alternating from what was asked.
        }
        awaiting.set(null);
        raise = !raise;
        Thread.sleep(PROBE_INTERVAL_MILLIS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Throwable t) {
      failure.compareAndSet(null, t);
    }
  }

  private void onEvent(Object body) {
    long now = System.nanoTime();
    JsonObject e;
    if (body instanceof Buffer) {
      e = new JsonObject((Buffer) body);
    } else if (body instanceof byte[]) {
      e = new JsonObject(new String((byte[]) body, StandardCharsets.UTF_8));
    } else {
      e = new JsonObject(String.valueOf(body));
    }
    if (PROBE_RULE.equals(e.getString("rule")) && PROBE_DAM.name().equals(e.getString("dam"))) {
      CompletableFuture<Long> f = awaiting.get();
      if (f != null) {
        f.complete(now);
      }
    }
  }

  /** Stops both threads (the collector keeps draining what was offered). */
  @Override
  public void close() throws Exception {
    running = false;
    loadThread.join(10_000);
    probeThread.interrupt();
    probeThread.join(10_000);
    events.unregister().await(10, TimeUnit.SECONDS);
  }
}
