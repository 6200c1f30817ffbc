package io.sereca.keeper;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Byte-level search of a server's snapshot and log files for a canary string. */
final class CanaryScan {

  private CanaryScan() {}

  /** Whether the UTF-8 bytes of {@code canary} occur in any of {@code files}. */
  static boolean containsAnywhere(List<Path> files, String canary) throws Exception {
    byte[] needle = canary.getBytes(StandardCharsets.UTF_8);
    for (Path p : files) {
      byte[] hay = Files.readAllBytes(p);
      outer:
      for (int i = 0; i + needle.length <= hay.length; i++) {
        for (int j = 0; j < needle.length; j++) {
          if (hay[i + j] != needle[j]) {
            continue outer;
          }
        }
        return true;
      }
    }
    return false;
  }
}
