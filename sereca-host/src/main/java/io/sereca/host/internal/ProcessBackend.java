package io.sereca.host.internal;

import io.sereca.host.spi.EnclaveBackend;
import io.sereca.host.spi.EnclaveChannel;
import io.sereca.host.spi.EnclaveLaunchException;
import io.sereca.host.spi.LaunchContext;
import java.io.File;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code process} backend: the enclave runs in a child JVM whose class path holds only the
 * trusted runtime and the bundle, with its heap capped to the memory budget. Frames travel over a
 * Unix domain socket in the host's private (0700) workspace; the child's stdout and stderr are
 * its log. This gives OS process isolation and realistic boundary costs,
 * not hardware protection: root on the host can still read the child's memory.
 */
public final class ProcessBackend implements EnclaveBackend {

  static final String MAIN_CLASS = "io.sereca.enclave.internal.ProcessEnclaveMain";
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);
  private static final AtomicLong COUNTER = new AtomicLong();
  private static final Path SETSID = Path.of("/usr/bin/setsid");

  @Override
  public String name() {
    return "process";
  }

  @Override
  public boolean simulated() {
    return true;
  }

  @Override
  public EnclaveChannel open(LaunchContext ctx) throws EnclaveLaunchException {
    List<String> command = new ArrayList<>();
    // Own session: a terminal's Ctrl-C goes to the host, which then closes the enclave in order,
    // instead of killing the child behind the host's back. The child still exits when the host
    // dies, because its socket closes.
    if (Files.isExecutable(SETSID)) {
      command.add(SETSID.toString());
    }
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx" + ctx.memoryBudgetMib() + "m");
    command.add("-XX:+ExitOnOutOfMemoryError");
    command.add("-XX:+UseSerialGC");
    command.add("-Xshare:auto");
    command.add("-Djava.io.tmpdir=" + ctx.runtimeJar().getParent());
    command.add("-D" + ProcessChannel.SPIN_PROPERTY + "=" + ctx.boundarySpinNanos() / 1000);
    command.addAll(ctx.jvmOptions());
    command.add("-cp");
    command.add(ctx.runtimeJar() + File.pathSeparator + ctx.bundleJar());
    command.add(MAIN_CLASS);
    Path socketPath = ctx.runtimeJar().getParent().resolve("enclave-" + COUNTER.incrementAndGet() + ".sock");
    command.add(socketPath.toString());
    command.add(Integer.toString(ctx.limits().maxFrameBytes()));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    // A clean environment: nothing from the host's environment leaks into the enclave.
    pb.environment().clear();
    try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      server.bind(UnixDomainSocketAddress.of(socketPath));
      server.configureBlocking(false);
      Process process = pb.start();
      SocketChannel connection = awaitConnection(server, process);
      try {
        return new ProcessChannel(ctx, process, connection);
      } catch (IOException | RuntimeException e) {
        // Don't leave a child and its socket behind when the channel cannot be set up.
        connection.close();
        process.destroyForcibly();
        throw e;
      }
    } catch (IOException e) {
      throw new EnclaveLaunchException("cannot start the enclave process: " + e.getMessage(), e);
    } finally {
      try {
        Files.deleteIfExists(socketPath);
      } catch (IOException ignored) {
        // The workspace is deleted with the host anyway.
      }
    }
  }

  private static SocketChannel awaitConnection(ServerSocketChannel server, Process process)
      throws IOException, EnclaveLaunchException {
    long deadline = System.nanoTime() + CONNECT_TIMEOUT.toNanos();
    while (true) {
      SocketChannel c = server.accept();
      if (c != null) {
        return c;
      }
      if (!process.isAlive()) {
        String output = new String(process.getInputStream().readNBytes(4096), java.nio.charset.StandardCharsets.UTF_8).trim();
        throw new EnclaveLaunchException("enclave process exited with code " + process.exitValue()
            + " before connecting" + (output.isEmpty() ? "" : ": " + output));
      }
      if (System.nanoTime() > deadline) {
        process.destroyForcibly();
        throw new EnclaveLaunchException("enclave process did not connect within " + CONNECT_TIMEOUT.toSeconds() + " s");
      }
      try {
        Thread.sleep(2);
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
        throw new EnclaveLaunchException("interrupted while waiting for the enclave process");
      }
    }
  }
}
