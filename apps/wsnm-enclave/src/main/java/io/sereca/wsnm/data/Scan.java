package io.sereca.wsnm.data;

import io.sereca.wsnm.json.Fields;
import io.sereca.wsnm.json.Json;
import io.sereca.wsnm.json.JsonException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One scan of a dam's data logger as the collector forwards it: the logger header (scan counter,
 * logger time, status, battery, enclosure temperature), the collector's own timestamp and
 * validation flags, and one {@link Reading} per channel. Immutable.
 *
 * <p>(dam, scan counter) identifies a scan: delivery is at-least-once, and receivers drop a scan
 * whose key they have already seen. Wire form (JSON, compact):
 *
 * <pre>{@code
 * {"dam":"CONZA","scan":42,"loggerTime":1764620000,"collectedAt":1764620000123,"status":32769,
 *  "batteryMv":12800,"loggerTempC":21.5,"flags":[],"readings":[["RESERVOIR_LEVEL",412.3,0,3], ...]}
 * }</pre>
 */
public final class Scan {

  /** Quality codes of the logger's register map. */
  public static final int GOOD = 0;
  /** Outside the channel's plausible range (logger or collector said so). */
  public static final int SUSPECT = 1;
  /** Known bad. */
  public static final int BAD = 2;
  /** Never measured. */
  public static final int NOT_MEASURED = 3;

  /** Collector flag: the scan counter went down. */
  public static final String FLAG_COUNTER_REGRESSED = "counter_regressed";
  /** Collector flag: the scan counter skipped scans. */
  public static final String FLAG_COUNTER_JUMP = "counter_jump";
  /** Collector flag: the logger's clock went backwards. */
  public static final String FLAG_TIME_BACKWARDS = "time_backwards";

  /** Most channels one scan may carry (the register map has 20). */
  public static final int MAX_READINGS = 64;
  /** Longest dam or channel name accepted. */
  public static final int MAX_NAME = 64;

  private final String dam;
  private final long scan;
  private final long loggerTime;
  private final long collectedAt;
  private final int status;
  private final int batteryMv;
  private final double loggerTempC;
  private final List<String> flags;
  private final List<Reading> readings;

  private Scan(String dam, long scan, long loggerTime, long collectedAt, int status, int batteryMv,
      double loggerTempC, List<String> flags, List<Reading> readings) {
    this.dam = dam;
    this.scan = scan;
    this.loggerTime = loggerTime;
    this.collectedAt = collectedAt;
    this.status = status;
    this.batteryMv = batteryMv;
    this.loggerTempC = loggerTempC;
    this.flags = List.copyOf(flags);
    this.readings = List.copyOf(readings);
  }

  /**
   * A validated scan.
   *
   * @throws IllegalArgumentException naming the field that is out of bounds
   */
  public static Scan create(String dam, long scan, long loggerTime, long collectedAt, int status,
      int batteryMv, double loggerTempC, List<String> flags, List<Reading> readings) {
    name(dam, "dam");
    if (scan < 0 || scan > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException("scan: counter " + scan + " is not a uint32");
    }
    if (loggerTime < 0 || collectedAt < 0) {
      throw new IllegalArgumentException("scan: negative timestamp");
    }
    if (status < 0 || status > 0xFFFF || batteryMv < 0 || batteryMv > 0xFFFF) {
      throw new IllegalArgumentException("scan: status or battery is not a uint16");
    }
    if (!Double.isFinite(loggerTempC)) {
      throw new IllegalArgumentException("scan: logger temperature is not finite");
    }
    Objects.requireNonNull(flags, "flags");
    if (readings.size() > MAX_READINGS || flags.size() > MAX_READINGS) {
      throw new IllegalArgumentException("scan: more than " + MAX_READINGS + " readings or flags");
    }
    for (String f : flags) {
      name(f, "flag");
    }
    return new Scan(dam, scan, loggerTime, collectedAt, status, batteryMv, loggerTempC, flags, readings);
  }

  /** Dam id (the {@code Dam} enum's name, e.g. {@code MONTE_COTUGNO}). */
  public String dam() {
    return dam;
  }

  /** Logger scan counter (uint32). */
  public long scan() {
    return scan;
  }

  /** Logger time of the scan, epoch seconds. */
  public long loggerTime() {
    return loggerTime;
  }

  /** When the collector read it, epoch milliseconds. */
  public long collectedAt() {
    return collectedAt;
  }

  /** Logger status bits. */
  public int status() {
    return status;
  }

