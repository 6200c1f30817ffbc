package io.sereca.wsnm.enclave;

import io.sereca.enclave.EnclaveApp;
import io.sereca.enclave.EnclaveContext;
import io.sereca.enclave.EnclaveMessage;
import io.sereca.enclave.ProvisionedSecrets;
import io.sereca.wsnm.data.Scan;
import io.sereca.wsnm.data.StoreFrames;
import io.sereca.wsnm.data.StoreRow;
import io.sereca.wsnm.data.WsnmAddresses;
import io.sereca.wsnm.enclave.store.AlarmRecord;
import io.sereca.wsnm.enclave.store.PutPipeline;
import io.sereca.wsnm.enclave.store.QueryFailure;
import io.sereca.wsnm.enclave.store.RecordSealer;
import io.sereca.wsnm.enclave.store.ScanRecord;
import io.sereca.wsnm.enclave.store.StorageQueries;
import io.sereca.wsnm.json.Fields;
import io.sereca.wsnm.json.Json;
import java.security.GeneralSecurityException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The WSNM storage archiver: every scan and alarm transition is encrypted and authenticated here,
 * under keys derived from the provisioned {@code wsnm-storage-key}, and handed to the host's
 * untrusted database ({@code wsnm.db.*}) as opaque rows; queries read them back, check them and
 * answer in the enclave.
 *
 * <ul>
 *   <li>{@link WsnmAddresses#INGEST_STORAGE} (request, a {@link Scan}): acknowledged with
 *       {@code {"ack":true,"key":"DAM/42","duplicate":false}} only once the host confirmed the
 *       write; (dam, scan counter) is de-duplicated through the keyed record id;
 *   <li>{@link WsnmAddresses#STORAGE_ALARM} (send or request): one alarm transition into the history;
 *   <li>{@link WsnmAddresses#STORAGE_QUERY}: see {@link StorageQueries};
 *   <li>{@link WsnmAddresses#TICK_STORAGE} (unprotected, empty): apply the retention
 *       ({@code WSNM_RETENTION_DAYS}, default 365).
 * </ul>
 *
 * <p>Fails closed: without a 32-byte storage key every request is refused with 503.
 */
public final class StorageArchiverApp implements EnclaveApp {

  /** Env variable (CAS manifest) holding the retention in days. */
  public static final String RETENTION_ENV = "WSNM_RETENTION_DAYS";
  /** Retention without the env variable. */
  public static final int DEFAULT_RETENTION_DAYS = 365;

  private EnclaveContext context;
  private RecordSealer sealer;
  private PutPipeline puts;
  private StorageQueries queries;
  private final StorageQueries.Counters counters = new StorageQueries.Counters();
  private boolean purging;

  /** The runtime instantiates the app. */
  public StorageArchiverApp() {}

  @Override
  public void init(EnclaveContext context) {
    this.context = context;
    this.puts = new PutPipeline(context);
    this.queries = new StorageQueries(context, counters);
    context.onProvisioned(this::provisioned);
    provisioned(context.secrets());
    context.register(WsnmAddresses.INGEST_STORAGE, this::ingest);
    context.register(WsnmAddresses.STORAGE_ALARM, this::alarm);
    context.register(WsnmAddresses.STORAGE_QUERY, this::query);
    context.register(WsnmAddresses.TICK_STORAGE, this::tick);
  }

  private void provisioned(ProvisionedSecrets secrets) {
    Optional<byte[]> key = secrets.get(RecordSealer.SECRET);
    if (key.isPresent()) {
      try {
        sealer = RecordSealer.create(key.get());
      } catch (IllegalArgumentException | GeneralSecurityException e) {
        sealer = null;
        context.log().error("storage: the provisioned " + RecordSealer.SECRET + " is unusable ("
            + e.getMessage() + "); refusing every request");
      } finally {
        java.util.Arrays.fill(key.get(), (byte) 0);
      }
    }
    Optional<String> days = secrets.env(RETENTION_ENV);
    counters.retentionDays = DEFAULT_RETENTION_DAYS;
    if (days.isPresent()) {
      try {
        int d = Integer.parseInt(days.get().trim());
        if (d < 1 || d > StorageQueries.MAX_RETENTION_DAYS) {
          throw new NumberFormatException();
        }
        counters.retentionDays = d;
      } catch (NumberFormatException e) {
        context.log().warn("storage: " + RETENTION_ENV + " must be 1.." + StorageQueries.MAX_RETENTION_DAYS
            + " days; keeping " + DEFAULT_RETENTION_DAYS);
      }
    }
  }

  private boolean refuseWithoutKey(EnclaveMessage m) {
    if (sealer != null) {
      return false;
    }
    if (m.isRequest()) {
      m.fail(QueryFailure.UNAVAILABLE, "storage key not provisioned");
    }
    return true;
  }

  private void ingest(EnclaveMessage m) throws GeneralSecurityException {
    if (refuseWithoutKey(m)) {
      return;
    }
    Scan scan;
    try {
      scan = Scan.fromJson(m.body());
    } catch (IllegalArgumentException e) {
      counters.rejected++;
      reply(m, new QueryFailure(QueryFailure.BAD_REQUEST, e.getMessage()));
      return;
    }
    byte[] series = sealer.series(StoreFrames.STREAM_READINGS, scan.dam());
    StoreRow row = sealer.seal(StoreFrames.STREAM_READINGS, sealer.scanId(scan.dam(), scan.scan()),
        series, ScanRecord.time(scan), ScanRecord.encode(scan));
    String key = scan.key();
    puts.put(row, new PutPipeline.Callback() {
      @Override
      public void stored(boolean duplicate) {
        if (duplicate) {
          counters.duplicates++;
        } else {
          counters.ingested++;
        }
        if (m.isRequest()) {
          Map<String, Object> ack = new LinkedHashMap<>();
          ack.put("ack", true);
          ack.put("key", key);
          ack.put("duplicate", duplicate);
          m.reply(Json.writeBytes(ack));
        }
      }

      @Override
      public void failed(QueryFailure failure) {
        reply(m, failure);
      }
    });
  }

  private void alarm(EnclaveMessage m) throws GeneralSecurityException {
    if (refuseWithoutKey(m)) {
      return;
    }
    AlarmRecord a;
    try {
      a = AlarmRecord.of(Fields.parse(m.body(), "alarm"));
    } catch (IllegalArgumentException e) {
      counters.rejected++;
      if (!m.isRequest()) {
        context.log().warn("storage: dropped a malformed alarm transition: " + e.getMessage());
      }
      reply(m, new QueryFailure(QueryFailure.BAD_REQUEST, e.getMessage()));
      return;
    }
    StoreRow row = sealer.seal(StoreFrames.STREAM_ALARMS, sealer.alarmId(a.json),
        sealer.series(StoreFrames.STREAM_ALARMS, a.dam), a.time, a.bytes());
    puts.put(row, new PutPipeline.Callback() {
      @Override
      public void stored(boolean duplicate) {
        if (duplicate) {
          counters.duplicates++;
        } else {
          counters.alarms++;
        }
        if (m.isRequest()) {
          m.reply(Json.writeBytes(Map.of("ack", true, "duplicate", duplicate)));
        }
      }

      @Override
      public void failed(QueryFailure failure) {
        if (!m.isRequest()) {
          context.log().error("storage: an alarm transition was not stored: " + failure.getMessage());
        }
        reply(m, failure);
      }
    });
  }

  private void query(EnclaveMessage m) {
    if (refuseWithoutKey(m)) {
      return;
    }
    if (!m.isRequest()) {
      return;
    }
    StorageQueries.Answer answer = new StorageQueries.Answer() {
      @Override
      public void ok(Map<String, Object> body) {
        m.reply(Json.writeBytes(body));
      }

      @Override
      public void failed(QueryFailure failure) {
        reply(m, failure);
      }
    };
    try {
      queries.run(sealer, Fields.parse(m.body(), "query"), answer);
    } catch (QueryFailure f) {
      counters.rejected++;
      reply(m, f);
    } catch (IllegalArgumentException e) {
      counters.rejected++;
      reply(m, new QueryFailure(QueryFailure.BAD_REQUEST, e.getMessage()));
    }
  }

  private void tick(EnclaveMessage m) {
    if (sealer == null || purging) {
      if (m.isRequest()) {
        m.reply(new byte[0]);
      }
      return;
    }
    purging = true;
    queries.retention(counters.retentionDays, new StorageQueries.Answer() {
      @Override
      public void ok(Map<String, Object> body) {
        purging = false;
        if (m.isRequest()) {
          m.reply(new byte[0]);
        }
      }

      @Override
      public void failed(QueryFailure failure) {
        purging = false;
        context.log().warn("storage: retention failed: " + failure.getMessage());
        if (m.isRequest()) {
          m.reply(new byte[0]);
        }
      }
    });
  }

  private static void reply(EnclaveMessage m, QueryFailure f) {
    if (m.isRequest()) {
      String text = f.getMessage() == null ? "" : f.getMessage();
      m.fail(f.code(), text.length() > 1000 ? text.substring(0, 1000) + "..." : text);
    }
  }
}
