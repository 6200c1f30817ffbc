package io.sereca.enclave.internal;

import io.sereca.enclave.boundary.BoundaryException;
import io.sereca.enclave.boundary.BoundaryLimits;
import io.sereca.enclave.boundary.ChannelStreams;
import io.sereca.enclave.boundary.StreamFrame;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;

/**
 * Main class of the {@code process} backend's child JVM. Its class path holds only the trusted
 * module and the app bundle. Frames travel over a Unix domain socket the host listens on, not over
 * stdout: the JVM itself writes there (for example "Terminating due to OutOfMemoryError"), and
 * that must never be mistaken for a frame. Whatever the app or JVM prints is the host's log.
 *
 * <p>Exit codes: 0 on end of input, 2 on bad arguments, 3 on a framing violation from the host.
 */
public final class ProcessEnclaveMain {

  /** How long the enclave spins for the next ecall before blocking. */
  static final long SPIN_NANOS = 50_000;

  private ProcessEnclaveMain() {}

  /**
   * Runs the enclave loop.
   *
   * @param args {@code socketPath maxFrameBytes}
   */
  public static void main(String[] args) {
    if (args.length != 2) {
      System.err.println("sereca enclave: usage: ProcessEnclaveMain SOCKET_PATH MAX_FRAME_BYTES");
      System.exit(2);
    }
    int maxFrame = 0;
    try {
      maxFrame = Integer.parseInt(args[1]);
    } catch (NumberFormatException e) {
      System.err.println("sereca enclave: max frame size must be an integer: " + args[1]);
      System.exit(2);
    }
    BoundaryLimits limits = BoundaryLimits.withMaxFrameBytes(maxFrame);
    SocketChannel socket;
    try {
      socket = SocketChannel.open(UnixDomainSocketAddress.of(args[0]));
    } catch (IOException e) {
      System.err.println("sereca enclave: cannot connect to the host: " + e.getMessage());
      System.exit(2);
      return;
    }
    DataInputStream in;
    DataOutputStream out;
    try {
      // After each ecall, wait for the next one spinning for a little while before blocking.
      in = new DataInputStream(new BufferedInputStream(
          ChannelStreams.in(socket, SPIN_NANOS, () -> true), 1 << 16));
      out = new DataOutputStream(new BufferedOutputStream(ChannelStreams.out(socket), 1 << 16));
    } catch (IOException e) {
      System.err.println("sereca enclave: cannot set up the host connection: " + e.getMessage());
      System.exit(2);
      return;
    }
    long[] current = {0};
    EnclaveRuntime runtime = new EnclaveRuntime(frame -> {
      try {
        new StreamFrame(StreamFrame.OCALL, current[0], frame).writeTo(out);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }, maxFrame);
    try {
      while (true) {
        StreamFrame frame = StreamFrame.readFrom(in, limits);
        if (frame == null) {
          return;
        }
        if (frame.channel() != StreamFrame.ECALL) {
          System.err.println("sereca enclave: host sent a non-ecall frame; exiting");
          System.exit(3);
        }
        current[0] = frame.callId();
        byte[] result = runtime.apply(frame.payload());
        new StreamFrame(StreamFrame.RESULT, frame.callId(), result).writeTo(out);
        out.flush();
      }
    } catch (BoundaryException e) {
      System.err.println("sereca enclave: framing violation from the host: " + e.getMessage());
      System.exit(3);
    } catch (IOException | UncheckedIOException e) {
      // The host closed the pipe: nothing to report to.
      System.exit(0);
    }
  }
}
