package io.sereca.wsnm.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StoreFramesTest {

  private static StoreRow row(int n) {
    return new StoreRow(n % 2, new byte[] {(byte) n, 1}, new byte[] {2, 3, 4}, 60_000L * n, new byte[] {9, (byte) n});
  }

  @Test
  void everyFrameRoundTrips() {
    List<StoreRow> rows = List.of(row(1), row(2), row(3));
    assertEquals(rows, StoreFrames.decodePut(StoreFrames.encodePut(rows)));
    assertArrayEquals(new boolean[] {true, false}, StoreFrames.decodePutReply(
        StoreFrames.encodePutReply(new boolean[] {true, false}), 2));
    StoreFrames.ScanRequest q = new StoreFrames.ScanRequest(1, new byte[] {5}, 10, 20, 15, new byte[] {6, 7}, 99);
    StoreFrames.ScanRequest back = StoreFrames.decodeScan(StoreFrames.encodeScan(q));
    assertEquals(1, back.stream);
    assertArrayEquals(new byte[] {5}, back.series);
    assertEquals(15, back.afterTime);
    assertArrayEquals(new byte[] {6, 7}, back.afterId);
    assertEquals(99, back.limit);
    List<StoreRow> alarms = List.of(new StoreRow(1, new byte[] {1}, new byte[] {2}, 0, new byte[] {3}));
    assertEquals(alarms, StoreFrames.decodeScanReply(StoreFrames.encodeScanReply(new StoreFrames.ScanPage(alarms, true)), 1).rows);
    assertArrayEquals(new long[] {0, 77}, StoreFrames.decodeDeleteBefore(StoreFrames.encodeDeleteBefore(0, 77)));
    assertEquals(5, StoreFrames.decodeCount(StoreFrames.encodeCount(5)));
  }

  @Test
  void truncatedTrailingAndOutOfBoundsFramesAreRefusedWithAReason() {
    byte[] put = StoreFrames.encodePut(List.of(row(1)));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> StoreFrames.decodePut(Arrays.copyOf(put, put.length - 1)));
    assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> StoreFrames.decodePut(Arrays.copyOf(put, put.length + 1)));
    assertTrue(e.getMessage().contains("trailing"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> StoreFrames.decodePutReply(StoreFrames.encodePutReply(new boolean[2]), 3));
    assertTrue(e.getMessage().contains("expected 3"), e.getMessage());
    byte[] huge = StoreFrames.encodeScanReply(new StoreFrames.ScanPage(List.of(row(0)), false));
    huge[1] = 0x7f;  // row count 2^30
    assertThrows(IllegalArgumentException.class, () -> StoreFrames.decodeScanReply(huge, 0));
    assertThrows(IllegalArgumentException.class, () -> new StoreRow(0, new byte[0], new byte[1], 0, new byte[1]));
    assertThrows(IllegalArgumentException.class, () -> new StoreFrames.ScanRequest(0, null, 5, 4, 0, null, 1));
  }

  @Test
  void randomBytesNeverDecodeToAnythingButAnIllegalArgument() {
    Random r = new Random(6);
    for (int i = 0; i < 5000; i++) {
      byte[] junk = new byte[r.nextInt(80)];
      r.nextBytes(junk);
      for (Runnable decode : List.<Runnable>of(() -> StoreFrames.decodePut(junk), () -> StoreFrames.decodeScan(junk),
          () -> StoreFrames.decodeScanReply(junk, 0), () -> StoreFrames.decodeStats(junk),
          () -> StoreFrames.decodePutReply(junk, 1), () -> StoreFrames.decodeDeleteBefore(junk))) {
        try {
          decode.run();
        } catch (IllegalArgumentException expected) {
          // The only failure allowed.
        }
      }
    }
  }
}
