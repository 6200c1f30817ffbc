package io.sereca.wsnm.cep;

import io.sereca.wsnm.cep.internal.RuleDef;
import io.sereca.wsnm.cep.internal.Verdict;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** The mutable lifecycle of one alarm (rule + dam), owned by {@link AlarmEngine}. */
final class AlarmRecord {

  final String id;
  final String dam;
  RuleDef rule;
  AlarmState state = AlarmState.NORMAL;
  private AlarmState previous = AlarmState.NORMAL;
  boolean conditionActive;
  private double value = Double.NaN;
  private double limit = Double.NaN;
  private String channel;
  private String detail;
  private Long raisedAt;
  private Long returnedAt;
  private Long ackedAt;
  private String ackedBy;
  private String comment;
  private Long clearedAt;
  private Long shelvedAt;
  Long shelvedUntil;
  private String shelvedBy;
  private long updatedAt;
  private Long dataTime;
  private long count;
  /** Sequence number of the alarm's last transition. */
  long seq;

  AlarmRecord(RuleDef rule, String dam) {
    this.rule = rule;
    this.dam = dam;
    this.id = rule.id + "/" + dam;
  }

  /** Applies a verdict; returns the event name of the transition, or null when there is none. */
  String evaluate(Verdict v, long now, Long data) {
    conditionActive = v.active;
    if (v.active || state != AlarmState.NORMAL) {
      value = v.value;
      limit = v.limit;
      if (v.channel != null) {
        channel = v.channel;
      }
      if (v.detail != null) {
        detail = v.detail;
      }
      dataTime = data;
    }
    switch (state) {
      case NORMAL:
        if (v.active) {
          raise(now);
          return move(AlarmState.ACTIVE_UNACK, now, "raised");
        }
        return null;
      case ACTIVE_UNACK:
        if (!v.active) {
          returnedAt = now;
          return move(AlarmState.RTN_UNACK, now, "returned");
        }
        return null;
      case ACTIVE_ACK:
        if (!v.active) {
          returnedAt = now;
          clearedAt = now;
          return move(AlarmState.NORMAL, now, "cleared");
        }
        return null;
      case RTN_UNACK:
        if (v.active) {
          count++;
          returnedAt = null;
          return move(AlarmState.ACTIVE_UNACK, now, "reraised");
        }
        return null;
      default:
        // Shelved: the condition is tracked but not announced.
        return null;
    }
  }

  private void raise(long now) {
    count++;
    raisedAt = now;
    returnedAt = null;
    ackedAt = null;
    ackedBy = null;
    comment = null;
    clearedAt = null;
  }

  String acknowledge(String user, String text, long now) {
    if (state == AlarmState.ACTIVE_UNACK) {
      note(user, text, now);
      return move(AlarmState.ACTIVE_ACK, now, "acknowledged");
    }
    if (state == AlarmState.RTN_UNACK) {
      note(user, text, now);
      clearedAt = now;
      return move(AlarmState.NORMAL, now, "acknowledged");
    }
    throw new IllegalStateException("alarm " + id + " is " + state + ": nothing to acknowledge");
  }

  private void note(String user, String text, long now) {
    ackedAt = now;
    ackedBy = user;
    comment = text;
  }

  String shelve(String user, String text, long until, long now) {
    shelvedAt = now;
    shelvedUntil = until;
    shelvedBy = user;
    comment = text;
    return move(AlarmState.SHELVED, now, "shelved");
  }

  String unshelve(long now, String event) {
    if (state != AlarmState.SHELVED) {
      throw new IllegalStateException("alarm " + id + " is " + state + ", not shelved");
    }
    shelvedUntil = null;
    if (conditionActive) {
      raise(now);
      return move(AlarmState.ACTIVE_UNACK, now, event);
    }
    return move(AlarmState.NORMAL, now, event);
  }

  private String move(AlarmState next, long now, String event) {
    previous = state;
    state = next;
    updatedAt = now;
    return event;
  }

  /** The snapshot after a transition named {@code event}. */
  Alarm snapshot(String event, long seq) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", id);
    m.put("rule", rule.id);
    m.put("type", rule.type);
    m.put("dam", dam);
    m.put("channel", channel);
    m.put("priority", rule.priority.wireName());
    m.put("state", state.name());
    m.put("previousState", previous.name());
    m.put("event", event);
    m.put("active", conditionActive);
    m.put("message", message());
    m.put("value", finite(value));
    m.put("limit", finite(limit));
    m.put("detail", detail);
    m.put("raisedAt", raisedAt);
    m.put("returnedAt", returnedAt);
    m.put("ackedAt", ackedAt);
    m.put("ackedBy", ackedBy);
    m.put("comment", comment);
    m.put("clearedAt", clearedAt);
    m.put("shelvedAt", state == AlarmState.SHELVED ? shelvedAt : null);
    m.put("shelvedUntil", state == AlarmState.SHELVED ? shelvedUntil : null);
    m.put("shelvedBy", state == AlarmState.SHELVED ? shelvedBy : null);
    m.put("updatedAt", updatedAt);
    // The storage archiver files a transition under "time".
    m.put("time", updatedAt);
    m.put("dataTime", dataTime);
    m.put("count", count);
    m.put("seq", seq);
    return new Alarm(m);
  }

  private String message() {
    String s = rule.message.replace("{dam}", dam)
        .replace("{value}", format(value))
        .replace("{limit}", format(limit))
        .replace("{channel}", channel == null ? "" : channel);
    if (s.contains("{detail}")) {
      return s.replace("{detail}", detail == null ? "" : detail);
    }
    return detail == null ? s : s + " (" + detail + ")";
  }

  private static Double finite(double d) {
    return Double.isFinite(d) ? d : null;
  }

  private static String format(double d) {
    if (!Double.isFinite(d)) {
      return "-";
    }
    return String.format(Locale.ROOT, Math.abs(d) >= 100 ? "%.2f" : "%.3f", d);
  }
}
