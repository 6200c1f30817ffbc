package io.sereca.wsnm.enclave.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sereca.wsnm.data.StoreFrames;
import io.sereca.wsnm.data.StoreRow;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RecordSealerTest {

  private static final byte[] KEY = new byte[32];
  private static final byte[] PLAIN = "reading 412.3".getBytes(StandardCharsets.UTF_8);

  static {
    Arrays.fill(KEY, (byte) 7);
  }

  private final RecordSealer sealer;

  RecordSealerTest() throws GeneralSecurityException {
    sealer = RecordSealer.create(KEY);
  }

  private StoreRow sealed() throws GeneralSecurityException {
    return sealer.seal(StoreFrames.STREAM_READINGS, sealer.scanId("CONZA", 42),
        sealer.series(StoreFrames.STREAM_READINGS, "CONZA"), 1_764_620_012_345L, PLAIN);
  }

  @Test
  void aRowOpensToItsPlaintextAndCarriesOnlyCoarseTime() throws Exception {
    StoreRow row = sealed();
    assertEquals(1_764_619_980_000L, row.time(), "the minute holding the exact time");
    assertArrayEquals(PLAIN, sealer.open(row));
    assertArrayEquals(PLAIN, RecordSealer.create(KEY).open(row), "a sealer with the same key (after a restart)");
  }

  @Test
  void movingSwappingOrRetimingARowBreaksIt() throws Exception {
    StoreRow row = sealed();
    byte[] otherId = sealer.scanId("CONZA", 43);
    byte[] otherSeries = sealer.series(StoreFrames.STREAM_READINGS, "PERTUSILLO");
    for (StoreRow moved : new StoreRow[] {
        new StoreRow(row.stream(), otherId, row.series(), row.time(), row.ciphertext()),
        new StoreRow(row.stream(), row.id(), otherSeries, row.time(), row.ciphertext()),
        new StoreRow(row.stream(), row.id(), row.series(), row.time() + 60_000, row.ciphertext()),
        new StoreRow(row.stream(), row.id(), row.series(), row.time() + 1, row.ciphertext()),
        new StoreRow(StoreFrames.STREAM_ALARMS, row.id(), row.series(), row.time(), row.ciphertext())}) {
      assertThrows(GeneralSecurityException.class, () -> sealer.open(moved), moved.toString());
    }
    byte[] flipped = row.ciphertext();
    flipped[20] ^= 1;
    assertThrows(GeneralSecurityException.class,
        () -> sealer.open(new StoreRow(row.stream(), row.id(), row.series(), row.time(), flipped)));
    byte[] other = new byte[32];
    assertThrows(GeneralSecurityException.class, () -> RecordSealer.create(other).open(row), "another key");
  }

  @Test
  void tagsAreKeyedStableAndSeparated() throws Exception {
    assertArrayEquals(sealer.scanId("CONZA", 42), RecordSealer.create(KEY).scanId("CONZA", 42));
    assertFalse(Arrays.equals(sealer.scanId("CONZA", 42), RecordSealer.create(new byte[32]).scanId("CONZA", 42)));
    assertFalse(Arrays.equals(sealer.series(0, "CONZA"), sealer.series(1, "CONZA")));
    assertEquals(RecordSealer.TAG_BYTES, sealer.scanId("CONZA", 42).length);
  }

  @Test
  void nonceIsFreshForEverySeal() throws Exception {
    assertFalse(Arrays.equals(Arrays.copyOf(sealed().ciphertext(), 13), Arrays.copyOf(sealed().ciphertext(), 13)));
  }

  @Test
  void onlyA32ByteKeyIsAccepted() {
    assertThrows(IllegalArgumentException.class, () -> RecordSealer.create(new byte[16]));
    assertThrows(IllegalArgumentException.class, () -> RecordSealer.create(null));
  }
}
