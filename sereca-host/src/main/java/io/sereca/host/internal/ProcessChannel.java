package io.sereca.host.internal;

import io.sereca.enclave.boundary.BoundaryException;
import io.sereca.enclave.boundary.ChannelStreams;
import io.sereca.enclave.boundary.StreamFrame;
import io.sereca.host.spi.EnclaveChannel;
import io.sereca.host.spi.EnclaveLaunchException;
import io.sereca.host.spi.LaunchContext;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Host side of a {@code process} enclave: writes ecall frames to the socket, and a reader thread
 * takes result and ocall frames from it; another thread logs the child's output. Ecalls behind
 * an unanswered one are held back and sent together when the reader next waits (by a flusher
 * thread: the reader itself must never block on a write, or both sides could wait on full
 * sockets). Ecalls may be pipelined; the child serves
 * them in order. When the child dies (crash, out of memory, killed) every pending call fails and
 * the exit listener hears why, with the child's last stderr lines.
 */
final class ProcessChannel implements EnclaveChannel {

  private static final System.Logger LOG = System.getLogger(ProcessChannel.class.getName());
  private static final int STDERR_LINES_KEPT = 8;
  /** The enclave JVM's system property for its spin, in µs (read by ProcessEnclaveMain). */
  static final String SPIN_PROPERTY = "sereca.enclave.spinMicros";

  private final LaunchContext ctx;
  private final Process process;
  private final SocketChannel socket;
  private final DataInputStream fromChild;
  private final DataOutputStream toChild;
  private final Map<Long, CompletableFuture<byte[]>> pending = new ConcurrentHashMap<>();
  private final AtomicLong nextCallId = new AtomicLong(1);
  private final AtomicBoolean dead = new AtomicBoolean();
  private final ArrayDeque<String> lastStderr = new ArrayDeque<>();
  private final Thread stderrThread;
  private volatile boolean closing;
  /** Sends held-back ecalls when the reader asks (it must never block on the writer's lock). */
  private final Thread flusher;
  private final AtomicBoolean flushRequested = new AtomicBoolean();
  /** Ecalls written to {@link #toChild}'s buffer and not flushed yet. Set under toChild. */
  private volatile boolean heldBack;
  /** Ecalls written / flushed to the child so far (guarded by toChild). */
  private long written;
  private long sent;
  /** Results read from the child so far (one per ecall, in the order they were written). */
  private final AtomicLong answered = new AtomicLong();

  ProcessChannel(LaunchContext ctx, Process process, SocketChannel socket) throws IOException {
    this.ctx = ctx;
    this.process = process;
    this.socket = socket;
    ChannelStreams.widenBuffers(socket);
    this.toChild = new DataOutputStream(new BufferedOutputStream(ChannelStreams.out(socket), 1 << 16));
    // The reader spins briefly for a result only while calls are pending (see ChannelStreams); before
    // it waits, it has the ecalls held back meanwhile sent (see call).
    this.fromChild = new DataInputStream(new BufferedInputStream(
        ChannelStreams.in(socket, ctx.boundarySpinNanos(), () -> !pending.isEmpty(), this::requestFlush), 1 << 16));
    flusher = new Thread(this::flushLoop, "sereca-enclave-" + ctx.name() + "-flusher");
    flusher.setDaemon(true);
    flusher.start();
    Thread reader = new Thread(this::readLoop, "sereca-enclave-" + ctx.name() + "-reader");
    reader.setDaemon(true);
    reader.start();
    stderrThread = new Thread(this::stderrLoop, "sereca-enclave-" + ctx.name() + "-stderr");
    stderrThread.setDaemon(true);
    stderrThread.start();
  }

  @Override
  public CompletableFuture<byte[]> call(byte[] ecallFrame) {
    if (dead.get()) {
      return CompletableFuture.failedFuture(
          new EnclaveLaunchException("enclave " + ctx.name() + " is not running"));
    }
    long id = nextCallId.getAndIncrement();
    CompletableFuture<byte[]> result = new CompletableFuture<>();
    pending.put(id, result);
    try {
      synchronized (toChild) {
        new StreamFrame(StreamFrame.ECALL, id, ecallFrame).writeTo(toChild);
        written++;
        // While an ecall already sent is unanswered, this one is held back: the reader will read
        // that answer, and before it waits again, have everything held back sent in one write
        // (one wake-up of the child for a burst of ecalls instead of one each). A lone ecall goes
        // at once. heldBack is set before the check: a reader counting the answer after the check
        // then sees it (both are volatile/atomic).
        heldBack = true;
        if (sent - answered.get() == 0) {
          flushLocked();
        }
      }
    } catch (IOException e) {
      pending.remove(id);
      result.completeExceptionally(new EnclaveLaunchException(
          "enclave " + ctx.name() + " is not reachable: " + e.getMessage(), e));
    }
    if (dead.get()) {
      // Raced with the reader's death notice: make sure nobody waits forever.
      failPending("enclave " + ctx.name() + " is not running");
    }
    return result;
  }

