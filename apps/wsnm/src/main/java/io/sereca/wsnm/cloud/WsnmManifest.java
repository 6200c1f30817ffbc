package io.sereca.wsnm.cloud;

import io.sereca.wsnm.data.WsnmAddresses;
import java.util.Map;
import java.util.Objects;

/**
 * The CAS manifest of a WSNM deployment: one service per {@link WsnmService}, pinned to its
 * bundle's measurement; the three route keys and who sends and receives on each route; the
 * storage key (delivered to the storage archiver only); the dashboard users (a user secret,
 * uploaded encrypted, delivered to the web gateway as {@code /etc/wsnm/users.json}).
 *
 * <p>The manifest holds no secret value: the CAS generates the keys inside its enclave.
 */
public final class WsnmManifest {

  /** Name of the storage key secret (delivered as {@code sereca.secret.wsnm-storage-key}). */
  public static final String STORAGE_KEY = "wsnm-storage-key";
  /** Name of the user secret holding the dashboard users file. */
  public static final String USERS_SECRET = "wsnm-users";
  /** Where the web gateway reads the users file. */
  public static final String USERS_FILE = "/etc/wsnm/users.json";
  /** The manifest user that owns the deployment. */
  public static final String OWNER = "owner";

  private WsnmManifest() {}

  /**
   * The manifest text.
   *
   * @param measurements each service's bundle measurement (hex)
   * @param ownerPublicKey the owner's Ed25519 public key (base64 SubjectPublicKeyInfo)
   * @param allowSimulation whether simulated evidence is accepted (the embedded demo: true, and it
   *     says so; production: false)
   */
  public static String yaml(Map<WsnmService, String> measurements, String ownerPublicKey, boolean allowSimulation) {
    Objects.requireNonNull(ownerPublicKey, "ownerPublicKey");
    StringBuilder y = new StringBuilder();
    y.append("name: wsnm\n");
    y.append("updateThreshold: 1\n");
    y.append("policy:\n  allowSimulation: ").append(allowSimulation).append('\n');
    y.append("users:\n  ").append(OWNER).append(": {publicKey: \"").append(ownerPublicKey).append("\"")
        .append(", roles: [update, secrets, audit]}\n");
    y.append("secrets:\n");
    for (String key : new String[] {WsnmAddresses.KEY_READINGS, WsnmAddresses.KEY_QUERY, WsnmAddresses.KEY_ALARMS,
        STORAGE_KEY}) {
      y.append("  ").append(key).append(": {type: symmetric, size: 256}\n");
    }
    y.append("  ").append(USERS_SECRET).append(": {type: user}\n");
    y.append("services:\n");
    for (WsnmService s : WsnmService.values()) {
      String m = measurements.get(s);
      if (m == null) {
        throw new IllegalArgumentException("no measurement for service " + s.serviceName());
      }
      y.append("  ").append(s.serviceName()).append(":\n");
      y.append("    identities: [{measurement: \"").append(m).append("\"}]\n");
      y.append("    maxInstances: 4\n");
      if (s == WsnmService.STORAGE) {
        y.append("    secrets: [").append(STORAGE_KEY).append("]\n");
      }
      if (s == WsnmService.WEB) {
        y.append("    files: {").append(USERS_FILE).append(": \"{{").append(USERS_SECRET).append("}}\"}\n");
      }
    }
    String collector = WsnmService.COLLECTOR.serviceName();
    String cache = WsnmService.CACHE.serviceName();
    String alarms = WsnmService.ALARMS.serviceName();
    String storage = WsnmService.STORAGE.serviceName();
    String web = WsnmService.WEB.serviceName();
    y.append("routes:\n");
    route(y, WsnmAddresses.READINGS, WsnmAddresses.KEY_READINGS, collector, cache + ", " + alarms);
    route(y, "wsnm.ingest.*", WsnmAddresses.KEY_READINGS, collector, storage);
    route(y, "wsnm.cache.*", WsnmAddresses.KEY_QUERY, web + ", " + alarms, cache);
    route(y, "wsnm.storage.*", WsnmAddresses.KEY_QUERY, web + ", " + alarms, storage);
    route(y, "wsnm.alarms.*", WsnmAddresses.KEY_ALARMS, web + ", " + alarms, alarms + ", " + web);
    return y.toString();
  }

  private static void route(StringBuilder y, String address, String key, String senders, String receivers) {
    y.append("  - address: \"").append(address).append("\"\n");
    y.append("    key: ").append(key).append('\n');
    y.append("    senders: [").append(senders).append("]\n");
    y.append("    receivers: [").append(receivers).append("]\n");
  }
}
