package io.sereca.host.internal;

import java.nio.file.Path;

/** Lets tests in io.sereca.host reach package-private lookups. */
public final class GramineSgxBackendAccess {
  private GramineSgxBackendAccess() {}

  /** {@link GramineSgxBackend#resolve}. */
  public static Path resolve(String tool) {
    return GramineSgxBackend.resolve(tool);
  }
}
