package io.sereca.testapps;

import io.sereca.enclave.EnclaveApp;
import io.sereca.enclave.EnclaveContext;

/** An app whose init fails with a message that must never reach the host. */
public final class ThrowingInitApp implements EnclaveApp {
  public static final String SECRET_MESSAGE = "init failed while holding password=hunter2";

  @Override
  public void init(EnclaveContext context) throws Exception {
    throw new java.io.IOException(SECRET_MESSAGE);
  }
}
