package io.sereca.enclave.boundary;

import java.util.List;
import java.util.Random;

/** Lets tests in other packages use the package-private {@link Mutator}. */
public final class MutatorAccess {
  private MutatorAccess() {}

  /** See {@link Mutator#input}. */
  public static byte[] input(List<byte[]> seeds, Random random) {
    return Mutator.input(seeds, random);
  }
}
