package io.sereca.cas.internal.core;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Instances holding secrets, per service, for {@code maxInstances}. An instance gets a lease when
 * it is provisioned, renews it each time it is provisioned again (rotation) and releases it when
 * it stops; a lease that is not renewed expires. Kept in memory only: after a CAS restart every
 * instance re-registers at its next provisioning.
 */
final class Leases {

  private static final SecureRandom RANDOM = new SecureRandom();

  private record Lease(String service, long expiry) {}

  private final long ttlMillis;
  private final Map<String, Lease> leases = new LinkedHashMap<>();

  Leases(long ttlMillis) {
    this.ttlMillis = ttlMillis;
  }

  /**
   * Grants or renews a lease.
   *
   * @param renew the instance's current lease id, or null
   * @return the lease id, or null if the service already has {@code max} other live instances
   */
  String acquire(String service, String renew, int max, long now) {
    leases.values().removeIf(l -> l.expiry() < now);
    if (renew != null) {
      Lease old = leases.get(renew);
      if (old != null && old.service().equals(service)) {
        leases.put(renew, new Lease(service, now + ttlMillis));
        return renew;
      }
    }
    long live = leases.values().stream().filter(l -> l.service().equals(service)).count();
    if (live >= max) {
      return null;
    }
    byte[] id = new byte[16];
    RANDOM.nextBytes(id);
    String lease = HexFormat.of().formatHex(id);
    leases.put(lease, new Lease(service, now + ttlMillis));
    return lease;
  }

  /** Ends a lease; unknown ids are ignored. */
  void release(String lease) {
    leases.remove(lease);
  }

  /** Ends every lease of services the manifest no longer has. */
  void retainServices(java.util.Set<String> services) {
    leases.values().removeIf(l -> !services.contains(l.service()));
  }

  /** Live leases of a service. */
  long count(String service, long now) {
    return leases.values().stream().filter(l -> l.service().equals(service) && l.expiry() >= now).count();
  }
}
