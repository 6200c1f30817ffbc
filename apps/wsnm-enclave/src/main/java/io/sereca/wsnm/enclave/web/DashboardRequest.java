package io.sereca.wsnm.enclave.web;

import io.sereca.wsnm.data.WsnmAddresses;
import io.sereca.wsnm.json.Fields;
import io.sereca.wsnm.json.Json;
import io.sereca.wsnm.json.JsonException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One decrypted dashboard request checked against the user's role and turned into the protected
 * request the gateway makes on the user's behalf. Only the fields each operation needs are copied
 * (nothing the browser adds travels on), and the acting user is always the session's, never a
 * name the browser supplies.
 *
 * <table>
 *   <caption>operations</caption>
 *   <tr><th>op</th><th>role</th><th>goes to</th></tr>
 *   <tr><td>latest [dam], window dam channel from to, quality</td><td>viewer</td><td>{@code wsnm.cache.query}</td></tr>
 *   <tr><td>trend dam channel from to buckets, history [dam from to limit]</td><td>viewer</td><td>{@code wsnm.storage.query}</td></tr>
 *   <tr><td>alarms</td><td>viewer</td><td>{@code wsnm.alarms.query} {@code {"op":"active"}}</td></tr>
 *   <tr><td>ack id comment</td><td>operator</td><td>{@code wsnm.alarms.command}</td></tr>
 *   <tr><td>shelve id comment minutes, unshelve id comment</td><td>engineer</td><td>{@code wsnm.alarms.command}</td></tr>
 *   <tr><td>whoami, logout, ping</td><td>viewer</td><td>answered by the gateway</td></tr>
 * </table>
 */
public final class DashboardRequest {

  /** Longest comment accepted. */
  public static final int MAX_COMMENT = 500;
  /** Most trend buckets a request may ask for. */
  public static final int MAX_BUCKETS = 2000;

  private static final Pattern ID = Pattern.compile("[A-Z][A-Z0-9_]{0,39}");
  private static final Pattern ALARM_ID = Pattern.compile("[A-Za-z0-9._:/@-]{1,128}");
  /** Operations the gateway answers itself. */
  public static final Set<String> LOCAL = Set.of("whoami", "logout", "ping");

  private final String op;
  private final String address;
  private final byte[] body;

  private DashboardRequest(String op, String address, byte[] body) {
    this.op = op;
    this.address = address;
    this.body = body;
  }

  /** The operation name. */
  public String op() {
    return op;
  }

  /** Where the protected request goes; null for an operation the gateway answers itself. */
  public String address() {
    return address;
  }

  /** The protected request's body (UTF-8 JSON); null for a local operation. */
  public byte[] body() {
    return body == null ? null : body.clone();
  }

