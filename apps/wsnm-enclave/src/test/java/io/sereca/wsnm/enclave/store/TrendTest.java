package io.sereca.wsnm.enclave.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class TrendTest {

  @Test
  void bucketsAreCeilWidthAndEmptyOnesAreLeftOut() {
    Trend t = new Trend(0, 10, 3);  // width 4: [0,4) [4,8) [8,10)
    assertEquals(4, t.width());
    t.add(0, 5);
    t.add(3, 1);
    t.add(9, -2);
    t.add(10, 100);  // 'to' is exclusive
    t.add(-1, 100);
    assertEquals(List.of(List.of(0L, 1.0, 3.0, 5.0, 2L), List.of(8L, -2.0, -2.0, -2.0, 1L)), t.points());
  }

  @Test
  void moreBucketsThanMillisecondsCollapse() {
    Trend t = new Trend(0, 3, 10);
    assertEquals(1, t.width());
    t.add(2, 1);
    assertEquals(List.of(List.of(2L, 1.0, 1.0, 1.0, 1L)), t.points());
  }

  @Test
  void badArgumentsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> new Trend(5, 5, 1));
    assertThrows(IllegalArgumentException.class, () -> new Trend(0, 5, 0));
    assertThrows(IllegalArgumentException.class, () -> new Trend(0, 5, Trend.MAX_BUCKETS + 1));
  }
}
