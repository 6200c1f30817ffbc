package io.sereca.wsnm.enclave;

import io.sereca.enclave.EnclaveApp;
import io.sereca.enclave.EnclaveContext;
import io.sereca.enclave.EnclaveMessage;
import io.sereca.enclave.ReplyException;
import io.sereca.wsnm.data.Scan;
import io.sereca.wsnm.data.WsnmAddresses;
import io.sereca.wsnm.json.Fields;
import io.sereca.wsnm.json.Json;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The collector enclave (dam side). Its host, the data collector verticle, hands it each
 * buffered scan on the unprotected address {@link #SCAN_ADDRESS} (local-only: each collector host
 * talks to its own enclave). The app validates the scan, publishes it on {@link
 * WsnmAddresses#READINGS} and requests {@link WsnmAddresses#INGEST_STORAGE} (both protected: the
 * runtime seals them under the route key it received through attestation), and replies
 * {@code {"acked":true,"duplicate":…}} to the host only once storage acknowledged it; otherwise it
 * fails the request with 503 and the host keeps the scan buffered. A bad scan fails with 400.
 *
 * <p>What it protects: the route keys never leave the enclave, so the collector host cannot forge
 * or alter readings on the bus, and nobody on the way to the cloud can read them. What it does
 * not: the host reads the plaintext from the logger anyway (the dam site is the owner's premises),
 * and could feed the enclave false scans: integrity starts at the logger's wire.
 *
 * <p>The relay registers {@link #SCAN_ADDRESS} like any consumer, i.e. cluster-wide: local-only
 * delivery reaches it, but so could a send from another node. With the provisioned env
 * {@code WSNM_COLLECTOR_TOKEN} the app accepts a scan only with that token in header {@link
 * #TOKEN_HEADER} (the host has it in its config; local-only sends never leave the node), else 403.
 *
 * <p>Provisioned env {@code WSNM_STORAGE_TIMEOUT_MS} (default 10000) bounds the wait for storage;
 * keep it below the host's delivery timeout.
 */
public final class CollectorApp implements EnclaveApp {

  /** Unprotected host → enclave address of one scan. */
  public static final String SCAN_ADDRESS = WsnmAddresses.COLLECTOR_PREFIX + "scan";
  /** Header carrying the host's token, when a token is provisioned. */
  public static final String TOKEN_HEADER = "wsnm-collector-token";
  /** Default wait for storage's acknowledgement. */
  public static final long DEFAULT_STORAGE_TIMEOUT_MILLIS = 10_000;

  private EnclaveContext ctx;
  private long storageTimeoutMillis = DEFAULT_STORAGE_TIMEOUT_MILLIS;
  private byte[] token;
  private boolean warnedNoToken;

  /** Required by the runtime. */
  public CollectorApp() {}

  @Override
  public void init(EnclaveContext context) {
    this.ctx = context;
    context.onProvisioned(secrets -> secrets.env("WSNM_COLLECTOR_TOKEN").ifPresent(v ->
        token = v.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    context.onProvisioned(secrets -> secrets.env("WSNM_STORAGE_TIMEOUT_MS").ifPresent(v -> {
      try {
        long t = Long.parseLong(v.trim());
        if (t >= 1 && t <= 600_000) {
          storageTimeoutMillis = t;
          return;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      ctx.log().warn("WSNM_STORAGE_TIMEOUT_MS is not 1..600000 ms; keeping " + storageTimeoutMillis);
    }));
    context.register(SCAN_ADDRESS, this::onScan);
  }

  private void onScan(EnclaveMessage m) {
    if (!m.isRequest()) {
      // Without a reply address the host cannot learn the outcome: refuse rather than half-deliver.
      ctx.log().warn("scan sent without a reply address: ignored (the host must request)");
      return;
    }
    if (token != null) {
      String given = m.headers().get(TOKEN_HEADER);
      // Constant time: the token is what keeps other cluster nodes from feeding this enclave.
      if (given == null || !java.security.MessageDigest.isEqual(token,
          given.getBytes(java.nio.charset.StandardCharsets.UTF_8))) {
        m.fail(403, "missing or wrong " + TOKEN_HEADER);
        return;
      }
    } else if (!warnedNoToken) {
      warnedNoToken = true;
      ctx.log().warn("no WSNM_COLLECTOR_TOKEN provisioned: any node of a clustered bus can hand this enclave scans");
    }
    Scan scan;
    try {
      scan = Scan.fromJson(m.body());
    } catch (IllegalArgumentException e) {
      // Goes back to the host that sent it: it names the field at fault.
      m.fail(400, "bad scan: " + e.getMessage());
      return;
    }
    byte[] canonical = scan.toJson();
    String key = scan.key();
    ctx.publish(WsnmAddresses.READINGS, canonical);
    ctx.request(WsnmAddresses.INGEST_STORAGE, Map.of(), canonical, storageTimeoutMillis).whenComplete((reply, err) -> {
      if (err != null) {
        Throwable t = err instanceof java.util.concurrent.CompletionException && err.getCause() != null
            ? err.getCause() : err;
        String why = t instanceof ReplyException ? "code " + ((ReplyException) t).code() : t.getClass().getSimpleName();
        m.fail(503, "storage did not acknowledge " + key + " (" + why + ")");
        return;
      }
      try {
        Fields f = Fields.parse(reply.body(), "storage ack");
        if (!f.bool("ack", false) || !key.equals(f.string("key", key))) {
          m.fail(503, "storage did not acknowledge " + key);
          return;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("acked", true);
        out.put("key", key);
        out.put("duplicate", f.bool("duplicate", false));
        m.reply(Json.writeBytes(out));
      } catch (IllegalArgumentException e) {
        m.fail(503, "unreadable storage acknowledgement for " + key);
      }
    });
  }

  /** For tests and logs: the storage timeout in force. */
  long storageTimeoutMillis() {
    return storageTimeoutMillis;
  }
}
