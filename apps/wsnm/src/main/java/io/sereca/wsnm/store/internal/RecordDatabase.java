package io.sereca.wsnm.store.internal;

import io.sereca.wsnm.data.StoreFrames;
import io.sereca.wsnm.data.StoreRow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The record table over JDBC, the same schema on SQLite and PostgreSQL (BLOB there, BYTEA
 * here): {@code wsnm_records(id PRIMARY KEY, stream, series, t_coarse, ciphertext)} with an index
 * on (stream, series, t_coarse, id) for a dam's range queries and one on (stream, t_coarse, id)
 * for retention and all-series scans. Two connections: one writer, one reader, each used by one
 * worker thread at a time (the caller guarantees it), so SQLite in WAL mode reads while it writes.
 */
public final class RecordDatabase implements AutoCloseable {

  /** The table. */
  public static final String TABLE = "wsnm_records";

  private static final String INSERT = "INSERT INTO " + TABLE
      + " (id, stream, series, t_coarse, ciphertext) VALUES (?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING";
  private static final String SELECT = "SELECT id, series, t_coarse, ciphertext FROM " + TABLE
      + " WHERE stream = ? AND t_coarse >= ? AND t_coarse < ?";

  private final DatabaseUrl url;
  private final Connection writer;
  private final Connection reader;

  private RecordDatabase(DatabaseUrl url, Connection writer, Connection reader) {
    this.url = url;
    this.writer = writer;
    this.reader = reader;
  }

  /** Opens the database and creates the schema if it is not there (blocking). */
  public static RecordDatabase open(DatabaseUrl url) throws SQLException, java.io.IOException {
    if (url.kind() == DatabaseUrl.Kind.SQLITE) {
      Path file = Path.of(url.jdbcUrl().substring("jdbc:sqlite:".length())).toAbsolutePath();
      if (file.getParent() != null) {
        Files.createDirectories(file.getParent());
      }
    }
    Connection writer = connect(url);
    Connection reader = null;
    try {
      schema(url, writer);
      reader = connect(url);
      return new RecordDatabase(url, writer, reader);
    } catch (SQLException | RuntimeException e) {
      writer.close();
      if (reader != null) {
        reader.close();
      }
      throw e;
    }
  }

  private static Connection connect(DatabaseUrl url) throws SQLException {
    Connection c = DriverManager.getConnection(url.jdbcUrl(), url.properties());
    if (url.kind() == DatabaseUrl.Kind.SQLITE) {
      try (Statement s = c.createStatement()) {
        s.execute("PRAGMA busy_timeout = 10000");
        s.execute("PRAGMA journal_mode = WAL");
        s.execute("PRAGMA synchronous = NORMAL");
      }
    }
    return c;
  }

