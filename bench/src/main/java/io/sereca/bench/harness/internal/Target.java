package io.sereca.bench.harness.internal;

/**
 * What the sender sends its requests to, in the responder JVM. Every target replies with the
 * request body.
 */
public enum Target {

  /** A regular verticle on the plain Vert.x event bus (unprotected address). */
  PLAIN("bench.plain", false),
  /** A regular verticle on the secure event bus: envelopes opened and sealed in the host JVM. */
  REGULAR("bench.regular", true),
  /** A secure verticle: envelopes relayed into the hello-enclave, opened and sealed there. */
  SECURE_VERTICLE("hello.echo", true);

  private final String address;
  private final boolean protectedRoute;

  Target(String address, boolean protectedRoute) {
    this.address = address;
    this.protectedRoute = protectedRoute;
  }

  /** The event-bus address. */
  public String address() {
    return address;
  }

  /** Whether a route protects the address (the sender uses the secure bus). */
  public boolean protectedRoute() {
    return protectedRoute;
  }
}
