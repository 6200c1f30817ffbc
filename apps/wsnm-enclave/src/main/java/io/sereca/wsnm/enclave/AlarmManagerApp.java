package io.sereca.wsnm.enclave;

import io.sereca.enclave.EnclaveApp;
import io.sereca.enclave.EnclaveContext;
import io.sereca.enclave.EnclaveMessage;
import io.sereca.enclave.ProvisionedSecrets;
import io.sereca.wsnm.cep.Alarm;
import io.sereca.wsnm.cep.AlarmEngine;
import io.sereca.wsnm.cep.RuleException;
import io.sereca.wsnm.cep.RuleSet;
import io.sereca.wsnm.data.Scan;
import io.sereca.wsnm.data.WsnmAddresses;
import io.sereca.wsnm.json.Fields;
import io.sereca.wsnm.json.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The WSNM alarm manager: runs every scan published on {@link WsnmAddresses#READINGS} through the
 * CEP engine ({@link AlarmEngine}) and keeps the alarms' ISA-18.2 lifecycle, inside the enclave.
 *
 * <ul>
 *   <li>{@code wsnm.readings} (publish): one {@link Scan}; a key already seen is dropped
 *       (at-least-once delivery), a malformed scan is counted and dropped.</li>
 *   <li>{@code wsnm.alarms.query} (request): {@code {"op":"active"}} → {@code {"alarms":[...]}},
 *       {@code {"op":"history","limit":N}} → {@code {"history":[...]}} (newest first),
 *       {@code {"op":"status"}} → rules in force, rule-file error, counters.</li>
 *   <li>{@code wsnm.alarms.command} (request): {@code ack}, {@code shelve} (with
 *       {@code minutes}), {@code unshelve}, each with {@code id} and {@code user}; ack and shelve
 *       need a {@code comment}. Reply {@code {"ok":true,"alarm":{...}}}; a bad command fails with
 *       400 and what is wrong.</li>
 *   <li>{@code wsnm.tick.alarms} (unprotected): the host's one-second tick: absence and
 *       shelving expiry.</li>
 * </ul>
 *
 * <p>Every transition is published on {@code wsnm.alarms.events} and sent to
 * {@code wsnm.storage.alarm}. Rules: the provisioned file {@value #RULES_FILE} if present (re-read
 * on every provisioning), else the default set of the bundle; a bad file is refused (logged with
 * its line and field path only, never its content) and the previous rules stay in force.
 */
public final class AlarmManagerApp implements EnclaveApp {

  /** The provisioned rule file. */
  public static final String RULES_FILE = "/etc/wsnm/rules.yaml";
  /** Scan keys remembered for de-duplication. */
  public static final int SEEN_KEYS = 100_000;
  /** Largest history a query may ask for. */
  public static final int MAX_HISTORY = 1000;

  private final Clock clock;
  private EnclaveContext context;
  private AlarmEngine engine;
  private String rulesError;
  private byte[] rulesDigest;
  private final Map<String, Boolean> seen = new LinkedHashMap<>(1024, 0.75f, false) {
    private static final long serialVersionUID = 1L;

    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
      return size() > SEEN_KEYS;
    }
  };
  private long duplicates;
  private long malformed;
  private String lastMalformed;

  /** The enclave entry point: the engine runs on the enclave's clock (the platform's UTC time). */
  public AlarmManagerApp() {
    this(Clock.systemUTC());
  }

  /** An app on {@code clock} (tests). */
  AlarmManagerApp(Clock clock) {
    this.clock = clock;
  }

  @Override
  public void init(EnclaveContext context) {
    this.context = context;
    this.engine = new AlarmEngine(RuleSet.defaults(), clock);
    loadRules(context.secrets());
    context.onProvisioned(this::loadRules);
    context.register(WsnmAddresses.READINGS, this::reading);
    context.register(WsnmAddresses.ALARMS_QUERY, this::query);
    context.register(WsnmAddresses.ALARMS_COMMAND, this::command);
    context.register(WsnmAddresses.TICK_ALARMS, m -> announce(engine.tick()));
  }

  private void loadRules(ProvisionedSecrets secrets) {
    Optional<byte[]> file = secrets.file(RULES_FILE);
    RuleSet next;
    if (file.isEmpty()) {
      if (RuleSet.DEFAULT_SOURCE.equals(engine.rules().source())) {
        rulesError = null;
        return;
      }
      next = RuleSet.defaults();
      rulesDigest = null;
    } else {
      byte[] digest = sha256(file.get());
      if (rulesDigest != null && MessageDigest.isEqual(digest, rulesDigest)) {
        // Re-provisioning (e.g. a key rotation) with the same file: keep the detectors' windows.
        return;
      }
      try {
        next = RuleSet.parse(new String(file.get(), StandardCharsets.UTF_8), RULES_FILE);
      } catch (RuleException e) {
        // The message may quote the file (a secret): the log gets the position only.
        rulesError = e.getMessage();
        context.log().error("alarms: provisioned " + RULES_FILE + " refused (line " + e.line() + ", "
            + (e.path().isEmpty() ? "top level" : e.path()) + "); keeping " + engine.rules().source());
        return;
      } catch (RuntimeException e) {
        // A reader bug must not take the enclave down either; its message is not logged.
        rulesError = "the rule file could not be read (" + e.getClass().getSimpleName() + ")";
        context.log().error("alarms: provisioned " + RULES_FILE + " refused (" + e.getClass().getName()
            + "); keeping " + engine.rules().source());
        return;
      }
      rulesDigest = digest;
    }
    rulesError = null;
    announce(engine.setRules(next));
    context.log().info("alarms: " + next.ruleIds().size() + " rules in force from " + next.source());
  }

  private static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from the JDK", e);
    }
  }

  private void reading(EnclaveMessage m) {
    Scan scan;
    try {
      scan = Scan.fromJson(m.body());
    } catch (IllegalArgumentException e) {
      malformed++;
      lastMalformed = e.getMessage();
      context.log().warn("alarms: dropped a malformed scan (" + malformed + " so far)");
      return;
    }
    if (seen.putIfAbsent(scan.key(), Boolean.TRUE) != null) {
      duplicates++;
      return;
    }
    announce(engine.onScan(scan));
  }

  private void query(EnclaveMessage m) {
    try {
      Fields f = Fields.parse(m.body(), "query");
      String op = f.string("op");
      Map<String, Object> out = new LinkedHashMap<>();
      switch (op) {
        case "active":
          out.put("alarms", maps(engine.active()));
          break;
        case "history":
          long limit = f.integer("limit", 100);
          if (limit < 1 || limit > MAX_HISTORY) {
            throw new IllegalArgumentException("query: limit must be in 1.." + MAX_HISTORY);
          }
          out.put("history", maps(engine.history((int) limit)));
          break;
        case "status":
          out.put("rules", engine.rules().source());
          out.put("ruleCount", engine.rules().ruleIds().size());
          out.put("rulesError", rulesError);
          out.put("scans", engine.scansEvaluated());
          out.put("duplicates", duplicates);
          out.put("malformed", malformed);
          out.put("lastMalformed", lastMalformed);
          out.put("active", engine.active().size());
          break;
        default:
          throw new IllegalArgumentException("query: unknown op '" + printable(op) + "' (active, history, status)");
      }
      m.reply(Json.writeBytes(out));
    } catch (IllegalArgumentException e) {
      m.fail(400, e.getMessage());
    }
  }

  private void command(EnclaveMessage m) {
    Alarm alarm;
    try {
      Fields f = Fields.parse(m.body(), "command");
      String op = f.string("op");
      String id = f.string("id");
      String user = f.string("user");
      switch (op) {
        case "ack":
          alarm = engine.acknowledge(id, user, f.string("comment"));
          break;
        case "shelve":
          long minutes = f.integer("minutes");
          if (minutes < 1 || minutes > AlarmEngine.MAX_SHELVE.toMinutes()) {
            throw new IllegalArgumentException("command: minutes must be in 1.." + AlarmEngine.MAX_SHELVE.toMinutes());
          }
          alarm = engine.shelve(id, user, f.string("comment"), Duration.ofMinutes(minutes));
          break;
        case "unshelve":
          alarm = engine.unshelve(id, user);
          break;
        default:
          throw new IllegalArgumentException("command: unknown op '" + printable(op) + "' (ack, shelve, unshelve)");
      }
    } catch (IllegalArgumentException | IllegalStateException e) {
      m.fail(400, e.getMessage());
      return;
    }
    announce(List.of(alarm));
    m.reply(Json.writeBytes(Map.of("ok", true, "alarm", alarm.toMap())));
  }

  private void announce(List<Alarm> transitions) {
    for (Alarm a : transitions) {
      byte[] json = Json.writeBytes(a.toMap());
      context.publish(WsnmAddresses.ALARMS_EVENTS, json);
      context.send(WsnmAddresses.STORAGE_ALARM, json);
    }
  }

  private static List<Object> maps(List<Alarm> alarms) {
    List<Object> out = new ArrayList<>(alarms.size());
    for (Alarm a : alarms) {
      out.add(a.toMap());
    }
    return out;
  }

  private static String printable(String s) {
    String t = s.length() > 40 ? s.substring(0, 40) + "..." : s;
    return t.replaceAll("[^A-Za-z0-9_.:-]", "?");
  }
}
