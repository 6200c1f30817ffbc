package io.sereca.testapps;

import io.sereca.enclave.EnclaveApp;
import io.sereca.enclave.EnclaveContext;

/** An app whose constructor fails. */
public final class ThrowingConstructorApp implements EnclaveApp {
  public ThrowingConstructorApp() {
    throw new IllegalStateException("constructor secret");
  }

  @Override
  public void init(EnclaveContext context) {}
}
