package io.sereca.wsnm.data;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The binary framing of the untrusted record store's addresses ({@code wsnm.db.*}): what the
 * storage enclave asks its host's database and what it gets back. Both sides use this class; the
 * enclave decodes every reply as untrusted input (bounded, validated, nothing half-read).
 *
 * <p>All integers are big-endian. A tag (record id, series) is {@code u8 length + bytes}
 * (1..{@value #MAX_TAG} bytes), a blob {@code u32 length + bytes} (1..{@value #MAX_BLOB}).
 *
 * <pre>
 * put request     u16 n, n x (u8 stream, tag id, tag series, i64 time, blob ciphertext)
 * put reply       u16 n, n x u8 (0 stored, 1 duplicate)
 * scan request    u8 stream, u8 hasSeries [tag series], i64 from, i64 to,
 *                 u8 hasCursor [i64 afterTime, tag afterId], u32 limit
 * scan reply      u8 more, u32 n, n x (tag id, tag series, i64 time, blob ciphertext)
 * delete request  u8 stream, i64 before            reply  i64 rows deleted
 * stats request   (empty)                          reply  u8 n, n x (u8 stream, i64 rows, i64 oldest, i64 newest)
 * </pre>
 *
 * <p>Scan rows come ordered by (time, id); {@code time} is the coarse time column, {@code from}
 * inclusive, {@code to} exclusive; a cursor continues strictly after (afterTime, afterId).
 */
public final class StoreFrames {

  /** Stream of logger scans (one row per scan). */
  public static final int STREAM_READINGS = 0;
  /** Stream of alarm transitions. */
  public static final int STREAM_ALARMS = 1;
  /** Longest record id or series tag. */
  public static final int MAX_TAG = 64;
  /** Largest ciphertext of one record. */
  public static final int MAX_BLOB = 64 * 1024;
  /** Most records one put may carry. */
  public static final int MAX_PUT_RECORDS = 4096;
  /** Most rows one scan page may ask for. */
  public static final int MAX_SCAN_LIMIT = 50_000;

  private StoreFrames() {}

  /** A scan request: rows of one stream (and optionally one series) in a coarse time range. */
  public static final class ScanRequest {
    /** The stream. */
    public final int stream;
    /** Null for every series of the stream. */
    public final byte[] series;
    /** First coarse time, inclusive. */
    public final long from;
    /** Last coarse time, exclusive. */
    public final long to;
    /** Null for the first page; else the page continues strictly after (afterTime, afterId). */
    public final byte[] afterId;
    /** The cursor's time (meaningful only with {@link #afterId}). */
    public final long afterTime;
    /** Most rows in the page. */
    public final int limit;

    /**
     * A request.
     *
     * @throws IllegalArgumentException for a bad stream, tag, range or limit
     */
    public ScanRequest(int stream, byte[] series, long from, long to, long afterTime, byte[] afterId, int limit) {
      this.stream = checkStream(stream);
      this.series = series == null ? null : tag(series, "series").clone();
      if (from > to) {
        throw new IllegalArgumentException("scan range: from " + from + " is after to " + to);
      }
      this.from = from;
      this.to = to;
      this.afterId = afterId == null ? null : tag(afterId, "cursor id").clone();
      this.afterTime = afterTime;
      if (limit < 1 || limit > MAX_SCAN_LIMIT) {
        throw new IllegalArgumentException("scan limit " + limit + " is outside 1.." + MAX_SCAN_LIMIT);
      }
      this.limit = limit;
    }
  }

  /** One page of scan results. */
  public static final class ScanPage {
    /** The rows, ordered by (time, id). */
    public final List<StoreRow> rows;
    /** Whether more rows follow (ask again with a cursor after the last row). */
    public final boolean more;

    /** A page. */
    public ScanPage(List<StoreRow> rows, boolean more) {
      this.rows = List.copyOf(rows);
      this.more = more;
    }
  }

  /** Rows, per stream, as the database counts them. */
  public static final class StreamStats {
    /** The stream. */
    public final int stream;
    /** Rows it holds. */
    public final long rows;
    /** Oldest coarse time (0 when empty). */
    public final long oldest;
    /** Newest coarse time (0 when empty). */
    public final long newest;

    /** Stats of one stream. */
    public StreamStats(int stream, long rows, long oldest, long newest) {
      this.stream = checkStream(stream);
      if (rows < 0) {
        throw new IllegalArgumentException("negative row count");
      }
      this.rows = rows;
      this.oldest = oldest;
      this.newest = newest;
    }
  }

  /** Encodes a put request. */
  public static byte[] encodePut(List<StoreRow> rows) {
    if (rows.isEmpty() || rows.size() > MAX_PUT_RECORDS) {
      throw new IllegalArgumentException("a put carries 1.." + MAX_PUT_RECORDS + " records, not " + rows.size());
    }
    int size = 2;
    for (StoreRow r : rows) {
      size += 1 + 1 + r.id.length + 1 + r.series.length + 8 + 4 + r.ciphertext.length;
    }
    ByteBuffer b = ByteBuffer.allocate(size);
    b.putShort((short) rows.size());
    for (StoreRow r : rows) {
      b.put((byte) r.stream);
      putTag(b, r.id);
      putTag(b, r.series);
      b.putLong(r.time);
      b.putInt(r.ciphertext.length).put(r.ciphertext);
    }
    return b.array();
  }

  /** Decodes a put request; {@link IllegalArgumentException} names what is wrong. */
  public static List<StoreRow> decodePut(byte[] frame) {
    return read(frame, "put request", b -> {
      int n = Short.toUnsignedInt(b.getShort());
      if (n < 1 || n > MAX_PUT_RECORDS) {
        throw new IllegalArgumentException("a put carries 1.." + MAX_PUT_RECORDS + " records, not " + n);
      }
      List<StoreRow> rows = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        int stream = Byte.toUnsignedInt(b.get());
        byte[] id = getTag(b);
        byte[] series = getTag(b);
        long time = b.getLong();
        rows.add(new StoreRow(stream, id, series, time, getBlob(b)));
      }
      return rows;
    });
  }

  /** Encodes a put reply: one duplicate flag per record, in request order. */
  public static byte[] encodePutReply(boolean[] duplicate) {
    ByteBuffer b = ByteBuffer.allocate(2 + duplicate.length);
    b.putShort((short) duplicate.length);
    for (boolean d : duplicate) {
      b.put((byte) (d ? 1 : 0));
    }
    return b.array();
  }

  /** Decodes a put reply, which must answer exactly {@code expected} records. */
  public static boolean[] decodePutReply(byte[] frame, int expected) {
    return read(frame, "put reply", b -> {
      int n = Short.toUnsignedInt(b.getShort());
      if (n != expected) {
        throw new IllegalArgumentException("put reply answers " + n + " records, expected " + expected);
      }
      boolean[] out = new boolean[n];
      for (int i = 0; i < n; i++) {
        int v = b.get();
        if (v != 0 && v != 1) {
          throw new IllegalArgumentException("put reply status " + v + " is not 0 or 1");
        }
        out[i] = v == 1;
      }
      return out;
    });
  }

  /** Encodes a scan request. */
  public static byte[] encodeScan(ScanRequest r) {
    ByteBuffer b = ByteBuffer.allocate(1 + 1 + 1 + MAX_TAG + 8 + 8 + 1 + 8 + 1 + MAX_TAG + 4);
    b.put((byte) r.stream);
    b.put((byte) (r.series == null ? 0 : 1));
    if (r.series != null) {
      putTag(b, r.series);
    }
    b.putLong(r.from).putLong(r.to);
    b.put((byte) (r.afterId == null ? 0 : 1));
    if (r.afterId != null) {
      b.putLong(r.afterTime);
      putTag(b, r.afterId);
    }
    b.putInt(r.limit);
    return Arrays.copyOf(b.array(), b.position());
  }

  /** Decodes a scan request. */
  public static ScanRequest decodeScan(byte[] frame) {
    return read(frame, "scan request", b -> {
      int stream = Byte.toUnsignedInt(b.get());
      byte[] series = flag(b) ? getTag(b) : null;
      long from = b.getLong();
      long to = b.getLong();
      byte[] afterId = null;
      long afterTime = 0;
      if (flag(b)) {
        afterTime = b.getLong();
        afterId = getTag(b);
      }
      return new ScanRequest(stream, series, from, to, afterTime, afterId, b.getInt());
    });
  }

  /** Encodes a scan reply. */
  public static byte[] encodeScanReply(ScanPage page) {
    int size = 1 + 4;
    for (StoreRow r : page.rows) {
      size += 1 + r.id.length + 1 + r.series.length + 8 + 4 + r.ciphertext.length;
    }
    ByteBuffer b = ByteBuffer.allocate(size);
    b.put((byte) (page.more ? 1 : 0)).putInt(page.rows.size());
    for (StoreRow r : page.rows) {
      putTag(b, r.id);
      putTag(b, r.series);
      b.putLong(r.time);
      b.putInt(r.ciphertext.length).put(r.ciphertext);
    }
    return b.array();
  }

  /** Decodes a scan reply for rows of {@code stream}. */
  public static ScanPage decodeScanReply(byte[] frame, int stream) {
    return read(frame, "scan reply", b -> {
      boolean more = flag(b);
      int n = b.getInt();
      if (n < 0 || n > MAX_SCAN_LIMIT) {
        throw new IllegalArgumentException("scan reply holds " + n + " rows, more than " + MAX_SCAN_LIMIT);
      }
      List<StoreRow> rows = new ArrayList<>(Math.min(n, 1024));
      for (int i = 0; i < n; i++) {
        byte[] id = getTag(b);
        byte[] series = getTag(b);
        long time = b.getLong();
        rows.add(new StoreRow(stream, id, series, time, getBlob(b)));
      }
      return new ScanPage(rows, more);
    });
  }

  /** Encodes a delete request: rows of {@code stream} whose time is before {@code before}. */
  public static byte[] encodeDeleteBefore(int stream, long before) {
    return ByteBuffer.allocate(9).put((byte) checkStream(stream)).putLong(before).array();
  }

  /** Decodes a delete request as {stream, before}. */
  public static long[] decodeDeleteBefore(byte[] frame) {
    return read(frame, "delete request", b -> new long[] {checkStream(Byte.toUnsignedInt(b.get())), b.getLong()});
  }

  /** Encodes a count (the delete reply). */
  public static byte[] encodeCount(long count) {
    return ByteBuffer.allocate(8).putLong(count).array();
  }

  /** Decodes a count. */
  public static long decodeCount(byte[] frame) {
    return read(frame, "count", b -> {
      long n = b.getLong();
      if (n < 0) {
        throw new IllegalArgumentException("negative count");
      }
      return n;
    });
  }

  /** Encodes a stats reply. */
  public static byte[] encodeStats(List<StreamStats> stats) {
    ByteBuffer b = ByteBuffer.allocate(1 + stats.size() * 25);
    b.put((byte) stats.size());
    for (StreamStats s : stats) {
      b.put((byte) s.stream).putLong(s.rows).putLong(s.oldest).putLong(s.newest);
    }
    return b.array();
  }

  /** Decodes a stats reply. */
  public static List<StreamStats> decodeStats(byte[] frame) {
    return read(frame, "stats reply", b -> {
      int n = Byte.toUnsignedInt(b.get());
      if (n > 2) {
        throw new IllegalArgumentException("stats of " + n + " streams, at most 2 exist");
      }
      List<StreamStats> out = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        out.add(new StreamStats(Byte.toUnsignedInt(b.get()), b.getLong(), b.getLong(), b.getLong()));
      }
      return out;
    });
  }

  private interface Reader<T> {
    T read(ByteBuffer b);
  }

  private static <T> T read(byte[] frame, String what, Reader<T> reader) {
    if (frame == null) {
      throw new IllegalArgumentException(what + ": no body");
    }
    ByteBuffer b = ByteBuffer.wrap(frame);
    T out;
    try {
      out = reader.read(b);
    } catch (BufferUnderflowException e) {
      throw new IllegalArgumentException(what + ": truncated frame (" + frame.length + " bytes)");
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(what + ": " + e.getMessage());
    }
    if (b.hasRemaining()) {
      throw new IllegalArgumentException(what + ": " + b.remaining() + " trailing bytes");
    }
    return out;
  }

  private static boolean flag(ByteBuffer b) {
    int v = b.get();
    if (v != 0 && v != 1) {
      throw new IllegalArgumentException("flag byte " + v + " is not 0 or 1");
    }
    return v == 1;
  }

  static int checkStream(int stream) {
    if (stream != STREAM_READINGS && stream != STREAM_ALARMS) {
      throw new IllegalArgumentException("unknown stream " + stream + " (0 readings, 1 alarms)");
    }
    return stream;
  }

  static byte[] tag(byte[] tag, String what) {
    if (tag == null || tag.length == 0 || tag.length > MAX_TAG) {
      throw new IllegalArgumentException(what + " must be 1.." + MAX_TAG + " bytes");
    }
    return tag;
  }

  private static void putTag(ByteBuffer b, byte[] tag) {
    b.put((byte) tag.length).put(tag);
  }

  private static byte[] getTag(ByteBuffer b) {
    int n = Byte.toUnsignedInt(b.get());
    if (n == 0 || n > MAX_TAG) {
      throw new IllegalArgumentException("tag of " + n + " bytes is outside 1.." + MAX_TAG);
    }
    byte[] t = new byte[n];
    b.get(t);
    return t;
  }

  private static byte[] getBlob(ByteBuffer b) {
    int n = b.getInt();
    if (n <= 0 || n > MAX_BLOB) {
      throw new IllegalArgumentException("ciphertext of " + n + " bytes is outside 1.." + MAX_BLOB);
    }
    if (n > b.remaining()) {
      throw new BufferUnderflowException();
    }
    byte[] t = new byte[n];
    b.get(t);
    return t;
  }
}
