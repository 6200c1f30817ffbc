package io.sereca.cli.internal;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** How long a serving command ({@code cas serve}, {@code keeper}, {@code wsnm simulator}) runs. */
final class ServiceLifetime {

  private ServiceLifetime() {}

  /**
   * Blocks until the JVM is asked to shut down (Ctrl-C) or, when {@code runForSeconds} is given,
   * for that long; the caller then closes what it started.
   */
  static void await(String name, Long runForSeconds) throws InterruptedException {
    CountDownLatch stop = new CountDownLatch(1);
    Thread hook = new Thread(stop::countDown, "sereca-" + name + "-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      if (runForSeconds != null) {
        stop.await(runForSeconds, TimeUnit.SECONDS);
      } else {
        stop.await();
      }
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // The JVM is exiting: the hook already ran.
      }
    }
  }
}
