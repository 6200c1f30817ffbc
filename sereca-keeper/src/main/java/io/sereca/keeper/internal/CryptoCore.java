package io.sereca.keeper.internal;

import io.sereca.keeper.internal.core.CryptoBatch;
import java.util.concurrent.CompletableFuture;

/** The proxy's view of its crypto core: one call per batch of path and payload operations. */
public interface CryptoCore extends AutoCloseable {

  /** Runs a batch; the future fails if the core itself fails (not for a failed operation). */
  CompletableFuture<CryptoBatch.Results> run(CryptoBatch.Builder batch);

  /** The enclave backend's name ({@code sim}, {@code process}, ...). */
  String backend();

  /** Whether that backend is simulated (no hardware protection). */
  boolean simulated();

  @Override
  void close();
}
