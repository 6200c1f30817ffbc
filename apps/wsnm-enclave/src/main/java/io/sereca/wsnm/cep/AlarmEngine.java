package io.sereca.wsnm.cep;

import io.sereca.wsnm.cep.internal.Detector;
import io.sereca.wsnm.cep.internal.RuleBook;
import io.sereca.wsnm.cep.internal.RuleDef;
import io.sereca.wsnm.cep.internal.ScanView;
import io.sereca.wsnm.cep.internal.Verdict;
import io.sereca.wsnm.data.Scan;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The complex-event-processing engine of the alarm manager: evaluates a {@link RuleSet} on every
 * {@link Scan} and on clock ticks, and runs each alarm (one per rule and dam) through the
 * ISA-18.2 lifecycle of {@link AlarmState}. Every method returns the alarms that changed state,
 * for the caller to announce.
 *
 * <p>Not thread-safe: one engine per enclave, called from its single thread. Time comes from the
 * {@link Clock} given to the constructor, never from the system: tests are deterministic. Data
 * windows run on the logger's time; absence, shelving and alarm times on the clock.
 *
 * <p>Cost: O(rules) per scan, each rule O(1) amortised (a median is O(w log w)); memory bounded
 * by rules × dams × the windows' {@code Window.MAX_SAMPLES} samples, at most {@link #MAX_DAMS}
 * dams and a history of {@code historyLimit} transitions.
 */
public final class AlarmEngine {

  /** Default number of transitions kept in the history. */
  public static final int DEFAULT_HISTORY = 1000;
  /** Most dams tracked; scans of further dams are ignored. */
  public static final int MAX_DAMS = 256;
  /** Longest a user may shelve an alarm for. */
  public static final Duration MAX_SHELVE = Duration.ofDays(7);
  /** Longest user name or comment accepted. */
  public static final int MAX_TEXT = 500;

  private final Clock clock;
  private final int historyLimit;
  private RuleSet rules;
  private final Map<String, Detector[]> detectors = new HashMap<>();
  private final Map<String, AlarmRecord> records = new LinkedHashMap<>();
  private final ArrayDeque<Alarm> history = new ArrayDeque<>();
  private long seq;
  private long scans;

  /** An engine with the default history size. */
  public AlarmEngine(RuleSet rules, Clock clock) {
    this(rules, clock, DEFAULT_HISTORY);
  }

  /** An engine keeping the last {@code historyLimit} transitions. */
  public AlarmEngine(RuleSet rules, Clock clock, int historyLimit) {
    if (historyLimit < 1) {
      throw new IllegalArgumentException("historyLimit must be at least 1");
    }
    this.rules = rules;
    this.clock = clock;
    this.historyLimit = historyLimit;
  }

  /** The rules in force. */
  public RuleSet rules() {
    return rules;
  }

  /** Scans evaluated so far. */
  public long scansEvaluated() {
    return scans;
  }

  /**
   * Replaces the rules. Detector state (windows, timers) starts afresh; alarms of rules that
   * still exist keep their state, and those of removed rules return to NORMAL (announced with
   * event {@code rule_removed}).
   */
  public List<Alarm> setRules(RuleSet next) {
    this.rules = next;
    detectors.clear();
    List<Alarm> out = new ArrayList<>();
    long now = clock.millis();
    for (Iterator<AlarmRecord> it = records.values().iterator(); it.hasNext();) {
      AlarmRecord r = it.next();
      RuleDef def = next.book().rule(r.rule.id);
      if (def != null && next.book().applies(def, r.dam)) {
        r.rule = def;
      } else {
        if (r.state != AlarmState.NORMAL) {
          r.conditionActive = false;
          r.state = AlarmState.SHELVED;
          out.add(record(r, r.unshelve(now, "rule_removed")));
        }
        it.remove();
      }
    }
    return out;
  }

  /** Evaluates one scan; returns the alarms that changed state. */
  public List<Alarm> onScan(Scan scan) {
    long now = clock.millis();
    Detector[] ds = detectorsOf(scan.dam());
    if (ds == null) {
      return List.of();
    }
    scans++;
    ScanView view = new ScanView(scan, now);
    List<Alarm> out = null;
    List<RuleDef> defs = rules.book().rules;
    for (int i = 0; i < ds.length; i++) {
      if (ds[i] == null) {
        continue;
      }
      Verdict v = ds[i].onScan(view);
      if (v != null) {
        out = apply(defs.get(i), scan.dam(), v, now, view.t, out);
      }
    }
    return out == null ? List.of() : out;
  }

  /**
   * Evaluates the passing of time: absence of data and the expiry of shelving. Call it
   * regularly (the alarm manager's host ticks every second).
   */
  public List<Alarm> tick() {
    long now = clock.millis();
    List<Alarm> out = null;
    List<RuleDef> defs = rules.book().rules;
    for (Map.Entry<String, Detector[]> e : detectors.entrySet()) {
      Detector[] ds = e.getValue();
      for (int i = 0; i < ds.length; i++) {
        if (ds[i] == null) {
          continue;
        }
        Verdict v = ds[i].onTick(now);
        if (v != null) {
          out = apply(defs.get(i), e.getKey(), v, now, null, out);
        }
      }
    }
    for (AlarmRecord r : records.values()) {
      if (r.state == AlarmState.SHELVED && r.shelvedUntil != null && r.shelvedUntil <= now) {
        out = add(out, record(r, r.unshelve(now, "shelve_expired")));
      }
    }
    return out == null ? List.of() : out;
  }

