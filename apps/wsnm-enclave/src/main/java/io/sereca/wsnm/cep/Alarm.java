package io.sereca.wsnm.cep;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A snapshot of one alarm, as announced on every transition and returned by queries. Immutable.
 * The JSON form ({@link #toMap()}) is the schema documented in docs/wsnm-alarms.md; times are
 * epoch milliseconds by the engine clock, absent times are null.
 */
public final class Alarm {

  private final Map<String, Object> fields;

  Alarm(Map<String, Object> fields) {
    this.fields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
  }

  /** {@code rule/dam}. */
  public String id() {
    return (String) fields.get("id");
  }

  /** The rule id. */
  public String rule() {
    return (String) fields.get("rule");
  }

  /** The dam id. */
  public String dam() {
    return (String) fields.get("dam");
  }

  /** The state after the transition. */
  public AlarmState state() {
    return AlarmState.valueOf((String) fields.get("state"));
  }

  /** The priority. */
  public Priority priority() {
    return Priority.valueOf(((String) fields.get("priority")).toUpperCase(java.util.Locale.ROOT));
  }

  /** Whether the rule's condition holds now (also while shelved). */
  public boolean conditionActive() {
    return (Boolean) fields.get("active");
  }

  /** What happened: raised, returned, acknowledged, cleared, shelved, unshelved, shelve_expired, ... */
  public String event() {
    return (String) fields.get("event");
  }

  /** The message with the values filled in. */
  public String message() {
    return (String) fields.get("message");
  }

  /** The last deciding value, or null. */
  public Double value() {
    return (Double) fields.get("value");
  }

  /** Who acknowledged, or null. */
  public String ackedBy() {
    return (String) fields.get("ackedBy");
  }

  /** The fields as a JSON-ready map (the documented schema). */
  public Map<String, Object> toMap() {
    return fields;
  }

  @Override
  public String toString() {
    return "Alarm[" + id() + " " + state() + " " + event() + "]";
  }
}
