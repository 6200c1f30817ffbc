package io.sereca.wsnm.enclave.store;

import io.sereca.wsnm.json.Fields;
import io.sereca.wsnm.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * One alarm transition kept in the history: the alarm manager's JSON object, stored as it came
 * (canonical compact JSON), with the fields the archiver needs checked: {@code id} (1..128
 * characters), {@code dam}, {@code state} (1..64 characters) and a time in epoch milliseconds,
 * the first of {@value #TIME_FIELDS_TEXT} present.
 */
public final class AlarmRecord {

  /** Largest alarm transition accepted, bytes of JSON. */
  public static final int MAX_BYTES = 16 * 1024;
  /** The time fields looked for, in order. */
  public static final List<String> TIME_FIELDS = List.of("time", "at", "timestamp", "changedAt");
  static final String TIME_FIELDS_TEXT = "time, at, timestamp, changedAt";
  /** Latest time accepted (year 9999). */
  private static final long MAX_TIME = 253_402_300_799_999L;

  /** The alarm's dam. */
  public final String dam;
  /** The transition's time, epoch ms. */
  public final long time;
  /** The whole object. */
  public final Map<String, Object> fields;
  /** Its canonical JSON. */
  public final String json;
  /** Order of arrival within one query (ties of equal times). */
  long sequence;

  private AlarmRecord(String dam, long time, Map<String, Object> fields, String json) {
    this.dam = dam;
    this.time = time;
    this.fields = fields;
    this.json = json;
  }

  /**
   * Validates an alarm transition.
   *
   * @throws IllegalArgumentException naming the missing or bad field
   */
  public static AlarmRecord of(Fields f) {
    String id = f.string("id");
    if (id.isEmpty() || id.length() > 128) {
      throw new IllegalArgumentException("alarm: 'id' must be 1..128 characters");
    }
    String dam = StorageQueries.name(f.string("dam"), "dam");
    String state = f.string("state");
    if (state.isEmpty() || state.length() > 64) {
      throw new IllegalArgumentException("alarm: 'state' must be 1..64 characters");
    }
    Long time = null;
    for (String name : TIME_FIELDS) {
      if (f.has(name)) {
        time = f.integer(name);
        break;
      }
    }
    if (time == null) {
      throw new IllegalArgumentException("alarm: needs a time in epoch ms (one of " + TIME_FIELDS_TEXT + ")");
    }
    if (time < 0 || time > MAX_TIME) {
      throw new IllegalArgumentException("alarm: time " + time + " is out of range");
    }
    String json = Json.write(f.map());
    if (json.length() > MAX_BYTES) {
      throw new IllegalArgumentException("alarm: larger than " + MAX_BYTES + " bytes");
    }
    return new AlarmRecord(dam, time, f.map(), json);
  }

  /** Reads a stored transition back. */
  public static AlarmRecord parse(byte[] plaintext) {
    return of(Fields.parse(plaintext, "alarm"));
  }

  /** The plaintext to store. */
  public byte[] bytes() {
    return json.getBytes(StandardCharsets.UTF_8);
  }
}
