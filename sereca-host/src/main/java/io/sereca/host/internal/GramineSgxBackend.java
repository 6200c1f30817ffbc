package io.sereca.host.internal;

import io.sereca.host.GramineManifest;
import io.sereca.host.GramineOptions;
import io.sereca.host.spi.EnclaveBackend;
import io.sereca.host.spi.EnclaveChannel;
import io.sereca.host.spi.EnclaveLaunchException;
import io.sereca.host.spi.LaunchContext;
import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The {@code gramine-sgx} backend: the {@code process} backend's child JVM run inside an SGX
 * enclave by Gramine. Per launch it writes the manifest template ({@link GramineManifest}) and
 * the runtime and bundle into a private directory, renders it with {@code gramine-manifest},
 * signs it with {@code gramine-sgx-sign} and starts {@code gramine-sgx}. Frames travel over TCP
 * on 127.0.0.1 (Gramine's Unix sockets stay inside Gramine); the child proves it is our child
 * with a one-time token. Evidence comes from inside the enclave (/dev/attestation), via the
 * ATTEST ecall, and sealing keys from the SGX hardware.
 *
 * <p>Built to Gramine's documented interfaces; not run on SGX hardware here.
 */
public final class GramineSgxBackend implements EnclaveBackend {

  private static final AtomicLong COUNTER = new AtomicLong();
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final long TOOL_TIMEOUT_SECONDS = 600;
  private static final long CONNECT_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(120);

  private final GramineOptions options;

  /** A backend with these options. */
  public GramineSgxBackend(GramineOptions options) {
    this.options = new GramineOptions(options);
  }

  @Override
  public String name() {
    return "gramine-sgx";
  }

  @Override
  public boolean simulated() {
    return false;
  }

  /**
   * Refuses, naming every missing Gramine tool, when one is not installed.
   *
   * @throws EnclaveLaunchException naming the missing executables
   */
  public void checkTools() throws EnclaveLaunchException {
    List<String> missing = new ArrayList<>();
    for (String tool : List.of(options.getGramineSgx(), options.getGramineManifest(), options.getGramineSgxSign())) {
      if (resolve(tool) == null) {
        missing.add(tool);
      }
    }
    if (!missing.isEmpty()) {
      throw new EnclaveLaunchException("the gramine-sgx backend needs Gramine, but " + String.join(", ", missing)
          + (missing.size() == 1 ? " is" : " are") + " not installed (not found on PATH=" + System.getenv("PATH")
          + "); install Gramine (https://gramine.readthedocs.io) on an SGX host, or use --backend process");
    }
  }

  /** An executable named by path, or found on PATH; null if none. */
  static Path resolve(String tool) {
    if (tool.contains("/")) {
      Path p = Path.of(tool);
      return Files.isExecutable(p) ? p : null;
    }
    String path = System.getenv("PATH");
    if (path == null) {
      return null;
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (!dir.isEmpty()) {
        Path p = Path.of(dir, tool);
        if (Files.isRegularFile(p) && Files.isExecutable(p)) {
          return p;
        }
      }
    }
    return null;
  }

  @Override
  public EnclaveChannel open(LaunchContext ctx) throws EnclaveLaunchException {
    checkTools();
    Path dir = ctx.runtimeJar().getParent().resolve("gramine-" + COUNTER.incrementAndGet());
    Path template = dir.resolve(GramineManifest.NAME + ".manifest.template");
    try {
      Files.createDirectories(dir);
      GramineManifest manifest = GramineManifest.forLaunch(ctx, options);
      GramineManifest.writeLaunchDirectory(template, manifest, Files.readAllBytes(ctx.runtimeJar()),
          Files.readAllBytes(ctx.bundleJar()));
    } catch (IOException e) {
      throw new EnclaveLaunchException("cannot write the Gramine manifest: " + e.getMessage(), e);
    }
    String stem = GramineManifest.NAME;
    runTool(dir, List.of(options.getGramineManifest(), "-Darch_libdir=" + options.getArchLibdir(),
        stem + ".manifest.template", stem + ".manifest"));
    List<String> sign = new ArrayList<>(List.of(options.getGramineSgxSign(), "--manifest", stem + ".manifest",
        "--output", stem + ".manifest.sgx"));
    if (options.getSigningKey() != null) {
      sign.addAll(List.of("--key", options.getSigningKey().toString()));
    }
    runTool(dir, sign);
    return start(ctx, dir);
  }

  private EnclaveChannel start(LaunchContext ctx, Path dir) throws EnclaveLaunchException {
    byte[] token = new byte[32];
    RANDOM.nextBytes(token);
    try (ServerSocketChannel server = ServerSocketChannel.open()) {
      server.bind(new InetSocketAddress("127.0.0.1", 0));
      server.configureBlocking(false);
      int port = ((InetSocketAddress) server.getLocalAddress()).getPort();
      ProcessBuilder pb = new ProcessBuilder(options.getGramineSgx(), GramineManifest.NAME)
          .directory(dir.toFile()).redirectErrorStream(true);
      String path = System.getenv("PATH");
      pb.environment().clear();
      if (path != null) {
        pb.environment().put("PATH", path); // the Gramine loader itself needs it; the enclave does not see it
      }
      pb.environment().put(GramineManifest.CONNECT_ENV, "tcp:127.0.0.1:" + port);
      pb.environment().put(GramineManifest.TOKEN_ENV, HexFormat.of().formatHex(token));
      Process process = pb.start();
      SocketChannel connection = awaitChild(server, process, token);
      try {
        return new EnclaveQuotingChannel(new ProcessChannel(ctx, process, connection), ctx.limits());
      } catch (IOException | RuntimeException e) {
        connection.close();
        process.destroyForcibly();
        throw e;
      }
    } catch (IOException e) {
      throw new EnclaveLaunchException("cannot start gramine-sgx: " + e.getMessage(), e);
    }
  }

  /** Accepts connections until one presents the token; others are closed. */
  private static SocketChannel awaitChild(ServerSocketChannel server, Process process, byte[] token)
      throws IOException, EnclaveLaunchException {
    long deadline = System.nanoTime() + CONNECT_TIMEOUT_NANOS;
    while (true) {
      SocketChannel c = server.accept();
      if (c != null) {
        if (presentsToken(c, token, deadline)) {
          return c;
        }
        c.close();
      }
      if (!process.isAlive()) {
        String output = new String(process.getInputStream().readNBytes(4096), StandardCharsets.UTF_8).trim();
        throw new EnclaveLaunchException("gramine-sgx exited with code " + process.exitValue()
            + " before the enclave connected" + (output.isEmpty() ? "" : ": " + output));
      }
      if (System.nanoTime() > deadline) {
        process.destroyForcibly();
        throw new EnclaveLaunchException("the enclave under gramine-sgx did not connect within 120 s");
      }
      sleep(process);
    }
  }

  private static boolean presentsToken(SocketChannel c, byte[] token, long deadline) throws IOException {
    c.configureBlocking(false);
    ByteBuffer buf = ByteBuffer.allocate(token.length);
    long tokenDeadline = Math.min(deadline, System.nanoTime() + TimeUnit.SECONDS.toNanos(10));
    while (buf.hasRemaining()) {
      if (c.read(buf) < 0 || System.nanoTime() > tokenDeadline) {
        return false;
      }
      if (buf.hasRemaining()) {
        try {
          Thread.sleep(2);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return false;
        }
      }
    }
    return MessageDigest.isEqual(buf.array(), token);
  }

  private static void sleep(Process process) throws EnclaveLaunchException {
    try {
      Thread.sleep(5);
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new EnclaveLaunchException("interrupted while waiting for the enclave");
    }
  }

  private static void runTool(Path dir, List<String> command) throws EnclaveLaunchException {
    try {
      Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
      byte[] out = p.getInputStream().readNBytes(64 * 1024);
      if (!p.waitFor(TOOL_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new EnclaveLaunchException(command.get(0) + " did not finish within " + TOOL_TIMEOUT_SECONDS + " s");
      }
      if (p.exitValue() != 0) {
        String text = new String(out, StandardCharsets.UTF_8).trim();
        throw new EnclaveLaunchException(command.get(0) + " failed with exit code " + p.exitValue()
            + (text.isEmpty() ? "" : ": " + (text.length() > 2000 ? text.substring(text.length() - 2000) : text)));
      }
    } catch (IOException e) {
      throw new EnclaveLaunchException("cannot run " + command.get(0) + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EnclaveLaunchException("interrupted while running " + command.get(0));
    }
  }
}
