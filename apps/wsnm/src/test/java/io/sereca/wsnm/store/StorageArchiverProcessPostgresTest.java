package io.sereca.wsnm.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The storage archiver on the process backend over a real PostgreSQL server. */
class StorageArchiverProcessPostgresTest extends StorageArchiverContract {

  private static final String DB = "storage_archiver";

  @Override
  String backend() {
    return "process";
  }

  @Override
  String databaseUrl(Path dir) throws Exception {
    return EmbeddedPostgres.shared().createDatabase(DB);
  }

  @Override
  Connection jdbc() throws Exception {
    return EmbeddedPostgres.shared().connect(DB);
  }

  /** The table's contents as the server returns them, and every file of the server after a checkpoint. */
  @Override
  List<byte[]> bytesAtRest() throws Exception {
    List<byte[]> out = new ArrayList<>();
    try (Connection c = jdbc(); Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("SELECT id, stream, series, t_coarse, ciphertext FROM wsnm_records")) {
        while (rs.next()) {
          out.add(rs.getBytes(1));
          out.add(rs.getString(2).getBytes());
          out.add(rs.getBytes(3));
          out.add(rs.getString(4).getBytes());
          out.add(rs.getBytes(5));
        }
      }
      s.execute("CHECKPOINT");
    }
    try (Stream<Path> files = Files.walk(EmbeddedPostgres.shared().dataDirectory())) {
      for (Path p : (Iterable<Path>) files::iterator) {
        if (Files.isRegularFile(p)) {
          out.add(Files.readAllBytes(p));
        }
      }
    }
    return out;
  }
}
