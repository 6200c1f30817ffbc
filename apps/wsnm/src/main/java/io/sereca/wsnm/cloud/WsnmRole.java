package io.sereca.wsnm.cloud;

/** What one WSNM process runs ({@code sereca wsnm --role ...}); the embedded demo runs them all. */
public enum WsnmRole {
  /** The configuration and attestation service, configured with the WSNM manifest. */
  CAS,
  /** The SIMULATED Modbus data loggers of the seven dams. */
  SIMULATOR,
  /** The data collector: polls the loggers, store-and-forward, its enclave seals the scans. */
  COLLECTOR,
  /** The cache archiver (secure verticle). */
  CACHE,
  /** The alarm manager (secure verticle). */
  ALARMS,
  /** The storage archiver (secure verticle) and the untrusted record store behind it. */
  STORAGE,
  /** The web proxy (dashboard, SockJS bridge) and its web gateway (secure verticle). */
  WEB;

  /** The role named {@code name} (case-insensitive), with an error listing the roles. */
  public static WsnmRole parse(String name) {
    for (WsnmRole r : values()) {
      if (r.name().equalsIgnoreCase(name.trim())) {
        return r;
      }
    }
    throw new IllegalArgumentException("unknown WSNM role '" + name
        + "' (cas, simulator, collector, cache, alarms, storage, web)");
  }
}
