package io.sereca.wsnm.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;

/** The storage archiver on the sim backend over SQLite. */
class StorageArchiverSimSqliteTest extends StorageArchiverContract {

  private Path file;

  @Override
  String backend() {
    return "sim";
  }

  @Override
  String databaseUrl(Path dir) {
    file = dir.resolve("records.db");
    return "sqlite:" + file;
  }

  @Override
  Connection jdbc() throws Exception {
    Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
    c.createStatement().execute("PRAGMA busy_timeout = 10000");
    return c;
  }

  @Override
  List<byte[]> bytesAtRest() throws Exception {
    List<byte[]> out = new ArrayList<>();
    for (String suffix : List.of("", "-wal", "-shm")) {
      Path p = Path.of(file + suffix);
      if (Files.exists(p)) {
        out.add(Files.readAllBytes(p));
      }
    }
    return out;
  }
}
