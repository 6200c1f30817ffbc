package io.sereca.wsnm.store;

import io.sereca.host.HostOptions;
import io.sereca.wsnm.store.internal.DatabaseUrl;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Options of a {@link RecordStoreVerticle}, as a data object (no-arg, copy and JSON
 * constructors; unknown JSON keys are errors).
 *
 * <p>{@code url} selects the database: {@code sqlite:/path/to/file.db} (the default,
 * {@code sqlite:<dataDirectory>/wsnm-records.db}) or
 * {@code postgresql://user:password@host:5432/db} (what {@code --db} passes on the command
 * line). The database only ever holds ciphertext rows; see docs/wsnm-storage.md.
 */
public final class RecordStoreOptions {

  /** File name of the default SQLite database. */
  public static final String DEFAULT_SQLITE_FILE = "wsnm-records.db";
  /** Default records per write transaction at most. */
  public static final int DEFAULT_MAX_BATCH_RECORDS = 4096;
  /** Default interval of the retention tick sent to the storage enclave (1 hour); 0 disables it. */
  public static final long DEFAULT_TICK_INTERVAL_MILLIS = 3_600_000;
  /** Default bound on one scan reply's ciphertext bytes. */
  public static final int DEFAULT_MAX_PAGE_BYTES = 4 << 20;

  private String url;
  private String dataDirectory = HostOptions.defaultDataDirectory().toString();
  private int maxBatchRecords = DEFAULT_MAX_BATCH_RECORDS;
  private long tickIntervalMillis = DEFAULT_TICK_INTERVAL_MILLIS;
  private int maxPageBytes = DEFAULT_MAX_PAGE_BYTES;

  /** Defaults: SQLite in the data directory, hourly retention ticks. */
  public RecordStoreOptions() {}

  /** Copy constructor. */
  public RecordStoreOptions(RecordStoreOptions other) {
    this.url = other.url;
    this.dataDirectory = other.dataDirectory;
    this.maxBatchRecords = other.maxBatchRecords;
    this.tickIntervalMillis = other.tickIntervalMillis;
    this.maxPageBytes = other.maxPageBytes;
  }

  /**
   * From JSON (a verticle's config).
   *
   * @throws IllegalArgumentException naming an unknown key or a bad value
   */
  public RecordStoreOptions(JsonObject json) {
    for (String key : json.fieldNames()) {
      Object v = json.getValue(key);
      try {
        switch (key) {
          case "url": setUrl((String) v); break;
          case "dataDirectory": setDataDirectory((String) v); break;
          case "maxBatchRecords": setMaxBatchRecords(((Number) v).intValue()); break;
          case "tickIntervalMillis": setTickIntervalMillis(((Number) v).longValue()); break;
          case "maxPageBytes": setMaxPageBytes(((Number) v).intValue()); break;
          default:
            throw new IllegalArgumentException("record store config has unknown key '" + key
                + "' (known: url, dataDirectory, maxBatchRecords, tickIntervalMillis, maxPageBytes)");
        }
      } catch (ClassCastException | NullPointerException e) {
        throw new IllegalArgumentException("record store config: '" + key + "' has the wrong type");
      }
    }
  }

  /** As JSON (the url as configured, password included: it is configuration). */
  public JsonObject toJson() {
    JsonObject j = new JsonObject().put("dataDirectory", dataDirectory).put("maxBatchRecords", maxBatchRecords)
        .put("tickIntervalMillis", tickIntervalMillis).put("maxPageBytes", maxPageBytes);
    if (url != null) {
      j.put("url", url);
    }
    return j;
  }

  /** The configured url, or null for the default SQLite file. */
  public String getUrl() {
    return url;
  }

  /** The url in effect: the configured one or {@code sqlite:<dataDirectory>/wsnm-records.db}. */
  public String effectiveUrl() {
    return url != null ? url : "sqlite:" + Path.of(dataDirectory).resolve(DEFAULT_SQLITE_FILE);
  }

  /**
   * Sets the database url.
   *
   * @throws IllegalArgumentException unless it is {@code sqlite:<path>} or
   *     {@code postgresql://user:password@host:port/db}
   */
  public RecordStoreOptions setUrl(String url) {
    if (url != null) {
      DatabaseUrl.parse(url);
    }
    this.url = url;
    return this;
  }

  /** Directory of the default SQLite file. */
  public String getDataDirectory() {
    return dataDirectory;
  }

  /** Sets the directory of the default SQLite file. */
  public RecordStoreOptions setDataDirectory(String dataDirectory) {
    this.dataDirectory = Objects.requireNonNull(dataDirectory, "dataDirectory");
    return this;
  }

  /** Records per write transaction at most. */
  public int getMaxBatchRecords() {
    return maxBatchRecords;
  }

  /**
   * Sets the records per write transaction at most.
   *
   * @throws IllegalArgumentException outside 1..100000
   */
  public RecordStoreOptions setMaxBatchRecords(int maxBatchRecords) {
    if (maxBatchRecords < 1 || maxBatchRecords > 100_000) {
      throw new IllegalArgumentException("maxBatchRecords " + maxBatchRecords + " is outside 1..100000");
    }
    this.maxBatchRecords = maxBatchRecords;
    return this;
  }

  /** Interval of the retention tick, ms; 0 means no tick. */
  public long getTickIntervalMillis() {
    return tickIntervalMillis;
  }

  /**
   * Sets the interval of the empty message sent to {@code wsnm.tick.storage}.
   *
   * @throws IllegalArgumentException if negative or between 1 and 999 ms
   */
  public RecordStoreOptions setTickIntervalMillis(long tickIntervalMillis) {
    if (tickIntervalMillis < 0 || (tickIntervalMillis > 0 && tickIntervalMillis < 1000)) {
      throw new IllegalArgumentException("tickIntervalMillis must be 0 (off) or at least 1000");
    }
    this.tickIntervalMillis = tickIntervalMillis;
    return this;
  }

  /** Bound on one scan reply's ciphertext bytes. */
  public int getMaxPageBytes() {
    return maxPageBytes;
  }

  /**
   * Sets the bound on one scan reply's ciphertext bytes (a page always holds at least one row).
   *
   * @throws IllegalArgumentException outside 64 KiB..12 MiB (replies cross a 16 MiB frame)
   */
  public RecordStoreOptions setMaxPageBytes(int maxPageBytes) {
    if (maxPageBytes < 64 * 1024 || maxPageBytes > 12 << 20) {
      throw new IllegalArgumentException("maxPageBytes " + maxPageBytes + " is outside 65536..12582912");
    }
    this.maxPageBytes = maxPageBytes;
    return this;
  }

  @Override
  public String toString() {
    return "RecordStoreOptions[" + DatabaseUrl.parse(effectiveUrl()) + "]";
  }
}