  /** Logger battery, mV. */
  public int batteryMv() {
    return batteryMv;
  }

  /** Logger enclosure temperature, °C. */
  public double loggerTempC() {
    return loggerTempC;
  }

  /** The collector's validation flags ({@code FLAG_*}). */
  public List<String> flags() {
    return flags;
  }

  /** The readings, one per channel. */
  public List<Reading> readings() {
    return readings;
  }

  /** The reading of {@code channel}, or null. */
  public Reading reading(String channel) {
    for (Reading r : readings) {
      if (r.channel().equals(channel)) {
        return r;
      }
    }
    return null;
  }

  /** The de-duplication key: {@code dam/scan}. */
  public String key() {
    return dam + "/" + scan;
  }

  /** As a JSON-ready map. */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("dam", dam);
    m.put("scan", scan);
    m.put("loggerTime", loggerTime);
    m.put("collectedAt", collectedAt);
    m.put("status", status);
    m.put("batteryMv", batteryMv);
    m.put("loggerTempC", loggerTempC);
    m.put("flags", flags);
    List<Object> rs = new ArrayList<>(readings.size());
    for (Reading r : readings) {
      rs.add(List.of(r.channel(), r.value(), r.quality(), r.ageSeconds()));
    }
    m.put("readings", rs);
    return m;
  }

  /** Compact JSON, UTF-8. */
  public byte[] toJson() {
    return Json.writeBytes(toMap());
  }

  /**
   * Reads a scan from its JSON form.
   *
   * @throws JsonException or IllegalArgumentException naming what is wrong
   */
  public static Scan fromJson(byte[] utf8) {
    return fromMap(Fields.parse(utf8, "scan"));
  }

  /** Reads a scan from parsed JSON fields. */
  public static Scan fromMap(Fields f) {
    List<String> flags = new ArrayList<>();
    for (Object o : f.array("flags", List.of())) {
      if (!(o instanceof String)) {
        throw new JsonException("scan: flags must be strings");
      }
      flags.add((String) o);
    }
    List<Object> raw = f.array("readings");
    if (raw.size() > MAX_READINGS) {
      throw new JsonException("scan: more than " + MAX_READINGS + " readings");
    }
    List<Reading> readings = new ArrayList<>(raw.size());
    for (int i = 0; i < raw.size(); i++) {
      Object o = raw.get(i);
      if (!(o instanceof List) || ((List<?>) o).size() != 4) {
        throw new JsonException("scan: readings[" + i + "] must be [channel, value, quality, age]");
      }
      List<?> t = (List<?>) o;
      if (!(t.get(0) instanceof String) || !(t.get(1) instanceof Number) || !(t.get(2) instanceof Long)
          || !(t.get(3) instanceof Long)) {
        throw new JsonException("scan: readings[" + i + "] must be [string, number, integer, integer]");
      }
      readings.add(Reading.create((String) t.get(0), ((Number) t.get(1)).doubleValue(),
          (int) (long) (Long) t.get(2), (int) (long) (Long) t.get(3)));
    }
    try {
      return create(f.string("dam"), f.integer("scan"), f.integer("loggerTime"), f.integer("collectedAt"),
          (int) f.integer("status"), (int) f.integer("batteryMv"), f.number("loggerTempC"), flags, readings);
    } catch (IllegalArgumentException e) {
      throw e instanceof JsonException ? e : new JsonException(e.getMessage());
    }
  }

  static String name(String v, String what) {
    if (v == null || v.isEmpty() || v.length() > MAX_NAME) {
      throw new IllegalArgumentException(what + ": must be 1.." + MAX_NAME + " characters");
    }
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (!(c == '_' || c == '-' || c == ':' || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')
          || (c >= '0' && c <= '9'))) {
        throw new IllegalArgumentException(what + ": '" + v + "' has a character outside [A-Za-z0-9_:-]");
      }
    }
    return v;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Scan)) {
      return false;
    }
    Scan s = (Scan) o;
    return dam.equals(s.dam) && scan == s.scan && loggerTime == s.loggerTime && collectedAt == s.collectedAt
        && status == s.status && batteryMv == s.batteryMv && Double.compare(loggerTempC, s.loggerTempC) == 0
        && flags.equals(s.flags) && readings.equals(s.readings);
  }

  @Override
  public int hashCode() {
    return Objects.hash(dam, scan, loggerTime, collectedAt, readings);
  }

  @Override
  public String toString() {
    return "Scan[" + key() + ", " + readings.size() + " readings]";
  }
}
