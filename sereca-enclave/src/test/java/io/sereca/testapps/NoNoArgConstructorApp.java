package io.sereca.testapps;

import io.sereca.enclave.EnclaveApp;
import io.sereca.enclave.EnclaveContext;

/** An app the runtime cannot instantiate: its only constructor takes an argument. */
public final class NoNoArgConstructorApp implements EnclaveApp {
  private final String name;

  public NoNoArgConstructorApp(String name) {
    this.name = name;
  }

  @Override
  public void init(EnclaveContext context) {
    context.log().info(name);
  }
}
