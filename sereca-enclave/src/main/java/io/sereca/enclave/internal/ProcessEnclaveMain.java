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
 * <p>Under Gramine the socket is TCP on 127.0.0.1 instead (Gramine's Unix domain sockets do not
 * reach the host). The manifest fixes the arguments, so the port comes from an environment
 * variable ({@code env:NAME}) and the child first sends the 32-byte token from
 * {@value #TOKEN_ENV}, so the host accepts no other local process in its place. A third argument
 * names the attestation device root (Gramine's {@code /dev/attestation}): the enclave then quotes
 * and seals with the hardware's keys itself.
 *
 * <p>Exit codes: 0 on end of input, 2 on bad arguments, 3 on a framing violation from the host.
 */
public final class ProcessEnclaveMain {

  /** How long the enclave spins for the next ecall before blocking, unless the host says. */
  static final long DEFAULT_SPIN_MICROS = 50;
  /** Largest spin accepted from the host's system property. */
  static final long MAX_SPIN_MICROS = 1_000;
  /** System property (µs) the process backend sets from its launch options. */
  static final String SPIN_PROPERTY = "sereca.enclave.spinMicros";
  /** Environment variable holding the hex connection token for TCP. */
  static final String TOKEN_ENV = "SERECA_ENCLAVE_TOKEN";

  private ProcessEnclaveMain() {}

  /**
   * Runs the enclave loop.
   *
   * @param args {@code address maxFrameBytes [attestationDeviceRoot]}, address being a Unix
   *     socket path, {@code tcp:127.0.0.1:PORT} or {@code env:NAME} naming a variable holding one
   */
  public static void main(String[] args) {
    if (args.length != 2 && args.length != 3) {
      System.err.println("sereca enclave: usage: ProcessEnclaveMain ADDRESS MAX_FRAME_BYTES [DEVICE_ROOT]");
      System.exit(2);
    }
    AttestationDevice device = null;
    if (args.length == 3) {
      try {
        device = AttestationDevice.open(java.nio.file.Path.of(args[2]));
      } catch (IOException | RuntimeException e) {
        System.err.println("sereca enclave: " + e.getMessage());
        System.exit(2);
      }
    }
    int maxFrame = 0;
    try {
      maxFrame = Integer.parseInt(args[1]);
    } catch (NumberFormatException e) {
      System.err.println("sereca enclave: max frame size must be an integer: " + args[1]);
      System.exit(2);
    }
    BoundaryLimits limits = BoundaryLimits.withMaxFrameBytes(maxFrame);
    long spinMicros = DEFAULT_SPIN_MICROS;
    String spin = System.getProperty(SPIN_PROPERTY);
    if (spin != null) {
      // Only a performance knob, but still the host's input: bounded, or the enclave refuses to run.
      try {
        spinMicros = Long.parseLong(spin.trim());
      } catch (NumberFormatException e) {
        spinMicros = -1;
      }
      if (spinMicros < 0 || spinMicros > MAX_SPIN_MICROS) {
        System.err.println("sereca enclave: " + SPIN_PROPERTY + " must be 0.." + MAX_SPIN_MICROS + " µs: " + spin);
        System.exit(2);
      }
    }
    SocketChannel socket;
    try {
      socket = connect(args[0]);
    } catch (IOException | RuntimeException e) {
      System.err.println("sereca enclave: cannot connect to the host: " + e.getMessage());
      System.exit(2);
      return;
    }
    DataInputStream in;
    DataOutputStream out;
    try {
      ChannelStreams.widenBuffers(socket);
      out = new DataOutputStream(new BufferedOutputStream(ChannelStreams.out(socket), 1 << 16));
      // After each ecall, wait for the next one spinning for a little while before blocking. The
      // results (and ocalls) of ecalls that arrived together go out together, when no ecall is left
      // to read: flushed before the read waits, never held back while it does.
      in = new DataInputStream(new BufferedInputStream(
          ChannelStreams.in(socket, spinMicros * 1000, () -> true, out), 1 << 16));
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
    }, maxFrame, device);
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
      }
    } catch (BoundaryException e) {
      System.err.println("sereca enclave: framing violation from the host: " + e.getMessage());
      System.exit(3);
    } catch (IOException | UncheckedIOException e) {
      // The host closed the pipe: nothing to report to.
      System.exit(0);
    }
  }

  private static SocketChannel connect(String address) throws IOException {
    if (address.startsWith("env:")) {
      String value = System.getenv(address.substring(4));
      if (value == null) {
        throw new IOException("environment variable " + address.substring(4) + " is not set");
      }
      address = value;
    }
    if (!address.startsWith("tcp:")) {
      return SocketChannel.open(UnixDomainSocketAddress.of(address));
    }
    String rest = address.substring(4);
    int colon = rest.lastIndexOf(':');
    if (colon < 0 || !rest.substring(0, colon).equals("127.0.0.1")) {
      throw new IOException("TCP address must be tcp:127.0.0.1:PORT, was " + address);
    }
    int port = Integer.parseInt(rest.substring(colon + 1));
    String token = System.getenv(TOKEN_ENV);
    if (token == null || !token.matches("[0-9a-f]{64}")) {
      throw new IOException(TOKEN_ENV + " must hold 64 lower-case hex digits");
    }
    SocketChannel socket = SocketChannel.open(new java.net.InetSocketAddress("127.0.0.1", port));
    java.nio.ByteBuffer hello = java.nio.ByteBuffer.wrap(java.util.HexFormat.of().parseHex(token));
    while (hello.hasRemaining()) {
      socket.write(hello);
    }
    return socket;
  }
}
