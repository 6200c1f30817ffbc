package io.sereca.enclave;

/** Handles messages delivered to a registered address inside the enclave. */
@FunctionalInterface
public interface MessageHandler {

  /**
   * Handles one message. An exception thrown here is caught by the runtime: a request is failed
   * with code 500 and the exception's class name (never its message, which might hold data); the
   * enclave lives on.
   */
  void handle(EnclaveMessage message) throws Exception;
}
