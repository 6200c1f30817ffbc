package io.sereca.wsnm.cep;

import java.util.Locale;

/** How urgent an alarm is; written in lower case in rule files and in alarm JSON. */
public enum Priority {
  /** Immediate action to protect the dam or people downstream. */
  CRITICAL,
  /** Prompt action. */
  HIGH,
  /** Action within the shift. */
  MEDIUM,
  /** Awareness; maintenance. */
  LOW;

  /** The lower-case name used in files and JSON. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
