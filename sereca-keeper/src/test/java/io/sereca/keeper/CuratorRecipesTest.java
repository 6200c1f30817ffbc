package io.sereca.keeper;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.recipes.atomic.AtomicValue;
import org.apache.curator.framework.recipes.atomic.DistributedAtomicLong;
import org.apache.curator.framework.recipes.barriers.DistributedBarrier;
import org.apache.curator.framework.recipes.barriers.DistributedDoubleBarrier;
import org.apache.curator.framework.recipes.cache.CuratorCache;
import org.apache.curator.framework.recipes.leader.LeaderLatch;
import org.apache.curator.framework.recipes.locks.InterProcessMutex;
import org.apache.curator.framework.recipes.shared.SharedCount;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.apache.curator.retry.RetryNTimes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Apache Curator's recipes through the proxy keep their guarantees. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CuratorRecipesTest {

  static KeeperFixture fixture;
  private final List<CuratorFramework> clients = new ArrayList<>();

  /** The layout under test: a proxy in front of a server ({@link CuratorRecipesInServerTest}: in-server). */
  KeeperFixture startFixture() throws Exception {
    return KeeperFixture.start();
  }

  @BeforeAll
  void start() throws Exception {
    fixture = startFixture();
  }

  @AfterAll
  void stop() throws Exception {
    fixture.close();
  }

  @AfterEach
  void closeClients() {
    clients.forEach(CuratorFramework::close);
    clients.clear();
  }

  private CuratorFramework curator() throws InterruptedException {
    CuratorFramework c = CuratorFrameworkFactory.builder()
        .connectString(fixture.proxy.connectString())
        .retryPolicy(new ExponentialBackoffRetry(100, 5))
        .sessionTimeoutMs(30_000)
        .build();
    c.start();
    clients.add(c);
    assertThat(c.blockUntilConnected(30, TimeUnit.SECONDS)).isTrue();
    return c;
  }

  @Test
  void interProcessMutexExcludesHoldersAcrossClients() throws Exception {
    CuratorFramework a = curator();
    CuratorFramework b = curator();
    AtomicInteger inside = new AtomicInteger();
    AtomicInteger maxInside = new AtomicInteger();
    int[] counter = {0};
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        CuratorFramework c = t % 2 == 0 ? a : b;
        done.add(pool.submit(() -> {
          InterProcessMutex lock = new InterProcessMutex(c, "/recipes/lock");
          for (int i = 0; i < 10; i++) {
            lock.acquire();
            try {
              maxInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
              int v = counter[0];
              Thread.sleep(1);
              counter[0] = v + 1;
              inside.decrementAndGet();
            } finally {
              lock.release();
            }
          }
          return null;
        }));
      }
      for (Future<?> f : done) {
        f.get(120, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(maxInside.get()).isEqualTo(1);
    assertThat(counter[0]).isEqualTo(40);
  }

  @Test
  void leaderLatchElectsExactlyOneAndHandsOver() throws Exception {
    List<LeaderLatch> latches = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      LeaderLatch l = new LeaderLatch(curator(), "/recipes/leader", "node-" + i);
      l.start();
      latches.add(l);
    }
    LeaderLatch leader = awaitOneLeader(latches);
    assertThat(leader.getLeader().getId()).isEqualTo(leader.getId());
    assertThat(latches.get(0).getParticipants()).hasSize(3);
    leader.close();
    latches.remove(leader);
    LeaderLatch next = awaitOneLeader(latches);
    assertThat(next).isNotSameAs(leader);
    for (LeaderLatch l : latches) {
      l.close();
    }
  }

  private static LeaderLatch awaitOneLeader(List<LeaderLatch> latches) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      List<LeaderLatch> leaders = latches.stream().filter(LeaderLatch::hasLeadership).toList();
      assertThat(leaders.size()).as("leaders at once").isLessThanOrEqualTo(1);
      if (leaders.size() == 1) {
        return leaders.get(0);
      }
      Thread.sleep(20);
    }
    throw new AssertionError("no leader elected");
  }

  @Test
  void barriersBlockUntilReleasedOrEveryoneArrived() throws Exception {
    CuratorFramework a = curator();
    CuratorFramework b = curator();
    DistributedBarrier barrier = new DistributedBarrier(a, "/recipes/barrier");
    barrier.setBarrier();
    DistributedBarrier waiter = new DistributedBarrier(b, "/recipes/barrier");
    assertThat(waiter.waitOnBarrier(300, TimeUnit.MILLISECONDS)).isFalse();
    barrier.removeBarrier();
    assertThat(waiter.waitOnBarrier(10, TimeUnit.SECONDS)).isTrue();

    DistributedDoubleBarrier first = new DistributedDoubleBarrier(a, "/recipes/double", 2);
    DistributedDoubleBarrier second = new DistributedDoubleBarrier(b, "/recipes/double", 2);
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Future<Boolean> entered = pool.submit(() -> first.enter(20, TimeUnit.SECONDS));
      Thread.sleep(300);
      assertThat(entered.isDone()).as("entered alone").isFalse();
      assertThat(second.enter(20, TimeUnit.SECONDS)).isTrue();
      assertThat(entered.get(20, TimeUnit.SECONDS)).isTrue();
      Future<Boolean> left = pool.submit(() -> first.leave(20, TimeUnit.SECONDS));
      assertThat(second.leave(20, TimeUnit.SECONDS)).isTrue();
      assertThat(left.get(20, TimeUnit.SECONDS)).isTrue();
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void curatorCacheSeesPlaintextPathsAndValues() throws Exception {
    CuratorFramework writer = curator();
    CuratorFramework reader = curator();
    ConcurrentHashMap<String, String> seen = new ConcurrentHashMap<>();
    CountDownLatch three = new CountDownLatch(3);
    CuratorCache cache = CuratorCache.build(reader, "/recipes/cache");
    cache.listenable().addListener((type, oldData, data) -> {
      if (data != null && data.getData() != null && data.getData().length > 0) {
        seen.put(data.getPath(), new String(data.getData(), StandardCharsets.UTF_8));
        three.countDown();
      }
    });
    cache.start();
    writer.create().creatingParentsIfNeeded().forPath("/recipes/cache/a", "alpha".getBytes(StandardCharsets.UTF_8));
    writer.create().creatingParentsIfNeeded().forPath("/recipes/cache/b/c", "gamma".getBytes(StandardCharsets.UTF_8));
    writer.setData().forPath("/recipes/cache/a", "alpha2".getBytes(StandardCharsets.UTF_8));
    assertThat(three.await(20, TimeUnit.SECONDS)).isTrue();
    org.awaitility.Awaitility.await().atMost(20, TimeUnit.SECONDS).untilAsserted(() -> {
      assertThat(seen).containsEntry("/recipes/cache/a", "alpha2").containsEntry("/recipes/cache/b/c", "gamma");
      assertThat(cache.get("/recipes/cache/a")).hasValueSatisfying(d ->
          assertThat(d.getStat().getDataLength()).isEqualTo(6));
    });
    cache.close();
  }

  @Test
  void sharedCountersCountEveryIncrement() throws Exception {
    CuratorFramework a = curator();
    CuratorFramework b = curator();
    DistributedAtomicLong la = new DistributedAtomicLong(a, "/recipes/atomic", new RetryNTimes(1000, 1));
    DistributedAtomicLong lb = new DistributedAtomicLong(b, "/recipes/atomic", new RetryNTimes(1000, 1));
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (DistributedAtomicLong l : List.of(la, lb)) {
        done.add(pool.submit(() -> {
          for (int i = 0; i < 25; i++) {
            AtomicValue<Long> r = l.increment();
            if (!r.succeeded()) {
              throw new AssertionError("increment not applied");
            }
          }
          return null;
        }));
      }
      for (Future<?> f : done) {
        f.get(120, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(la.get().postValue()).isEqualTo(50L);

    SharedCount ca = new SharedCount(a, "/recipes/count", 0);
    SharedCount cb = new SharedCount(b, "/recipes/count", 0);
    ca.start();
    cb.start();
    var stale = cb.getVersionedValue();
    assertThat(ca.trySetCount(ca.getVersionedValue(), 7)).isTrue();
    org.awaitility.Awaitility.await().atMost(10, TimeUnit.SECONDS).until(() -> cb.getCount() == 7);
    // A stale version loses.
    assertThat(cb.trySetCount(stale, 9)).isFalse();
    assertThat(ca.getCount()).isEqualTo(7);
    ca.close();
    cb.close();
  }
}