  private static void schema(DatabaseUrl url, Connection c) throws SQLException {
    String blob = url.kind() == DatabaseUrl.Kind.SQLITE ? "BLOB" : "BYTEA";
    try (Statement s = c.createStatement()) {
      s.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " (id " + blob + " NOT NULL PRIMARY KEY,"
          + " stream SMALLINT NOT NULL, series " + blob + " NOT NULL, t_coarse BIGINT NOT NULL,"
          + " ciphertext " + blob + " NOT NULL)");
      s.execute("CREATE INDEX IF NOT EXISTS " + TABLE + "_series_time ON " + TABLE + " (stream, series, t_coarse, id)");
      s.execute("CREATE INDEX IF NOT EXISTS " + TABLE + "_time ON " + TABLE + " (stream, t_coarse, id)");
    }
  }

  /** SQLite or PostgreSQL. */
  public DatabaseUrl url() {
    return url;
  }

  /**
   * Inserts rows in one transaction; a row whose id is already stored (or appears earlier in the
   * same batch) is left alone and reported as a duplicate.
   *
   * @return per row, whether it was a duplicate
   */
  public boolean[] put(List<StoreRow> rows) throws SQLException {
    writer.setAutoCommit(false);
    try (PreparedStatement ps = writer.prepareStatement(INSERT)) {
      for (StoreRow r : rows) {
        ps.setBytes(1, r.id());
        ps.setShort(2, (short) r.stream());
        ps.setBytes(3, r.series());
        ps.setLong(4, r.time());
        ps.setBytes(5, r.ciphertext());
        ps.addBatch();
      }
      int[] counts = ps.executeBatch();
      writer.commit();
      if (counts.length != rows.size()) {
        throw new SQLException("driver answered " + counts.length + " of " + rows.size() + " inserts");
      }
      boolean[] duplicate = new boolean[counts.length];
      for (int i = 0; i < counts.length; i++) {
        if (counts[i] == Statement.SUCCESS_NO_INFO || counts[i] < 0) {
          throw new SQLException("driver did not report insert " + i + "'s row count");
        }
        duplicate[i] = counts[i] == 0;
      }
      return duplicate;
    } catch (SQLException | RuntimeException e) {
      try {
        writer.rollback();
      } catch (SQLException ignored) {
        // The original failure is the one to report.
      }
      throw e;
    } finally {
      writer.setAutoCommit(true);
    }
  }

  /** One page of rows in (time, id) order, at most {@code maxBytes} of ciphertext (at least one row). */
  public StoreFrames.ScanPage scan(StoreFrames.ScanRequest q, int maxBytes) throws SQLException {
    StringBuilder sql = new StringBuilder(SELECT);
    if (q.series != null) {
      sql.append(" AND series = ?");
    }
    if (q.afterId != null) {
      sql.append(" AND (t_coarse > ? OR (t_coarse = ? AND id > ?))");
    }
    sql.append(" ORDER BY t_coarse, id LIMIT ?");
    try (PreparedStatement ps = reader.prepareStatement(sql.toString())) {
      int i = 1;
      ps.setShort(i++, (short) q.stream);
      ps.setLong(i++, q.from);
      ps.setLong(i++, q.to);
      if (q.series != null) {
        ps.setBytes(i++, q.series);
      }
      if (q.afterId != null) {
        ps.setLong(i++, q.afterTime);
        ps.setLong(i++, q.afterTime);
        ps.setBytes(i++, q.afterId);
      }
      ps.setInt(i, q.limit + 1);
      List<StoreRow> rows = new ArrayList<>();
      long bytes = 0;
      boolean more = false;
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          byte[] blob = rs.getBytes(4);
          if (rows.size() == q.limit || (!rows.isEmpty() && bytes + blob.length > maxBytes)) {
            more = true;
            break;
          }
          rows.add(new StoreRow(q.stream, rs.getBytes(1), rs.getBytes(2), rs.getLong(3), blob));
          bytes += blob.length;
        }
      }
      return new StoreFrames.ScanPage(rows, more);
    }
  }

  /** Deletes a stream's rows whose time is before {@code before}; returns how many. */
  public long deleteBefore(int stream, long before) throws SQLException {
    try (PreparedStatement ps = writer.prepareStatement("DELETE FROM " + TABLE + " WHERE stream = ? AND t_coarse < ?")) {
      ps.setShort(1, (short) stream);
      ps.setLong(2, before);
      return ps.executeUpdate();
    }
  }

  /** Rows, oldest and newest time per stream (zeros for an empty stream). */
  public List<StoreFrames.StreamStats> stats() throws SQLException {
    long[][] v = new long[2][3];
    try (Statement s = reader.createStatement();
        ResultSet rs = s.executeQuery("SELECT stream, COUNT(*), MIN(t_coarse), MAX(t_coarse) FROM " + TABLE
            + " GROUP BY stream")) {
      while (rs.next()) {
        int stream = rs.getInt(1);
        if (stream == StoreFrames.STREAM_READINGS || stream == StoreFrames.STREAM_ALARMS) {
          v[stream][0] = rs.getLong(2);
          v[stream][1] = rs.getLong(3);
          v[stream][2] = rs.getLong(4);
        }
      }
    }
    return List.of(new StoreFrames.StreamStats(0, v[0][0], v[0][1], v[0][2]),
        new StoreFrames.StreamStats(1, v[1][0], v[1][1], v[1][2]));
  }

  @Override
  public void close() throws SQLException {
    try {
      reader.close();
    } finally {
      writer.close();
    }
  }
}
