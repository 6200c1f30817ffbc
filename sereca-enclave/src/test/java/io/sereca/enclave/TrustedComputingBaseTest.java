package io.sereca.enclave;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The TCB's size is a headline number: the README must state the real one. */
class TrustedComputingBaseTest {

  /** Source lines: not blank, not a comment-only line. */
  static long sloc(Path root) throws IOException {
    long n = 0;
    try (Stream<Path> files = Files.walk(root)) {
      for (Path p : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".java"))::iterator) {
        List<String> lines = Files.readAllLines(p);
        for (String line : lines) {
          String t = line.trim();
          if (!t.isEmpty() && !t.startsWith("//") && !t.startsWith("/*") && !t.startsWith("*")) {
            n++;
          }
        }
      }
    }
    return n;
  }

  @Test
  void readmeStatesTheTrustedModulesSourceLineCount() throws IOException {
    long actual = sloc(Path.of("src/main/java"));
    String readme = Files.readString(Path.of("..", "README.md"));
    Matcher m = Pattern.compile("Trusted module \\(TCB\\): ([0-9,]+) SLOC").matcher(readme);
    assertThat(m.find()).as("README states 'Trusted module (TCB): N SLOC'").isTrue();
    assertThat(Long.parseLong(m.group(1).replace(",", "")))
        .as("README's TCB size; update README.md to the real count")
        .isEqualTo(actual);
  }
}
