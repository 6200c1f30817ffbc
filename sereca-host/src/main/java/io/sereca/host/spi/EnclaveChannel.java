package io.sereca.host.spi;

import java.util.concurrent.CompletableFuture;

/**
 * A running enclave instance as its backend sees it: a pipe for ecall frames, plus the
 * platform's quoting service.
 */
public interface EnclaveChannel {

  /**
   * Sends an ecall frame. Ocalls it triggers reach {@link LaunchContext#ocallSink()} before the
   * returned future completes with the result frame. Fails with {@link EnclaveLaunchException}
   * if the enclave is gone.
   */
  CompletableFuture<byte[]> call(byte[] ecallFrame);

  /**
   * Produces attestation evidence for this instance binding {@code reportData} (64 bytes), as the
   * platform's quoting service would.
   */
  CompletableFuture<byte[]> quote(byte[] reportData);

  /** Tears the instance down (idempotent); pending calls fail. */
  void close();
}
