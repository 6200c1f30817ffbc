package io.sereca.wsnm.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sereca.wsnm.cloud.WsnmService;
import io.sereca.wsnm.cloud.WsnmTestBed;
import io.sereca.wsnm.data.Reading;
import io.sereca.wsnm.data.Scan;
import io.sereca.wsnm.data.WsnmAddresses;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.ReplyException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Without a usable {@code wsnm-storage-key} the archiver fails closed: 503 for every request. */
class StorageArchiverWithoutKeyTest {

  @TempDir
  Path dir;

  @Test
  void noKeyMeans503ForEveryRequest() throws Exception {
    try (WsnmTestBed bed = new WsnmTestBed(dir.resolve("none"))) {
      assertRefusesEverything(bed);
    }
  }

  @Test
  void aKeyOfTheWrongLengthIsNoKey() throws Exception {
    try (WsnmTestBed bed = new WsnmTestBed(dir.resolve("short"))) {
      bed.secret(io.sereca.wsnm.enclave.store.RecordSealer.SECRET, new byte[16]);
      assertRefusesEverything(bed);
    }
  }

  private void assertRefusesEverything(WsnmTestBed bed) throws Exception {
    bed.vertx.deployVerticle(new RecordStoreVerticle(new RecordStoreOptions()
        .setUrl("sqlite:" + bed.dir.resolve("records.db")).setTickIntervalMillis(0))).await(60, TimeUnit.SECONDS);
    bed.deploy(WsnmService.STORAGE, "sim");
    Scan scan = Scan.create("NOKEY", 1, 1, 1000, 0, 0, 20, List.of(), List.of(Reading.create("CH0", 1, 0, 0)));
    for (String[] request : new String[][] {
        {WsnmAddresses.INGEST_STORAGE, new String(scan.toJson())},
        {WsnmAddresses.STORAGE_QUERY, "{\"op\":\"stats\"}"},
        {WsnmAddresses.STORAGE_QUERY, "not even JSON"},
        {WsnmAddresses.STORAGE_ALARM, "{\"id\":\"a\",\"dam\":\"D\",\"state\":\"S\",\"time\":1}"}}) {
      ReplyException e = assertThrows(ReplyException.class, () -> bed.bus().request(request[0],
          Buffer.buffer(request[1])).await(60, TimeUnit.SECONDS), request[0]);
      assertEquals(503, e.failureCode(), request[0]);
      assertEquals("storage key not provisioned", e.getMessage());
    }
  }
}
