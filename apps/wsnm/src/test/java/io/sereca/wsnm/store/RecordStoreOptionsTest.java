package io.sereca.wsnm.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sereca.wsnm.store.internal.DatabaseUrl;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class RecordStoreOptionsTest {

  @Test
  void defaultsToSqliteInTheDataDirectory() {
    RecordStoreOptions o = new RecordStoreOptions().setDataDirectory("/var/lib/wsnm");
    assertEquals("sqlite:/var/lib/wsnm/wsnm-records.db", o.effectiveUrl());
    assertEquals(DatabaseUrl.Kind.SQLITE, DatabaseUrl.parse(o.effectiveUrl()).kind());
  }

  @Test
  void aPostgresqlUrlSelectsPostgresAndKeepsThePasswordOutOfItsText() {
    DatabaseUrl u = DatabaseUrl.parse("postgresql://wsnm:s3cr%40t@127.0.0.1:5433/records?sslmode=disable");
    assertEquals(DatabaseUrl.Kind.POSTGRESQL, u.kind());
    assertEquals("jdbc:postgresql://127.0.0.1:5433/records?sslmode=disable", u.jdbcUrl());
    assertEquals("wsnm", u.properties().getProperty("user"));
    assertEquals("s3cr@t", u.properties().getProperty("password"));
    assertFalse(u.toString().contains("s3cr"), u.toString());
    assertFalse(new RecordStoreOptions().setUrl("postgresql://a:hunter2@127.0.0.1/db").toString().contains("hunter2"));
  }

  @Test
  void anythingElseIsAClearError() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new RecordStoreOptions().setUrl("mysql://root@127.0.0.1/x"));
    assertTrue(e.getMessage().contains("unsupported database url scheme 'mysql'"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new RecordStoreOptions().setUrl("postgresql://u:p@127.0.0.1:5432/"));
    assertTrue(e.getMessage().contains("names no database"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new RecordStoreOptions().setUrl("sqlite:"));
  }

  @Test
  void jsonRoundTripsAndUnknownKeysAreErrors() {
    RecordStoreOptions o = new RecordStoreOptions().setUrl("sqlite:/tmp/x.db").setMaxBatchRecords(100)
        .setTickIntervalMillis(0);
    RecordStoreOptions back = new RecordStoreOptions(o.toJson());
    assertEquals(o.toJson(), back.toJson());
    assertEquals(o.toJson(), new RecordStoreOptions(o).toJson());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new RecordStoreOptions(new JsonObject().put("uri", "sqlite:/tmp/x.db")));
    assertTrue(e.getMessage().contains("unknown key 'uri'"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new RecordStoreOptions(new JsonObject().put("maxBatchRecords", "many")));
    assertThrows(IllegalArgumentException.class, () -> new RecordStoreOptions().setTickIntervalMillis(5));
  }
}
