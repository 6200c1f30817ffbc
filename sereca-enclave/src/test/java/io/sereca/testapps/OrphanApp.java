package io.sereca.testapps;

import io.sereca.enclave.EnclaveApp;
import io.sereca.enclave.EnclaveContext;

/** Registers a handler, then fails its init: the handler must never run afterwards. */
public final class OrphanApp implements EnclaveApp {
  public static final String ADDRESS = "orphan";
  public static volatile boolean handlerRan;

  @Override
  public void init(EnclaveContext context) throws Exception {
    context.register(ADDRESS, message -> {
      handlerRan = true;
      message.reply("answered by the app whose init failed".getBytes(
          java.nio.charset.StandardCharsets.UTF_8));
    });
    throw new IllegalStateException("init fails after registering");
  }
}
