package io.sereca.enclave.bus;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Versioned route keys. The newest active version of a name is used for sending; older versions
 * are still accepted for a grace period after a newer one became active (rotation without losing
 * messages in flight), then refused. A version may be staged: accepted at once but used for sending
 * only from its activation time, so every receiver can hold it before any sender uses it.
 * Thread-safe.
 */
public final class KeyRing {

  private final long graceMillis;
  private final Map<String, TreeMap<Integer, Entry>> keys = new ConcurrentHashMap<>();
  // Per name, the newest version if it was active when last looked up (cleared by add and remove),
  // with the version map it came from: an entry left over from a removed name never matches.
  private final Map<String, Newest> newestActive = new ConcurrentHashMap<>();

  // Per name, the version last accepted, with the version map it came from: receivers ask for the
  // same version message after message, and entries are never replaced, only their maps dropped.
  private final Map<String, Accepted> lastAccepted = new ConcurrentHashMap<>();

  private record Newest(TreeMap<Integer, Entry> versions, Entry entry) {}

  private record Accepted(TreeMap<Integer, Entry> versions, int version, Entry entry) {}

  private static final class Entry {
    final RouteKey key;
    final long activeFrom;
    volatile long acceptUntil = Long.MAX_VALUE;

    Entry(RouteKey key, long activeFrom) {
      this.key = key;
      this.activeFrom = activeFrom;
    }
  }

  /**
   * Creates an empty ring.
   *
   * @param graceMillis how long a superseded version is still accepted
   */
  public KeyRing(long graceMillis) {
    if (graceMillis < 0) {
      throw new IllegalArgumentException("grace period must be >= 0");
    }
    this.graceMillis = graceMillis;
  }

  /**
   * Adds a key version, active at once. If it is newer than the current one, the older versions
   * start their grace period now. Re-adding an existing version with the same material is a no-op;
   * different material for an existing version is refused.
   */
  public void add(RouteKey key, long nowMillis) {
    add(key, nowMillis, nowMillis);
  }

  /**
   * Adds a key version that is accepted at once and used for sending from {@code activeFromMillis}
   * on. Older versions stay acceptable until the grace period after that time has passed.
   */
  public void add(RouteKey key, long nowMillis, long activeFromMillis) {
    TreeMap<Integer, Entry> versions = keys.computeIfAbsent(key.name(), n -> new TreeMap<>());
    synchronized (versions) {
      Entry existing = versions.get(key.version());
      if (existing != null) {
        if (!existing.key.equals(key)) {
          throw new IllegalArgumentException(key + " already exists with different material");
        }
        return;
      }
      newestActive.remove(key.name());
      boolean newest = versions.isEmpty() || key.version() > versions.lastKey();
      long activeFrom = Math.max(nowMillis, activeFromMillis);
      versions.put(key.version(), new Entry(key, activeFrom));
      if (newest) {
        for (Entry e : versions.headMap(key.version()).values()) {
          e.acceptUntil = Math.min(e.acceptUntil, activeFrom + graceMillis);
        }
      } else {
        versions.get(key.version()).acceptUntil = nowMillis + graceMillis;
      }
    }
  }

  /** Throws if {@link #add} would refuse {@code key} (same version, other material). */
  public void checkAddable(RouteKey key) {
    TreeMap<Integer, Entry> versions = keys.get(key.name());
    if (versions == null) {
      return;
    }
    synchronized (versions) {
      Entry existing = versions.get(key.version());
      if (existing != null && !existing.key.equals(key)) {
        throw new IllegalArgumentException(key + " already exists with different material");
      }
    }
  }

  /** Removes every version of a key (a route revoked). */
  public void remove(String name) {
    keys.remove(name);
    newestActive.remove(name);
    lastAccepted.remove(name);
  }

  /** The version to send with now: the newest active one. */
  public Optional<RouteKey> current(String name) {
    return current(name, System.currentTimeMillis());
  }

  /** The version to send with at {@code nowMillis}: the newest version active by then. */
  public Optional<RouteKey> current(String name, long nowMillis) {
    TreeMap<Integer, Entry> versions = keys.get(name);
    if (versions == null) {
      return Optional.empty();
    }
    // Fast path, without the lock: the newest version, once active, is the answer until a version
    // is added or the name removed (both clear the cache); its activeFrom never changes.
    Newest newest = newestActive.get(name);
    if (newest != null && newest.versions == versions && newest.entry.activeFrom <= nowMillis) {
      return Optional.of(newest.entry.key);
    }
    synchronized (versions) {
      Entry last = versions.isEmpty() ? null : versions.lastEntry().getValue();
      if (last != null && last.activeFrom <= nowMillis) {
        newestActive.put(name, new Newest(versions, last));
      }
      for (Entry e : versions.descendingMap().values()) {
        if (e.activeFrom <= nowMillis) {
          return Optional.of(e.key);
        }
      }
      // Only staged versions: the oldest of them is the best there is.
      return versions.isEmpty() ? Optional.empty() : Optional.of(versions.firstEntry().getValue().key);
    }
  }

  /** A version that may still be accepted at {@code nowMillis}. */
  public Optional<RouteKey> acceptable(String name, int version, long nowMillis) {
    TreeMap<Integer, Entry> versions = keys.get(name);
    if (versions == null) {
      return Optional.empty();
    }
    // Fast path, without the lock (a monitor per message showed in the receive profile): an
    // existing version's entry is never replaced, and its acceptUntil is volatile, so the cached
    // entry answers as the map would while the name still maps to the same version map.
    Accepted last = lastAccepted.get(name);
    Entry e;
    if (last != null && last.versions == versions && last.version == version) {
      e = last.entry;
    } else {
      synchronized (versions) {
        e = versions.get(version);
      }
      if (e != null) {
        lastAccepted.put(name, new Accepted(versions, version, e));
      }
    }
    return e == null || nowMillis > e.acceptUntil ? Optional.empty() : Optional.of(e.key);
  }
}
