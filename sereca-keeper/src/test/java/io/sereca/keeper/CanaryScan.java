package io.sereca.keeper;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Byte-level search of a server's snapshot and log files for a canary string. */
final class CanaryScan {

  private CanaryScan() {}

  /** The files under {@code dir} whose names start with {@code prefix} ({@code log.}, {@code snapshot.}). */
  static List<Path> list(Path dir, String prefix) throws Exception {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(p -> p.getFileName().toString().startsWith(prefix)).toList();
    }
  }

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
