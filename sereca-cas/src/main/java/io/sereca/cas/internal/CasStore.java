package io.sereca.cas.internal;

import io.sereca.cas.AuditEntry;
import java.io.IOException;
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
import java.util.Optional;

/**
 * The CAS's embedded store (SQLite): the latest sealed state and the audit log. The host cannot
 * read the state (it is sealed to the CAS core's measurement) and cannot alter the log unnoticed
 * (the core keeps the chain's head in the sealed state). A state and the audit entries it produced
 * are written in one transaction, so a crash never leaves one without the other.
 */
public final class CasStore implements AutoCloseable {

  /** The database file inside the CAS data directory. */
  public static final String FILE = "cas.db";

  private final Connection db;

  private CasStore(Connection db) {
    this.db = db;
  }

  /** Opens (creating if needed) the store in {@code directory}. */
  public static CasStore open(Path directory) throws IOException {
    Files.createDirectories(directory);
    try {
      Connection c = DriverManager.getConnection("jdbc:sqlite:" + directory.resolve(FILE));
      try (Statement s = c.createStatement()) {
        s.execute("PRAGMA journal_mode=WAL");
        s.execute("CREATE TABLE IF NOT EXISTS state (id INTEGER PRIMARY KEY CHECK (id = 1), "
            + "version INTEGER NOT NULL, blob BLOB NOT NULL)");
        s.execute("CREATE TABLE IF NOT EXISTS audit (seq INTEGER PRIMARY KEY, time INTEGER NOT NULL, "
            + "type TEXT NOT NULL, subject TEXT NOT NULL, outcome TEXT NOT NULL, detail TEXT NOT NULL, "
            + "prev TEXT NOT NULL, hash TEXT NOT NULL)");
      }
      return new CasStore(c);
    } catch (SQLException e) {
      throw new IOException("cannot open the CAS store in " + directory + ": " + e.getMessage(), e);
    }
  }

  /** The sealed state, if one was stored. */
  public synchronized Optional<byte[]> state() throws IOException {
    try (Statement s = db.createStatement(); ResultSet r = s.executeQuery("SELECT blob FROM state WHERE id = 1")) {
      return r.next() ? Optional.of(r.getBytes(1)) : Optional.empty();
    } catch (SQLException e) {
      throw new IOException("cannot read the CAS state: " + e.getMessage(), e);
    }
  }

  /** The last audit entry, if any. */
  public synchronized Optional<AuditEntry> lastEntry() throws IOException {
    List<AuditEntry> last = query("SELECT * FROM audit ORDER BY seq DESC LIMIT 1");
    return last.isEmpty() ? Optional.empty() : Optional.of(last.get(0));
  }

  /** Audit entries with {@code seq >= from}, at most {@code limit}, in order. */
  public synchronized List<AuditEntry> entries(long from, int limit) throws IOException {
    return query("SELECT * FROM audit WHERE seq >= " + from + " ORDER BY seq LIMIT " + limit);
  }

  /** Stores a new sealed state and the audit entries that came with it, atomically. */
  public synchronized void commit(long version, byte[] sealedState, List<AuditEntry> entries) throws IOException {
    try {
      db.setAutoCommit(false);
      try (PreparedStatement st = db.prepareStatement(
          "INSERT INTO state (id, version, blob) VALUES (1, ?, ?) "
              + "ON CONFLICT(id) DO UPDATE SET version = excluded.version, blob = excluded.blob");
          PreparedStatement au = db.prepareStatement("INSERT INTO audit VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
        st.setLong(1, version);
        st.setBytes(2, sealedState);
        st.executeUpdate();
        for (AuditEntry e : entries) {
          au.setLong(1, e.seq());
          au.setLong(2, e.time());
          au.setString(3, e.type());
          au.setString(4, e.subject());
          au.setString(5, e.outcome());
          au.setString(6, e.detail());
          au.setString(7, e.prev());
          au.setString(8, e.hash());
          au.executeUpdate();
        }
        db.commit();
      } catch (SQLException e) {
        db.rollback();
        throw e;
      } finally {
        db.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new IOException("cannot store the CAS state: " + e.getMessage(), e);
    }
  }

  private List<AuditEntry> query(String sql) throws IOException {
    List<AuditEntry> out = new ArrayList<>();
    try (Statement s = db.createStatement(); ResultSet r = s.executeQuery(sql)) {
      while (r.next()) {
        out.add(new AuditEntry(r.getLong("seq"), r.getLong("time"), r.getString("type"),
            r.getString("subject"), r.getString("outcome"), r.getString("detail"),
            r.getString("prev"), r.getString("hash")));
      }
      return out;
    } catch (SQLException e) {
      throw new IOException("cannot read the audit log: " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized void close() {
    try {
      db.close();
    } catch (SQLException e) {
      // Closing is best effort: every commit was already durable.
    }
  }
}
