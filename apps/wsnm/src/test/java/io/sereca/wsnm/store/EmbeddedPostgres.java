package io.sereca.wsnm.store;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A real PostgreSQL server for tests, started from the machine's binaries ({@code initdb},
 * {@code pg_ctl}) in a temporary directory: listening on 127.0.0.1 only, on an ephemeral port,
 * with a socket directory of its own and {@code trust} authentication. initdb refuses to run as
 * root, so as root the server runs as the {@code postgres} OS user ({@code runuser -u postgres}).
 *
 * <p>One server per test JVM ({@link #shared()}), stopped by a shutdown hook; each test class
 * takes a fresh database from it ({@link #createDatabase}). When the binaries are missing the
 * calling test is skipped (a JUnit assumption) with the reason; the CI installs them.
 */
public final class EmbeddedPostgres {

  /** Where the binaries are looked for, in order (the first directory holding initdb and pg_ctl). */
  public static final List<String> BIN_DIRS = List.of("/usr/lib/postgresql/17/bin", "/usr/lib/postgresql/16/bin",
      "/usr/lib/postgresql/15/bin", "/usr/lib/postgresql/14/bin", "/usr/local/bin", "/usr/bin");

  private static EmbeddedPostgres shared;
  private static String unavailable;

  private final Path bin;
  private final Path dir;
  private final Path data;
  private final int port;
  private final boolean asPostgresUser;

  private EmbeddedPostgres(Path bin, Path dir, int port, boolean asPostgresUser) {
    this.bin = bin;
    this.dir = dir;
    this.data = dir.resolve("data");
    this.port = port;
    this.asPostgresUser = asPostgresUser;
  }

  /** The server of this JVM, started on first use; skips the calling test if it cannot start. */
  public static synchronized EmbeddedPostgres shared() {
    if (shared == null && unavailable == null) {
      try {
        shared = start();
        EmbeddedPostgres s = shared;
        Runtime.getRuntime().addShutdownHook(new Thread(s::stop, "embedded-postgres-stop"));
      } catch (Exception e) {
        unavailable = e.getMessage();
      }
    }
    Assumptions.assumeTrue(shared != null, () -> "PostgreSQL test server unavailable: " + unavailable);
    return shared;
  }

  private static Path findBin() {
    for (String d : BIN_DIRS) {
      Path p = Path.of(d);
      if (Files.isExecutable(p.resolve("initdb")) && Files.isExecutable(p.resolve("pg_ctl"))) {
        return p;
      }
    }
    return null;
  }

  private static EmbeddedPostgres start() throws Exception {
    Path bin = findBin();
    if (bin == null) {
      throw new IllegalStateException("no initdb and pg_ctl in " + BIN_DIRS + " (install postgresql)");
    }
    boolean root = "root".equals(System.getProperty("user.name"));
    if (root && !Files.isExecutable(Path.of("/usr/sbin/runuser")) && !Files.isExecutable(Path.of("/sbin/runuser"))) {
      throw new IllegalStateException("running as root and runuser is missing (initdb refuses root)");
    }
    Path dir = Files.createTempDirectory("wsnm-pg");
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      port = s.getLocalPort();
    }
    EmbeddedPostgres pg = new EmbeddedPostgres(bin, dir, port, root);
    Files.createDirectories(dir.resolve("sock"));
    if (root) {
      run(List.of("chown", "-R", "postgres", dir.toString()), 30);
    }
    pg.runAsOwner(List.of(bin.resolve("initdb").toString(), "-D", pg.data.toString(), "-A", "trust",
        "-U", "postgres", "-E", "UTF8", "--no-locale", "--no-sync"), 120);
    pg.runAsOwner(List.of(bin.resolve("pg_ctl").toString(), "-D", pg.data.toString(), "-l",
        dir.resolve("server.log").toString(), "-w", "-t", "60", "-o",
        "-c listen_addresses=127.0.0.1 -p " + port + " -k " + dir.resolve("sock") + " -c fsync=off"
            + " -c synchronous_commit=off -c full_page_writes=off", "start"), 90);
    return pg;
  }

  /** The port it listens on (127.0.0.1). */
  public int port() {
    return port;
  }

  /** The server's data directory (its files, for byte-level checks). */
  public Path dataDirectory() {
    return data;
  }

  /**
   * Creates database {@code name} and returns its url in the record store's form,
   * {@code postgresql://postgres:unused@127.0.0.1:<port>/<name>} (trust auth ignores the password).
   */
  public String createDatabase(String name) throws SQLException {
    if (!name.matches("[a-z][a-z0-9_]{0,40}")) {
      throw new IllegalArgumentException("database name " + name);
    }
    try (Connection c = connect("postgres"); Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + name);
      s.execute("CREATE DATABASE " + name);
    }
    return "postgresql://postgres:unused@127.0.0.1:" + port + "/" + name;
  }

  /** A plain JDBC connection to database {@code name}, as the test's own tool. */
  public Connection connect(String name) throws SQLException {
    Properties p = new Properties();
    p.setProperty("user", "postgres");
    return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + name, p);
  }

  /** Stops the server and deletes its directory. */
  public void stop() {
    try {
      runAsOwner(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate", "-w",
          "stop"), 60);
    } catch (Exception e) {
      System.err.println("embedded postgres: stop failed: " + e.getMessage());
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // A temporary directory left behind is harmless.
    }
  }

  private void runAsOwner(List<String> command, int timeoutSeconds) throws Exception {
    List<String> full = new ArrayList<>();
    if (asPostgresUser) {
      full.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    full.addAll(command);
    run(full, timeoutSeconds);
  }

  private static void run(List<String> command, int timeoutSeconds) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    // Read output on this thread until exit; pg_ctl start detaches the server's own output to -l.
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException(command.get(0) + " timed out");
    }
    if (p.exitValue() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed (" + p.exitValue() + "): "
          + new String(out, java.nio.charset.StandardCharsets.UTF_8).trim());
    }
  }
}
