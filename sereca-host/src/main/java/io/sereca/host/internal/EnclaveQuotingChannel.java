package io.sereca.host.internal;

import io.sereca.enclave.boundary.BoundaryException;
import io.sereca.enclave.boundary.BoundaryLimits;
import io.sereca.enclave.boundary.Ecall;
import io.sereca.enclave.boundary.EcallResult;
import io.sereca.host.spi.EnclaveChannel;
import io.sereca.host.spi.EnclaveLaunchException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * A channel whose evidence comes from inside the enclave (the ATTEST ecall): under Gramine only
 * the enclave can reach /dev/attestation, and it quotes only its own provisioning key's binding.
 */
final class EnclaveQuotingChannel implements EnclaveChannel {

  private final EnclaveChannel inner;
  private final BoundaryLimits limits;

  EnclaveQuotingChannel(EnclaveChannel inner, BoundaryLimits limits) {
    this.inner = inner;
    this.limits = limits;
  }

  @Override
  public CompletableFuture<byte[]> call(byte[] ecallFrame) {
    return inner.call(ecallFrame);
  }

  @Override
  public CompletableFuture<byte[]> quote(byte[] reportData) {
    return inner.call(new Ecall.Attest(reportData).encode()).thenApply(frame -> {
      EcallResult r;
      try {
        r = EcallResult.decode(frame, limits);
      } catch (BoundaryException e) {
        throw new CompletionException(new EnclaveLaunchException("enclave returned a malformed quote result: " + e.getMessage()));
      }
      if (!r.isOk()) {
        throw new CompletionException(new EnclaveLaunchException("enclave could not quote: " + r.error()));
      }
      return r.payload();
    });
  }

  @Override
  public void close() {
    inner.close();
  }
}
