package io.sereca.host.spi;

/**
 * A way to run an enclave: in-JVM simulation, a child process, or (in later modules) SGX under
 * Gramine or a confidential VM. The host measures and verifies the bundle; the backend only
 * launches it and carries frames.
 */
public interface EnclaveBackend {

  /** The backend's name, as given to {@code --backend}. */
  String name();

  /**
   * Whether the evidence this backend produces is simulated (signed by the per-installation
   * simulation root, with no hardware behind it).
   */
  boolean simulated();

  /**
   * Launches one enclave instance. Must not call INIT: the host does that on the returned channel.
   *
   * @throws EnclaveLaunchException naming why the launch failed
   */
  EnclaveChannel open(LaunchContext context) throws EnclaveLaunchException;
}
