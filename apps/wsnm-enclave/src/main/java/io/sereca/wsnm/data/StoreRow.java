package io.sereca.wsnm.data;

import java.util.Arrays;
import java.util.Objects;

/**
 * One stored record as the untrusted database holds it ({@link StoreFrames}): stream, opaque
 * record id, opaque series tag, coarse time, ciphertext. Immutable; accessors return copies.
 */
public final class StoreRow {
  final int stream;
  final byte[] id;
  final byte[] series;
  final long time;
  final byte[] ciphertext;

  /**
   * A row.
   *
   * @throws IllegalArgumentException for an unknown stream or a tag or blob out of bounds
   */
  public StoreRow(int stream, byte[] id, byte[] series, long time, byte[] ciphertext) {
    this.stream = StoreFrames.checkStream(stream);
    this.id = StoreFrames.tag(id, "record id").clone();
    this.series = StoreFrames.tag(series, "series").clone();
    this.time = time;
    if (ciphertext == null || ciphertext.length == 0 || ciphertext.length > StoreFrames.MAX_BLOB) {
      throw new IllegalArgumentException("ciphertext must be 1.." + StoreFrames.MAX_BLOB + " bytes");
    }
    this.ciphertext = ciphertext.clone();
  }

  /** {@link #STREAM_READINGS} or {@link #STREAM_ALARMS}. */
  public int stream() {
    return stream;
  }

  /** The opaque record id (unique). */
  public byte[] id() {
    return id.clone();
  }

  /** The opaque series tag. */
  public byte[] series() {
    return series.clone();
  }

  /** The coarse time column, epoch milliseconds. */
  public long time() {
    return time;
  }

  /** The ciphertext. */
  public byte[] ciphertext() {
    return ciphertext.clone();
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof StoreRow)) {
      return false;
    }
    StoreRow r = (StoreRow) o;
    return stream == r.stream && time == r.time && Arrays.equals(id, r.id) && Arrays.equals(series, r.series)
        && Arrays.equals(ciphertext, r.ciphertext);
  }

  @Override
  public int hashCode() {
    return Objects.hash(stream, time, Arrays.hashCode(id));
  }

  @Override
  public String toString() {
    return "StoreRow[stream " + stream + ", time " + time + ", " + ciphertext.length + " bytes]";
  }
}
