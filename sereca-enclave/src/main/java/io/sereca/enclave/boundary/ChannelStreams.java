package io.sereca.enclave.boundary;

import java.io.Flushable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.function.BooleanSupplier;

/**
 * Streams over a non-blocking socket channel, for the {@code process} backend's boundary.
 *
 * <p>Reading spins briefly before blocking when the caller expects data soon (an ecall result, or
 * the next ecall of a busy host). On small VMs an idle vCPU halts at once and waking it costs tens
 * of microseconds, several times the work of a round trip; a bounded spin keeps the hand-off on a
 * running CPU. Reads and writes use separate selectors, so a reader waiting for data never blocks
 * a writer (as the JDK's {@code Channels} streams would).
 *
 * <p>A reader may flush the other direction's buffered output just before it waits ({@code
 * beforeWait}): a side that answers in a burst then writes the burst's answers in one syscall
 * (one wake-up of the peer) instead of one per answer, and still never waits with answers unsent.
 */
public final class ChannelStreams {

  /** Socket buffer size asked for: a 256 KiB frame and its neighbours in one write. */
  static final int SOCKET_BUFFER_BYTES = 4 << 20;

  private ChannelStreams() {}

  /**
   * Asks for socket buffers of {@value #SOCKET_BUFFER_BYTES} bytes each way (the kernel may grant
   * less: its cap, e.g. {@code net.core.wmem_max}). With the defaults (about 200 KiB) a frame of
   * a few hundred KiB cannot be written at once: the writer waits for the reader to drain half
   * of it, a wake-up of each side per frame.
   */
  public static void widenBuffers(SocketChannel channel) throws IOException {
    channel.setOption(StandardSocketOptions.SO_SNDBUF, SOCKET_BUFFER_BYTES);
    channel.setOption(StandardSocketOptions.SO_RCVBUF, SOCKET_BUFFER_BYTES);
  }

  /**
   * An input stream over {@code channel}, which this method switches to non-blocking mode.
   *
   * @param spinNanos how long a read with no data ready spins before it blocks
   * @param spinWanted whether spinning is worth it now (e.g. calls are pending)
   */
  public static InputStream in(SocketChannel channel, long spinNanos, BooleanSupplier spinWanted)
      throws IOException {
    return in(channel, spinNanos, spinWanted, null);
  }

  /**
   * As {@link #in(SocketChannel, long, BooleanSupplier)}; {@code beforeWait} (may be null) is
   * flushed whenever a read finds no data, before it spins or blocks.
   */
  public static InputStream in(SocketChannel channel, long spinNanos, BooleanSupplier spinWanted,
      Flushable beforeWait) throws IOException {
    channel.configureBlocking(false);
    Selector selector = Selector.open();
    channel.register(selector, SelectionKey.OP_READ);
    return new InputStream() {
      @Override
      public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
          return 0;
        }
        ByteBuffer buf = ByteBuffer.wrap(b, off, len);
        long spinUntil = 0;
        boolean spinning = false;
        boolean flushed = beforeWait == null;
        while (true) {
          int n = channel.read(buf);
          if (n != 0) {
            return n;
          }
          if (!flushed) {
            flushed = true;
            beforeWait.flush();
            continue; // the peer may have answered meanwhile
          }
          if (spinWanted.getAsBoolean()) {
            long now = System.nanoTime();
            if (!spinning) {
              spinning = true;
              spinUntil = now + spinNanos;
            }
            if (now - spinUntil < 0) {
              Thread.onSpinWait();
              continue;
            }
          }
          await(selector);
        }
      }

      @Override
      public void close() throws IOException {
        try {
          channel.close();
        } finally {
          selector.wakeup();
          selector.close();
        }
      }
    };
  }

  /** Blocks until the selector's channel is ready (or a second passed, to re-check state). */
  private static void await(Selector selector) throws IOException {
    try {
      selector.select(1000);
      selector.selectedKeys().clear();
    } catch (java.nio.channels.ClosedSelectorException e) {
      // Closed by another thread: the host tearing the enclave down.
      throw new java.nio.channels.ClosedChannelException();
    }
  }

  /** An output stream over {@code channel} (non-blocking); writes wait for room as needed. */
  public static OutputStream out(SocketChannel channel) throws IOException {
    channel.configureBlocking(false);
    Selector selector = Selector.open();
    channel.register(selector, SelectionKey.OP_WRITE);
    return new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(b, off, len);
        while (buf.hasRemaining()) {
          if (channel.write(buf) == 0) {
            await(selector);
          }
        }
      }

      @Override
      public void close() throws IOException {
        try {
          channel.close();
        } finally {
          selector.close();
        }
      }
    };
  }
}
