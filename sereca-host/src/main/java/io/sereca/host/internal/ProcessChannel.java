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

/**
 * Host side of a {@code process} enclave: writes ecall frames to the socket, and a reader thread
 * takes result and ocall frames from it; another thread logs the child's output. Ecalls may be pipelined; the child serves
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

  ProcessChannel(LaunchContext ctx, Process process, SocketChannel socket) throws IOException {
    this.ctx = ctx;
    this.process = process;
    this.socket = socket;
    // The reader spins briefly for a result only while calls are pending (see ChannelStreams).
    this.fromChild = new DataInputStream(new BufferedInputStream(
        ChannelStreams.in(socket, ctx.boundarySpinNanos(), () -> !pending.isEmpty()), 1 << 16));
    this.toChild = new DataOutputStream(new BufferedOutputStream(ChannelStreams.out(socket), 1 << 16));
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
        toChild.flush();
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

  private void readLoop() {
    String reason;
    try (DataInputStream in = fromChild) {
      while (true) {
        StreamFrame frame = StreamFrame.readFrom(in, ctx.limits());
        if (frame == null) {
          break;
        }
        if (frame.channel() == StreamFrame.RESULT) {
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
