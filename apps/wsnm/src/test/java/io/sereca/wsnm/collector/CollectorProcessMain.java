package io.sereca.wsnm.collector;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sereca.wsnm.Dam;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import java.util.concurrent.TimeUnit;

/**
 * A data collector alone in its own JVM, for the crash test: it polls one logger and buffers
 * (there is no enclave in this JVM, so nothing is acknowledged), and prints
 * {@code DURABLE <n>} whenever the number of fsynced scans changes. The test kills it with
 * {@code destroyForcibly} (SIGKILL).
 *
 * <p>Arguments: buffer directory, dam, port.
 */
public final class CollectorProcessMain {

  private CollectorProcessMain() {}

  public static void main(String[] args) throws Exception {
    Vertx vertx = Vertx.vertx();
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    DataCollectorOptions o = new DataCollectorOptions().setCollectorId("crash").setBufferDirectory(args[0])
        .setPollIntervalMillis(20).setRetryBackoffMillis(50).setMaxRetryBackoffMillis(200)
        .addLogger(new LoggerEndpoint(Dam.valueOf(args[1]), "127.0.0.1", Integer.parseInt(args[2])));
    vertx.deployVerticle(new DataCollectorVerticle(registry), new DeploymentOptions().setConfig(o.toJson()))
        .await(30, TimeUnit.SECONDS);
    System.out.println("STARTED");
    System.out.flush();
    long last = -1;
    while (true) {
      long n = (long) registry.counter("wsnm.collector.scans.durable", "collector", "crash").count();
      if (n != last) {
        System.out.println("DURABLE " + n);
        System.out.flush();
        last = n;
      }
      Thread.sleep(5);
    }
  }
}
