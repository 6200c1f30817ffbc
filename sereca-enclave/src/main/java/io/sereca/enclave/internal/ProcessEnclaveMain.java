package io.sereca.enclave.internal;

import io.sereca.enclave.boundary.BoundaryException;
import io.sereca.enclave.boundary.BoundaryLimits;
import io.sereca.enclave.boundary.StreamFrame;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Main class of the {@code process} backend's child JVM. Its class path holds only the trusted
 * module and the app bundle. Frames arrive on stdin and leave on stdout; anything the app prints
 * goes to stderr, so it can never corrupt the frame stream.
 *
 * <p>Exit codes: 0 on end of input, 2 on bad arguments, 3 on a framing violation from the host.
 */
public final class ProcessEnclaveMain {

  private ProcessEnclaveMain() {}

  /**
   * Runs the enclave loop.
   *
   * @param args {@code [maxFrameBytes]}
   */
  public static void main(String[] args) {
    int maxFrame = BoundaryLimits.DEFAULT_MAX_FRAME_BYTES;
    if (args.length > 0) {
      try {
        maxFrame = Integer.parseInt(args[0]);
      } catch (NumberFormatException e) {
        System.err.println("sereca enclave: max frame size must be an integer: " + args[0]);
        System.exit(2);
      }
    }
    BoundaryLimits limits = BoundaryLimits.withMaxFrameBytes(maxFrame);
    DataInputStream in = new DataInputStream(
        new BufferedInputStream(new FileInputStream(FileDescriptor.in), 1 << 16));
    DataOutputStream out = new DataOutputStream(
        new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16));
    System.setOut(System.err);
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
