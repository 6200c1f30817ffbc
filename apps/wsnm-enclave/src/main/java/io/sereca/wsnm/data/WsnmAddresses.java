package io.sereca.wsnm.data;

/**
 * The event-bus addresses of the WSNM application and the keys that protect them. Every service
 * (collector, cache, alarms, storage, web gateway) agrees on this mapping; keys are named here,
 * never chosen by a message. All protected addresses carry JSON bodies (UTF-8).
 *
 * <p>Unprotected addresses ({@code wsnm.db.*}, {@code wsnm.collector.*}, {@code wsnm.web.*}) only
 * ever carry ciphertext or data that is already known to the host that handles them; see
 * docs/wsnm.md.
 */
public final class WsnmAddresses {

  private WsnmAddresses() {}

  /** Key of live readings and ingestion. */
  public static final String KEY_READINGS = "wsnm-readings";
  /** Key of queries to the cache and storage archivers. */
  public static final String KEY_QUERY = "wsnm-query";
  /** Key of alarm queries, commands and events. */
  public static final String KEY_ALARMS = "wsnm-alarms";

  /** Publish, collector enclave → cache and alarm manager: one {@link Scan} per message. */
  public static final String READINGS = "wsnm.readings";
  /**
   * Request, collector enclave → storage archiver: one {@link Scan}; the reply
   * {@code {"ack":true,"key":"DAM/scan","duplicate":false}} is sent only once it is persisted.
   */
  public static final String INGEST_STORAGE = "wsnm.ingest.storage";

  /** Request → cache archiver: {@code {"op":"latest"[, "dam"]}}, {@code {"op":"window", ...}}. */
  public static final String CACHE_QUERY = "wsnm.cache.query";
  /** Request → storage archiver: {@code trend}, {@code csv}, {@code alarms}, {@code stats}. */
  public static final String STORAGE_QUERY = "wsnm.storage.query";
  /** Send, alarm manager → storage archiver: one alarm transition to keep in the history. */
  public static final String STORAGE_ALARM = "wsnm.storage.alarm";
  /** Request → alarm manager: {@code {"op":"active"}}, {@code {"op":"history"}}. */
  public static final String ALARMS_QUERY = "wsnm.alarms.query";
  /** Request → alarm manager: {@code ack}, {@code shelve}, {@code unshelve}, each naming user and comment. */
  public static final String ALARMS_COMMAND = "wsnm.alarms.command";
  /** Publish, alarm manager → anyone: every alarm state change. */
  public static final String ALARMS_EVENTS = "wsnm.alarms.events";

  /**
   * Unprotected, alarm manager host → alarm manager enclave: an empty message every second, so
   * absence of data and shelving expiry are evaluated when no scan arrives. Carries nothing; a
   * host that withholds it delays those alarms (see docs/wsnm-alarms.md).
   */
  public static final String TICK_ALARMS = "wsnm.tick.alarms";

  /** Prefix of the untrusted record store's addresses (ciphertext records only). */
  public static final String DB_PREFIX = "wsnm.db.";
  /** Request, storage enclave → its host's record store: store ciphertext records ({@link StoreFrames}). */
  public static final String DB_PUT = DB_PREFIX + "put";
  /** Request, storage enclave → record store: one page of rows in a coarse time range. */
  public static final String DB_SCAN = DB_PREFIX + "scan";
  /** Request, storage enclave → record store: delete a stream's rows older than a time. */
  public static final String DB_DELETE_BEFORE = DB_PREFIX + "delete-before";
  /** Request, storage enclave → record store: row counts and time span per stream. */
  public static final String DB_STATS = DB_PREFIX + "stats";
  /**
   * Send, storage host → storage enclave, unprotected and empty: "apply the configured retention
   * now". The host can only choose when; the enclave alone decides what is old enough.
   */
  public static final String TICK_STORAGE = "wsnm.tick.storage";
  /** Prefix of the collector host → collector enclave addresses. */
  public static final String COLLECTOR_PREFIX = "wsnm.collector.";
  /** Prefix of the web proxy host ↔ web gateway enclave addresses (session-encrypted payloads). */
  public static final String WEB_PREFIX = "wsnm.web.";

  /** The route table text every participant uses ({@code RouteTable.parse}). */
  public static final String ROUTES = String.join("\n",
      READINGS + " = " + KEY_READINGS,
      "wsnm.ingest.* = " + KEY_READINGS,
      "wsnm.cache.* = " + KEY_QUERY,
      "wsnm.storage.* = " + KEY_QUERY,
      "wsnm.alarms.* = " + KEY_ALARMS,
      "");
}
