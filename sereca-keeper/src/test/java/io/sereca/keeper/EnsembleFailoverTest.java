package io.sereca.keeper;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.recipes.leader.LeaderLatch;
import org.apache.curator.framework.recipes.locks.InterProcessMutex;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 3-node ensemble (separate JVMs) behind the proxy; its leader is killed while Curator clients
 * work through the proxy. They reconnect (same sessions), mutual exclusion holds throughout, the
 * work goes on, a leader latch still has exactly one leader, and the data stays readable.
 */
class EnsembleFailoverTest {

  @TempDir
  Path dir;

  @Test
  void curatorRecipesKeepTheirGuaranteesWhenTheLeaderIsKilled() throws Exception {
    Vertx vertx = Vertx.vertx();
    List<CuratorFramework> clients = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try (Ensemble ensemble = new Ensemble(dir)) {
      ensemble.start();
      ensemble.awaitQuorum(60);
      KeeperProxy proxy = KeeperFixture.await(KeeperProxy.start(vertx, new KeeperProxyOptions()
          .setPort(0).setZookeeper(ensemble.connectString())
          .setDataDirectory(dir.resolve("proxy")).setPlatformDirectory(dir.resolve("platform"))));
      for (int i = 0; i < 3; i++) {
        CuratorFramework c = CuratorFrameworkFactory.builder().connectString(proxy.connectString())
            // Bounded back-off: an unbounded one can sleep for minutes after a few failed retries
            // during the election, and the test would measure the back-off, not the failover.
            .retryPolicy(new ExponentialBackoffRetry(100, 20, 1_000)).sessionTimeoutMs(30_000)
            .connectionTimeoutMs(15_000).ensembleTracker(false).build();
        c.start();
        assertThat(c.blockUntilConnected(30, TimeUnit.SECONDS)).isTrue();
        clients.add(c);
      }
      clients.get(0).create().creatingParentsIfNeeded()
          .forPath("/failover/value", "before the kill".getBytes(StandardCharsets.UTF_8));
      long[] sessions = new long[3];
      for (int i = 0; i < 3; i++) {
        sessions[i] = clients.get(i).getZookeeperClient().getZooKeeper().getSessionId();
      }

      List<LeaderLatch> latches = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        LeaderLatch l = new LeaderLatch(clients.get(i), "/failover/leader", "n" + i);
        l.start();
        latches.add(l);
      }

      AtomicInteger inside = new AtomicInteger();
      AtomicInteger maxInside = new AtomicInteger();
      AtomicInteger acquisitions = new AtomicInteger();
      AtomicInteger afterKill = new AtomicInteger();
      AtomicBoolean killed = new AtomicBoolean();
      AtomicBoolean stop = new AtomicBoolean();
      List<Future<?>> workers = new ArrayList<>();
      for (int t = 0; t < 3; t++) {
        CuratorFramework c = clients.get(t);
        workers.add(pool.submit(() -> {
          InterProcessMutex lock = new InterProcessMutex(c, "/failover/lock");
          while (!stop.get()) {
            try {
              if (!lock.acquire(5, TimeUnit.SECONDS)) {
                continue;
              }
            } catch (Exception connectionTrouble) {
              Thread.sleep(50);
              continue;
            }
            try {
              maxInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
              Thread.sleep(5);
              inside.decrementAndGet();
              acquisitions.incrementAndGet();
              if (killed.get()) {
                afterKill.incrementAndGet();
              }
            } finally {
              try {
                lock.release();
              } catch (Exception releaseDuringFailover) {
                // Curator retries the delete in the background (guaranteed delete).
              }
            }
          }
          return null;
        }));
      }
      Thread.sleep(1500);
      int leader = ensemble.leader();
      assertThat(leader).as("a leader").isNotNegative();
      int before = acquisitions.get();
      assertThat(before).as("lock acquisitions before the kill").isPositive();
      ensemble.kill(leader);
      killed.set(true);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (afterKill.get() < 20 && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      stop.set(true);
      for (Future<?> w : workers) {
        w.get(60, TimeUnit.SECONDS);
      }
      assertThat(afterKill.get()).as("lock acquisitions after the leader was killed").isGreaterThanOrEqualTo(20);
      assertThat(maxInside.get()).as("holders at once").isEqualTo(1);
      for (int i = 0; i < 3; i++) {
        assertThat(clients.get(i).getZookeeperClient().getZooKeeper().getSessionId())
            .as("session of client " + i).isEqualTo(sessions[i]);
      }
      long leaders = 0;
      long waitLeader = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (System.nanoTime() < waitLeader) {
        leaders = latches.stream().filter(LeaderLatch::hasLeadership).count();
        assertThat(leaders).isLessThanOrEqualTo(1);
        if (leaders == 1) {
          break;
        }
        Thread.sleep(50);
      }
      assertThat(leaders).as("latch leaders after failover").isEqualTo(1);
      assertThat(new String(clients.get(1).getData().forPath("/failover/value"), StandardCharsets.UTF_8))
          .isEqualTo("before the kill");
      for (LeaderLatch l : latches) {
        l.close();
      }
      clients.forEach(CuratorFramework::close);
      clients.clear();
      KeeperFixture.await(proxy.close());
    } finally {
      pool.shutdownNow();
      clients.forEach(CuratorFramework::close);
      KeeperFixture.await(vertx.close());
    }
  }
}
