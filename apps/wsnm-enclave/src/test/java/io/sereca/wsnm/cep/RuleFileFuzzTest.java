package io.sereca.wsnm.cep;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Damaged rule files fail with a RuleException naming a line, never with anything else. */
class RuleFileFuzzTest {

  private static final String CHARS = " \n\t:-#'\"[]{},&*|>!%@`x1.";

  @Test
  void mutationsOfTheDefaultFileFailCleanly() throws Exception {
    String text;
    try (InputStream in = RuleSet.class.getResourceAsStream(RuleSet.DEFAULT_RESOURCE)) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    Random random = new Random(6);
    int failures = 0;
    for (int i = 0; i < 1500; i++) {
      StringBuilder b = new StringBuilder(text);
      int edits = 1 + random.nextInt(4);
      for (int e = 0; e < edits; e++) {
        int at = random.nextInt(b.length());
        switch (random.nextInt(3)) {
          case 0: b.deleteCharAt(at); break;
          case 1: b.insert(at, CHARS.charAt(random.nextInt(CHARS.length()))); break;
          default: b.setCharAt(at, CHARS.charAt(random.nextInt(CHARS.length())));
        }
      }
      try {
        RuleSet.parse(b.toString(), "fuzz");
      } catch (RuleException e) {
        failures++;
        assertThat(e.line()).as(e.getMessage()).isBetween(0, b.toString().split("\n", -1).length);
        assertThat(e.getMessage()).isNotBlank();
      }
    }
    // Most damage is caught; some lands in comments or messages and is harmless.
    assertThat(failures).isGreaterThan(500);
  }
}
