package io.sereca.wsnm.enclave.web;

import java.util.Locale;

/**
 * A dashboard user's role. Each role may do what the one before it may, and more: a viewer reads,
 * an operator also acknowledges alarms, an engineer also shelves and unshelves them.
 */
public enum Role {
  /** Reads values, trends, alarms and data quality. */
  VIEWER,
  /** A viewer who may also acknowledge alarms. */
  OPERATOR,
  /** An operator who may also shelve and unshelve alarms. */
  ENGINEER;

  /** Whether this role includes {@code other}'s rights. */
  public boolean includes(Role other) {
    return compareTo(other) >= 0;
  }

  /** The lower-case name used in users.json and on the wire. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses a wire name.
   *
   * @throws IllegalArgumentException naming the accepted roles
   */
  public static Role parse(String text) {
    for (Role r : values()) {
      if (r.wireName().equals(text)) {
        return r;
      }
    }
    throw new IllegalArgumentException("unknown role '" + text + "' (viewer, operator or engineer)");
  }
}