  /**
   * Acknowledges an alarm (ACTIVE_UNACK → ACTIVE_ACK, RTN_UNACK → NORMAL).
   *
   * @throws IllegalArgumentException for an unknown alarm or a bad user or comment
   * @throws IllegalStateException when the alarm's state has nothing to acknowledge
   */
  public Alarm acknowledge(String id, String user, String comment) {
    AlarmRecord r = existing(id);
    text(user, "user", true);
    text(comment, "comment", true);
    return record(r, r.acknowledge(user, comment, clock.millis()));
  }

  /**
   * Shelves an alarm for {@code duration} (at most {@link #MAX_SHELVE}): it is not announced
   * until unshelved or expired. An alarm may be shelved before it was ever raised.
   *
   * @throws IllegalArgumentException for an unknown rule or dam, a bad duration, user or comment
   */
  public Alarm shelve(String id, String user, String comment, Duration duration) {
    text(user, "user", true);
    text(comment, "comment", true);
    if (duration.compareTo(Duration.ofMinutes(1)) < 0 || duration.compareTo(MAX_SHELVE) > 0) {
      throw new IllegalArgumentException("shelve duration must be between 1 minute and " + MAX_SHELVE.toDays() + " days");
    }
    AlarmRecord r = records.get(id);
    if (r == null) {
      r = create(id);
    }
    long now = clock.millis();
    return record(r, r.shelve(user, comment, now + duration.toMillis(), now));
  }

  /**
   * Returns a shelved alarm: to ACTIVE_UNACK if its condition holds, else NORMAL.
   *
   * @throws IllegalArgumentException for an unknown alarm
   * @throws IllegalStateException when it is not shelved
   */
  public Alarm unshelve(String id, String user) {
    AlarmRecord r = existing(id);
    text(user, "user", true);
    return record(r, r.unshelve(clock.millis(), "unshelved"));
  }

  /** The alarms not in NORMAL, most urgent first, then oldest first. */
  public List<Alarm> active() {
    List<Alarm> out = new ArrayList<>();
    for (AlarmRecord r : records.values()) {
      if (r.state != AlarmState.NORMAL) {
        out.add(r.snapshot("current", r.seq));
      }
    }
    out.sort(Comparator.comparing(Alarm::priority)
        .thenComparing(a -> (Long) a.toMap().getOrDefault("updatedAt", 0L)));
    return out;
  }

  /** One alarm's current snapshot. */
  public Optional<Alarm> alarm(String id) {
    AlarmRecord r = records.get(id);
    return r == null ? Optional.empty() : Optional.of(r.snapshot("current", r.seq));
  }

  /** The last {@code limit} transitions, newest first. */
  public List<Alarm> history(int limit) {
    List<Alarm> out = new ArrayList<>();
    for (Iterator<Alarm> it = history.descendingIterator(); it.hasNext() && out.size() < limit;) {
      out.add(it.next());
    }
    return out;
  }

  private Detector[] detectorsOf(String dam) {
    Detector[] ds = detectors.get(dam);
    if (ds == null) {
      if (detectors.size() >= MAX_DAMS) {
        return null;
      }
      RuleBook book = rules.book();
      ds = new Detector[book.rules.size()];
      Map<String, Double> params = book.dams.get(dam);
      for (int i = 0; i < ds.length; i++) {
        RuleDef def = book.rules.get(i);
        if (book.applies(def, dam)) {
          ds[i] = def.factory.create(params == null ? Map.of() : params);
        }
      }
      detectors.put(dam, ds);
    }
    return ds;
  }

  private List<Alarm> apply(RuleDef def, String dam, Verdict v, long now, Long dataTime, List<Alarm> out) {
    String id = def.id + "/" + dam;
    AlarmRecord r = records.get(id);
    if (r == null) {
      if (!v.active) {
        return out;
      }
      r = new AlarmRecord(def, dam);
      records.put(id, r);
    }
    String event = r.evaluate(v, now, dataTime);
    return event == null ? out : add(out, record(r, event));
  }

  private static List<Alarm> add(List<Alarm> out, Alarm a) {
    List<Alarm> l = out == null ? new ArrayList<>(2) : out;
    l.add(a);
    return l;
  }

  private Alarm record(AlarmRecord r, String event) {
    r.seq = ++seq;
    Alarm a = r.snapshot(event, r.seq);
    history.addLast(a);
    while (history.size() > historyLimit) {
      history.removeFirst();
    }
    return a;
  }

  private AlarmRecord existing(String id) {
    AlarmRecord r = id == null ? null : records.get(id);
    if (r == null) {
      throw new IllegalArgumentException("no alarm '" + (id == null ? "" : abbreviate(id)) + "'");
    }
    return r;
  }

  private AlarmRecord create(String id) {
    int slash = id == null ? -1 : id.indexOf('/');
    RuleDef def = slash < 0 ? null : rules.book().rule(id.substring(0, slash));
    String dam = slash < 0 ? null : id.substring(slash + 1);
    if (def == null || !dam.matches("[A-Za-z0-9_:-]{1,64}") || !rules.book().applies(def, dam)) {
      throw new IllegalArgumentException("no alarm '" + (id == null ? "" : abbreviate(id)) + "' (ids are rule/dam)");
    }
    AlarmRecord r = new AlarmRecord(def, dam);
    records.put(id, r);
    return r;
  }

  private static void text(String s, String what, boolean required) {
    if (s == null || (required && s.isBlank())) {
      throw new IllegalArgumentException(what + " is missing");
    }
    if (s.length() > MAX_TEXT) {
      throw new IllegalArgumentException(what + " is longer than " + MAX_TEXT + " characters");
    }
  }

  private static String abbreviate(String s) {
    return s.length() > 80 ? s.substring(0, 80) + "..." : s;
  }
}
