package io.sereca.wsnm.store;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The record store contract on a real SQLite file. */
class RecordStoreSqliteTest extends RecordStoreContract {

  @TempDir
  Path dir;
  private int n;

  @Override
  String freshUrl() {
    return "sqlite:" + dir.resolve("records-" + (n++) + ".db");
  }
}
