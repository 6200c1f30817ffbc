package io.sereca.enclave;

/**
 * The trusted part of a secure verticle: the code that runs inside the enclave.
 *
 * <p>An implementation must have a public no-argument constructor. The runtime instantiates it
 * inside the enclave and calls {@link #init(EnclaveContext)} once; from then on the app reacts to
 * messages delivered to the addresses it registered, exactly as a Vert.x verticle reacts to its
 * event-bus consumers. Enclave code runs only while the host is inside an ecall, on one thread at
 * a time, so an app needs no locks (as on a Vert.x event loop) and must not block or start
 * threads of its own.
 */
public interface EnclaveApp {

  /**
   * Called once after the enclave is launched: register handlers here.
   *
   * @param context the enclave's view of the event bus, its identity, sealing and secrets
   * @throws Exception to fail the launch; the host reports the failure's message
   */
  void init(EnclaveContext context) throws Exception;

  /** Called once before the enclave is torn down. */
  default void stop() {}
}