  @Override
  public CompletableFuture<byte[]> quote(byte[] reportData) {
    return ctx.issueEvidence(reportData);
  }

  @Override
  public void close() {
    closing = true;
    LockSupport.unpark(flusher);
    try {
      synchronized (toChild) {
        toChild.close();
      }
    } catch (IOException ignored) {
      // The child may already be gone.
    }
    try {
      fromChild.close();
    } catch (IOException ignored) {
      // Wakes the reader; nothing else to do.
    }
    try {
      if (!process.waitFor(2, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    died("enclave " + ctx.name() + " was closed");
  }

  /** Under toChild: sends what was written. */
  private void flushLocked() throws IOException {
    heldBack = false;
    sent = written;
    toChild.flush();
  }

  /** The reader is about to wait: held-back ecalls must go now, by the flusher thread. */
  private void requestFlush() {
    if (heldBack && flushRequested.compareAndSet(false, true)) {
      LockSupport.unpark(flusher);
    }
  }

  private void flushLoop() {
    while (!closing && !dead.get()) {
      if (!flushRequested.getAndSet(false)) {
        LockSupport.park(this);
        continue;
      }
      try {
        synchronized (toChild) {
          if (heldBack) {
            flushLocked();
          }
        }
      } catch (IOException e) {
        return; // the child is gone: the reader reports it
      }
    }
  }

  private void readLoop() {
    String reason;
    try (DataInputStream in = fromChild) {
      while (true) {
        StreamFrame frame = StreamFrame.readFrom(in, ctx.limits());
        if (frame == null) {
          break;
        }
        if (frame.channel() == StreamFrame.RESULT) {
          answered.incrementAndGet();
          CompletableFuture<byte[]> f = pending.remove(frame.callId());
          if (f == null) {
            LOG.log(System.Logger.Level.WARNING, "enclave {0} answered unknown call {1}; dropped",
                ctx.name(), frame.callId());
          } else {
            f.complete(frame.payload());
          }
        } else if (frame.channel() == StreamFrame.OCALL) {
          try {
            ctx.ocallSink().accept(frame.payload());
          } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "ocall handler failed for enclave " + ctx.name(), e);
          }
        } else {
          throw new BoundaryException("enclave sent an ecall frame to the host");
        }
      }
      reason = null;
    } catch (BoundaryException e) {
      reason = "enclave " + ctx.name() + " broke the frame protocol: " + e.getMessage();
      process.destroyForcibly();
    } catch (IOException e) {
      reason = null;
    }
    int code;
    try {
      process.waitFor(5, TimeUnit.SECONDS);
      code = process.isAlive() ? -1 : process.exitValue();
      stderrThread.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      code = -1;
    }
    if (reason == null) {
      reason = "enclave " + ctx.name() + " process exited with code " + code + describeStderr();
    }
    if (!closing) {
      died(reason);
    }
  }

  private String describeStderr() {
    synchronized (lastStderr) {
      for (String line : lastStderr) {
        if (line.contains("OutOfMemoryError")) {
          return " (out of memory: the enclave exceeded its memory budget of "
              + ctx.memoryBudgetMib() + " MiB)";
        }
      }
      return lastStderr.isEmpty() ? "" : " (last output: " + lastStderr.peekLast() + ")";
    }
  }

  private void stderrLoop() {
    try (BufferedReader r = new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        synchronized (lastStderr) {
          if (lastStderr.size() == STDERR_LINES_KEPT) {
            lastStderr.removeFirst();
          }
          lastStderr.addLast(line.length() > 300 ? line.substring(0, 300) : line);
        }
        LOG.log(System.Logger.Level.INFO, "[enclave {0}] {1}", ctx.name(), line);
      }
    } catch (IOException ignored) {
      // The child is gone; the reader reports it.
    }
  }

  private void died(String reason) {
    if (dead.compareAndSet(false, true)) {
      LockSupport.unpark(flusher);
      failPending(reason);
      if (!closing) {
        ctx.exitListener().accept(reason);
      }
    }
  }

  private void failPending(String reason) {
    for (Long id : pending.keySet()) {
      CompletableFuture<byte[]> f = pending.remove(id);
      if (f != null) {
        f.completeExceptionally(new EnclaveLaunchException(reason));
      }
    }
  }
}
