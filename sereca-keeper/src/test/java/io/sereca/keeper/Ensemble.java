package io.sereca.keeper;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import java.util.concurrent.TimeUnit;

/**
 * A 3-node ZooKeeper ensemble: three {@code QuorumPeerMain} JVM processes on loopback ports, each
 * with its own data directory.
 */
final class Ensemble implements AutoCloseable {

  final int[] clientPorts = new int[3];
  private final Process[] processes = new Process[3];
  private final Path dir;
  private final String config;

  Ensemble(Path dir) throws IOException {
    this.dir = dir;
    StringJoiner servers = new StringJoiner("\n");
    for (int i = 0; i < 3; i++) {
      clientPorts[i] = KeeperFixture.freePort();
      servers.add("server." + (i + 1) + "=127.0.0.1:" + KeeperFixture.freePort() + ":" + KeeperFixture.freePort());
    }
    this.config = servers.toString();
  }

  void start() throws IOException {
    for (int i = 0; i < 3; i++) {
      start(i);
    }
  }

  void start(int i) throws IOException {
    Path data = dir.resolve("zk" + (i + 1));
    Files.createDirectories(data);
    Files.writeString(data.resolve("myid"), String.valueOf(i + 1));
    Path cfg = data.resolve("zoo.cfg");
    Files.writeString(cfg, String.join("\n",
        // A short tick speeds elections up, but would cap sessions at 20 ticks (10 s): a loaded
        // machine can take longer than that to fail over, and the test is about sessions surviving.
        "tickTime=500", "initLimit=20", "syncLimit=5", "maxSessionTimeout=60000",
        "dataDir=" + data.toAbsolutePath(),
        "clientPort=" + clientPorts[i], "clientPortAddress=127.0.0.1",
        "admin.enableServer=false", "4lw.commands.whitelist=srvr",
        "standaloneEnabled=false", "extendedTypesEnabled=true",
        config, ""));
    ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx128m", "-cp", System.getProperty("java.class.path"),
        "org.apache.zookeeper.server.quorum.QuorumPeerMain", cfg.toString());
    pb.redirectErrorStream(true);
    pb.redirectOutput(data.resolve("out.log").toFile());
    processes[i] = pb.start();
  }

  String connectString() {
    List<String> parts = new ArrayList<>();
    for (int p : clientPorts) {
      parts.add("127.0.0.1:" + p);
    }
    return String.join(",", parts);
  }

  /** The index of the current leader, or -1; asks each server with the {@code srvr} command. */
  int leader() {
    for (int i = 0; i < 3; i++) {
      String mode = mode(i);
      if ("leader".equals(mode)) {
        return i;
      }
    }
    return -1;
  }

  String mode(int i) {
    try (Socket s = new Socket("127.0.0.1", clientPorts[i])) {
      s.setSoTimeout(2000);
      OutputStream out = s.getOutputStream();
      out.write("srvr".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = s.getInputStream();
      String text = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
      for (String line : text.split("\n")) {
        if (line.startsWith("Mode: ")) {
          return line.substring(6).trim();
        }
      }
      return null;
    } catch (IOException e) {
      return null;
    }
  }

  /** Waits until a leader and two followers serve. */
  void awaitQuorum(long seconds) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < deadline) {
      int serving = 0;
      for (int i = 0; i < 3; i++) {
        String m = mode(i);
        if ("leader".equals(m) || "follower".equals(m)) {
          serving++;
        }
      }
      if (serving == 3) {
        return;
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("the ensemble did not form a quorum in " + seconds + " s");
  }

  /** Kills a server's process at once (SIGKILL). */
  void kill(int i) throws InterruptedException {
    processes[i].destroyForcibly();
    processes[i].waitFor(30, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws InterruptedException {
    for (Process p : processes) {
      if (p != null) {
        p.destroyForcibly();
      }
    }
    for (Process p : processes) {
      if (p != null) {
        p.waitFor(30, TimeUnit.SECONDS);
      }
    }
  }
}
