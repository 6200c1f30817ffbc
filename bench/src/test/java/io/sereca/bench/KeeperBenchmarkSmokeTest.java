package io.sereca.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The keeper benchmark's state sets up, runs each operation once and tears down; times nothing. */
class KeeperBenchmarkSmokeTest {

  @ParameterizedTest
  @ValueSource(strings = {"zookeeper", "keeper", "in-server"})
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void setupOperationsAndTeardownWork(String target) throws Exception {
    KeeperBenchmark bench = new KeeperBenchmark();
    bench.target = target;
    bench.setUp();
    try {
      KeeperBenchmark.Worker w = new KeeperBenchmark.Worker();
      w.setUp(bench);
      assertThat((byte[]) bench.getSet(w)).isEqualTo(bench.value);
      bench.getSet(w);
      bench.createDelete(w);
      assertThat(bench.client(0).getChildren().forPath("/bench/cd")).isEmpty();
      assertThat(bench.client(0).getChildren().forPath("/bench")).hasSize(KeeperBenchmark.NODES + 1);
    } finally {
      bench.tearDown();
    }
  }
}
