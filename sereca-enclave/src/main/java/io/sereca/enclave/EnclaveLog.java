package io.sereca.enclave;

/** The enclave's log. Lines leave the enclave in plaintext: never log secrets or payloads. */
public interface EnclaveLog {
  /** Logs at INFO. */
  void info(String message);

  /** Logs at WARN. */
  void warn(String message);

  /** Logs at ERROR. */
  void error(String message);
}
