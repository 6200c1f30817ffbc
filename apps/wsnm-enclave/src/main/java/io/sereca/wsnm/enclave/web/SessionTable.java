package io.sereca.wsnm.enclave.web;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The gateway's live sessions, bounded, expired by idle time and by absolute age. The enclave has
 * no timer: expiry is checked on every use and swept when the host ticks.
 */
public final class SessionTable {

  /** Most live sessions at once. */
  public static final int MAX_SESSIONS = 1024;

  private final Map<String, GatewaySession> sessions = new LinkedHashMap<>();
  private long idleMillis = UserDirectory.DEFAULT_IDLE_SECONDS * 1000L;
  private long maxMillis = UserDirectory.DEFAULT_MAX_SECONDS * 1000L;

  /** Sets the limits (from users.json). */
  public void limits(long idleMillis, long maxMillis) {
    this.idleMillis = idleMillis;
    this.maxMillis = maxMillis;
  }

  /** Idle timeout in milliseconds. */
  public long idleMillis() {
    return idleMillis;
  }

  /** Whether another session fits. */
  public boolean full() {
    return sessions.size() >= MAX_SESSIONS;
  }

  void add(GatewaySession s) {
    sessions.put(s.id(), s);
  }

  /** The session if it exists (expired or not). */
  GatewaySession get(String id) {
    return sessions.get(id);
  }

  boolean expired(GatewaySession s, long now) {
    return now - s.lastSeen() > idleMillis || now - s.createdAt() > maxMillis;
  }

  GatewaySession remove(String id) {
    return sessions.remove(id);
  }

  /** Removes every expired session and returns their ids. */
  List<String> sweep(long now) {
    List<String> gone = new ArrayList<>();
    for (Iterator<GatewaySession> it = sessions.values().iterator(); it.hasNext();) {
      GatewaySession s = it.next();
      if (expired(s, now)) {
        it.remove();
        gone.add(s.id());
      }
    }
    return gone;
  }

  /** Removes every session (the user directory changed). */
  List<String> clear() {
    List<String> gone = new ArrayList<>(sessions.keySet());
    sessions.clear();
    return gone;
  }

  Collection<GatewaySession> live() {
    return sessions.values();
  }

  /** Number of sessions held. */
  public int size() {
    return sessions.size();
  }
}
