package io.sereca.testapps;

import io.sereca.enclave.EnclaveApp;
import io.sereca.enclave.EnclaveContext;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An app whose init runs whatever the test put in {@link #onInit}, so each test registers the
 * handlers it needs. The runtime instantiates the class reflectively, hence the static hooks;
 * tests call {@link #reset()} before each run.
 */
public final class ProbeApp implements EnclaveApp {

  /** What init does. */
  @FunctionalInterface
  public interface InitHook {
    void run(EnclaveContext context) throws Exception;
  }

  public static volatile InitHook onInit = context -> {};
  public static volatile Runnable onStop = () -> {};
  public static volatile EnclaveContext context;
  public static final AtomicInteger instances = new AtomicInteger();
  public static final AtomicInteger inits = new AtomicInteger();
  public static final AtomicInteger stops = new AtomicInteger();

  public ProbeApp() {
    instances.incrementAndGet();
  }

  /** Clears every hook and counter. */
  public static void reset() {
    onInit = context -> {};
    onStop = () -> {};
    context = null;
    instances.set(0);
    inits.set(0);
    stops.set(0);
  }

  @Override
  public void init(EnclaveContext ctx) throws Exception {
    inits.incrementAndGet();
    context = ctx;
    onInit.run(ctx);
  }

  @Override
  public void stop() {
    stops.incrementAndGet();
    onStop.run();
  }
}
