package io.sereca.cli.internal;

import io.sereca.host.HostOptions;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The {@code --data-dir} option: where this installation keeps its simulation platform (root CA,
 * platform key, seal secret) and the demo's signing key. Defaults to {@code $SERECA_HOME} or
 * {@code ~/.sereca}.
 */
public final class DataDirOption {

  @Option(names = "--data-dir", paramLabel = "DIR",
      description = "Data directory (simulation platform, demo key). Default: $SERECA_HOME or"
          + " ~/.sereca.")
  private Path dataDir;

  /** The chosen data directory, or the default one. */
  public Path dataDir() {
    return (dataDir != null ? dataDir : HostOptions.defaultDataDirectory()).toAbsolutePath().normalize();
  }
}
