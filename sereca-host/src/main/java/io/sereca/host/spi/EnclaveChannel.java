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

  /**
   * Like {@link #quote} but with what a verifier needs besides the evidence when the platform
   * hands it out with the quote (SEV-SNP: the certificate table with the VCEK from configfs-tsm's
   * {@code auxblob}). Backends without such material return empty collateral.
   */
  default CompletableFuture<Quote> quoteWithCollateral(byte[] reportData) {
    return quote(reportData).thenApply(q -> new Quote(q, new byte[0]));
  }

  /**
   * Evidence and the collateral that came with it.
   *
   * @param evidence the quote or report
   * @param collateral e.g. the SNP certificate table; empty if none
   */
  record Quote(byte[] evidence, byte[] collateral) {}

  /** Tears the instance down (idempotent); pending calls fail. */
  void close();
}
