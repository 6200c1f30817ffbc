package io.sereca.host;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates ../shared/testdata/tee-evidence by walking up; skips the test when it is absent. */
public final class TeeEvidenceFiles {

  private TeeEvidenceFiles() {}

  /** A file of the public evidence set (real quotes, never copied into the project). */
  public static Path get(String name) {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      Path f = p.resolve("shared/testdata/tee-evidence").resolve(name);
      if (Files.isRegularFile(f)) {
        return f;
      }
    }
    assumeTrue(false, "public TEE evidence shared/testdata/tee-evidence/" + name + " not found; skipping");
    throw new AssertionError("unreachable");
  }
}