  /**
   * Checks and translates a request.
   *
   * @throws DashboardException 400 for a malformed request (naming the field), 403 if the role
   *     does not allow it, 404 for an unknown operation
   */
  public static DashboardRequest of(Map<String, Object> request, String user, Role role) throws DashboardException {
    Fields f = Fields.of(request, "request");
    try {
      String op = f.string("op");
      Map<String, Object> out = new LinkedHashMap<>();
      switch (op) {
        case "whoami":
        case "logout":
        case "ping":
          return new DashboardRequest(op, null, null);
        case "latest":
          out.put("op", "latest");
          if (f.has("dam")) {
            out.put("dam", id(f, "dam"));
          }
          return forward(op, WsnmAddresses.CACHE_QUERY, out);
        case "quality":
          out.put("op", "quality");
          return forward(op, WsnmAddresses.CACHE_QUERY, out);
        case "window":
          out.put("op", "window");
          out.put("dam", id(f, "dam"));
          out.put("channel", id(f, "channel"));
          range(f, out);
          return forward(op, WsnmAddresses.CACHE_QUERY, out);
        case "trend":
          out.put("op", "trend");
          out.put("dam", id(f, "dam"));
          out.put("channel", id(f, "channel"));
          range(f, out);
          long buckets = f.integer("buckets", 200);
          if (buckets < 1 || buckets > MAX_BUCKETS) {
            throw new DashboardException(400, "request: buckets must be in 1.." + MAX_BUCKETS);
          }
          out.put("buckets", buckets);
          return forward(op, WsnmAddresses.STORAGE_QUERY, out);
        case "history":
          out.put("op", "alarms");
          if (f.has("dam")) {
            out.put("dam", id(f, "dam"));
          }
          if (f.has("from") || f.has("to")) {
            range(f, out);
          }
          long limit = f.integer("limit", 200);
          if (limit < 1 || limit > 1000) {
            throw new DashboardException(400, "request: limit must be in 1..1000");
          }
          out.put("limit", limit);
          return forward(op, WsnmAddresses.STORAGE_QUERY, out);
        case "alarms":
          out.put("op", "active");
          return forward(op, WsnmAddresses.ALARMS_QUERY, out);
        case "ack":
          require(role, Role.OPERATOR, "acknowledge alarms");
          command("ack", f, user, out);
          return forward(op, WsnmAddresses.ALARMS_COMMAND, out);
        case "shelve":
          require(role, Role.ENGINEER, "shelve alarms");
          long minutes = f.integer("minutes", 60);
          if (minutes < 1 || minutes > 7 * 24 * 60) {
            throw new DashboardException(400, "request: minutes must be in 1..10080");
          }
          command("shelve", f, user, out);
          out.put("minutes", minutes);
          return forward(op, WsnmAddresses.ALARMS_COMMAND, out);
        case "unshelve":
          require(role, Role.ENGINEER, "unshelve alarms");
          command("unshelve", f, user, out);
          return forward(op, WsnmAddresses.ALARMS_COMMAND, out);
        default:
          throw new DashboardException(404, "unknown operation '" + printable(op) + "'");
      }
    } catch (JsonException e) {
      throw new DashboardException(400, e.getMessage());
    }
  }

  private static void command(String op, Fields f, String user, Map<String, Object> out)
      throws DashboardException {
    String id = f.string("id");
    if (!ALARM_ID.matcher(id).matches()) {
      throw new DashboardException(400, "request: id must be 1-128 of A-Z a-z 0-9 . _ : / @ -");
    }
    String comment = f.string("comment", "").trim();
    if (comment.isEmpty()) {
      throw new DashboardException(400, "request: a comment is required to " + op + " an alarm");
    }
    if (comment.length() > MAX_COMMENT) {
      throw new DashboardException(400, "request: comment longer than " + MAX_COMMENT + " characters");
    }
    out.put("op", op);
    out.put("id", id);
    out.put("user", user);
    out.put("comment", comment);
  }

  private static void require(Role role, Role needed, String what) throws DashboardException {
    if (!role.includes(needed)) {
      throw new DashboardException(403, "role " + role.wireName() + " may not " + what
          + " (needs " + needed.wireName() + ")");
    }
  }

  private static DashboardRequest forward(String op, String address, Map<String, Object> body) {
    return new DashboardRequest(op, address, Json.writeBytes(body));
  }

  private static String id(Fields f, String name) throws DashboardException {
    String v = f.string(name);
    if (!ID.matcher(v).matches()) {
      throw new DashboardException(400, "request: " + name + " must be an upper-case id like CONZA or RESERVOIR_LEVEL");
    }
    return v;
  }

  private static void range(Fields f, Map<String, Object> out) throws DashboardException {
    long from = f.integer("from");
    long to = f.integer("to");
    if (from < 0 || to < from) {
      throw new DashboardException(400, "request: need 0 <= from <= to (epoch milliseconds)");
    }
    out.put("from", from);
    out.put("to", to);
  }

  private static String printable(String s) {
    String cut = s.length() > 40 ? s.substring(0, 40) + "..." : s;
    return cut.replaceAll("[^A-Za-z0-9_.-]", "?");
  }
}
