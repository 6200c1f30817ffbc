package io.sereca.host;

/**
 * An enclave instance died on its own (crash, out of memory, killed, protocol violation).
 *
 * @param reason what happened, e.g. "process exited with code 3 (out of memory ...)"
 * @param restarting whether the restart policy will launch it again
 * @param failures how many times this enclave has failed so far
 */
public record EnclaveFailure(String reason, boolean restarting, int failures) {}
