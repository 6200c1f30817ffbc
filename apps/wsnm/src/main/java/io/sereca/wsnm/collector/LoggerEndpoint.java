package io.sereca.wsnm.collector;

import io.sereca.wsnm.Dam;
import io.sereca.wsnm.RegisterMap;
import io.vertx.core.json.JsonObject;
import java.util.Objects;

/**
 * Where the collector reads one dam's data logger: the dam, the logger's Modbus TCP host and port,
 * and its unit id. A data object (no-arg, copy and JSON constructors, fluent setters, {@link #toJson}).
 */
public final class LoggerEndpoint {

  /** Default Modbus TCP host. */
  public static final String DEFAULT_HOST = "127.0.0.1";

  private Dam dam;
  private String host = DEFAULT_HOST;
  private int port;
  private int unitId = RegisterMap.UNIT_ID;

  /** Defaults (dam and port must still be set). */
  public LoggerEndpoint() {}

  /** The logger of {@code dam} at {@code host:port}, unit id 1. */
  public LoggerEndpoint(Dam dam, String host, int port) {
    setDam(dam);
    setHost(host);
    setPort(port);
  }

  /** Copy constructor. */
  public LoggerEndpoint(LoggerEndpoint other) {
    this.dam = other.dam;
    this.host = other.host;
    this.port = other.port;
    this.unitId = other.unitId;
  }

  /**
   * From JSON ({@code {"dam":"CONZA","host":"127.0.0.1","port":5023,"unitId":1}}); unknown keys are errors.
   *
   * @throws IllegalArgumentException naming the bad key or value
   */
  public LoggerEndpoint(JsonObject json) {
    for (String key : json.fieldNames()) {
      switch (key) {
        case "dam": setDam(Dam.valueOf(json.getString(key))); break;
        case "host": setHost(json.getString(key)); break;
        case "port": setPort(json.getInteger(key)); break;
        case "unitId": setUnitId(json.getInteger(key)); break;
        default:
          throw new IllegalArgumentException("logger endpoint has unknown key '" + key
              + "' (known: dam, host, port, unitId)");
      }
    }
  }

  /** As JSON. */
  public JsonObject toJson() {
    JsonObject j = new JsonObject().put("host", host).put("port", port).put("unitId", unitId);
    if (dam != null) {
      j.put("dam", dam.name());
    }
    return j;
  }

  /** The dam whose logger this is (its plausible ranges are used for validation). */
  public Dam getDam() {
    return dam;
  }

  /** Sets the dam. */
  public LoggerEndpoint setDam(Dam dam) {
    this.dam = Objects.requireNonNull(dam, "dam");
    return this;
  }

  /** The logger's host name or address. */
  public String getHost() {
    return host;
  }

  /** Sets the host. */
  public LoggerEndpoint setHost(String host) {
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("logger host must not be empty");
    }
    this.host = host;
    return this;
  }

  /** The logger's Modbus TCP port. */
  public int getPort() {
    return port;
  }

  /** Sets the port (1..65535). */
  public LoggerEndpoint setPort(int port) {
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("logger port " + port + " is not 1..65535");
    }
    this.port = port;
    return this;
  }

  /** The Modbus unit id (default 1). */
  public int getUnitId() {
    return unitId;
  }

  /** Sets the unit id (0..255). */
  public LoggerEndpoint setUnitId(int unitId) {
    if (unitId < 0 || unitId > 255) {
      throw new IllegalArgumentException("unit id " + unitId + " is not 0..255");
    }
    this.unitId = unitId;
    return this;
  }

  @Override
  public String toString() {
    return (dam == null ? "?" : dam.name()) + "@" + host + ":" + port + "/" + unitId;
  }
}
