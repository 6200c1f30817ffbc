package io.sereca.wsnm.enclave.store;

import io.sereca.wsnm.data.Reading;
import io.sereca.wsnm.data.Scan;
import java.time.Instant;

/**
 * A CSV export of readings, one row per (scan, channel), bounded in size. Columns:
 * {@value #HEADER}; times are ISO-8601 UTC, {@code time} the record time (collector clock).
 */
public final class CsvTable {

  /** The header row. */
  public static final String HEADER = "time,dam,scan,loggerTime,channel,value,quality,ageSeconds";
  /** Default bound on the text (characters). */
  public static final int DEFAULT_MAX_CHARS = 4 << 20;

  private final StringBuilder out = new StringBuilder(4096);
  private final int maxChars;
  private long rows;

  /** An empty table holding only the header. */
  public CsvTable(int maxChars) {
    this.maxChars = maxChars;
    out.append(HEADER).append("\r\n");
  }

  /**
   * Adds the readings of {@code scan} (only {@code channel}'s when it is not null).
   *
   * @throws QueryFailure (413) once the text would pass the bound
   */
  public void add(Scan scan, String channel) throws QueryFailure {
    String time = Instant.ofEpochMilli(ScanRecord.time(scan)).toString();
    String loggerTime = Instant.ofEpochSecond(scan.loggerTime()).toString();
    for (Reading r : scan.readings()) {
      if (channel != null && !channel.equals(r.channel())) {
        continue;
      }
      out.append(time).append(',').append(cell(scan.dam())).append(',').append(scan.scan()).append(',')
          .append(loggerTime).append(',').append(cell(r.channel())).append(',').append(r.value()).append(',')
          .append(r.quality()).append(',').append(r.ageSeconds()).append("\r\n");
      rows++;
      if (out.length() > maxChars) {
        throw new QueryFailure(QueryFailure.TOO_LARGE, "the CSV would exceed " + maxChars
            + " characters; ask for a shorter time range or one channel");
      }
    }
  }

  /** Data rows so far. */
  public long rows() {
    return rows;
  }

  /** The CSV text. */
  public String text() {
    return out.toString();
  }

  /** Names are [A-Za-z0-9_:-]; one starting with '-' could read as a spreadsheet formula. */
  private static String cell(String name) {
    return name.startsWith("-") ? "'" + name : name;
  }
}
