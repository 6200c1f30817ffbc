package io.sereca.wsnm.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
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

  @Test
  void deploysFromItsJsonConfigAndRefusesABadUrlNamingIt() throws Exception {
    vertx.undeploy(deployment).await(30, TimeUnit.SECONDS);
    Path data = dir.resolve("from-config");
    vertx.deployVerticle(new RecordStoreVerticle(), new DeploymentOptions().setConfig(new JsonObject()
        .put("dataDirectory", data.toString()).put("tickIntervalMillis", 0))).await(60, TimeUnit.SECONDS);
    assertArrayEquals(new boolean[] {false}, put(row(1, 0, 0, 10)));
    assertTrue(Files.exists(data.resolve(RecordStoreOptions.DEFAULT_SQLITE_FILE)), "the default SQLite file");
    Exception e = assertThrows(Exception.class, () -> vertx.deployVerticle(new RecordStoreVerticle(),
        new DeploymentOptions().setConfig(new JsonObject().put("url", "oracle:thin@db"))).await(60, TimeUnit.SECONDS));
    assertTrue(e.getMessage().contains("unsupported database url scheme 'oracle'"), e.getMessage());
  }
}
