package io.sereca.wsnm.collector.internal;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.CRC32;

/**
 * The collector's durable buffer: an append-only journal of opaque records (scans as JSON), each
 * with a sequence number, split into segment files, plus an acknowledged-up-to marker.
 *
 * <p>Record: {@code int length, int crc32(seq, payload), long seq, payload}. A batch is written
 * and {@code fsync}ed before {@link #append} returns, so a record whose append returned survives a
 * crash of the JVM or the machine. On {@link #open} a torn or corrupt tail (a crash in the middle
 * of a write) is cut off at the last whole record. The marker has two checksummed slots written
 * alternately, so a torn marker write falls back to the previous value: that only replays
 * records again (duplicates, which receivers drop), never loses one. Segments whose every record
 * is acknowledged are deleted, except the one being written.
 *
 * <p>Not thread-safe: the collector calls it from one worker thread only (file I/O never runs on
 * an event loop).
 */
public final class ScanJournal implements AutoCloseable {

  /** One record. */
  public record Entry(long seq, byte[] payload) {}

  /** Default segment size. */
  public static final long DEFAULT_SEGMENT_BYTES = 16L << 20;
  /** Largest record payload accepted. */
  public static final int MAX_PAYLOAD = 1 << 20;

  private static final System.Logger LOG = System.getLogger(ScanJournal.class.getName());
  private static final String PREFIX = "seg-";
  private static final String SUFFIX = ".log";
  private static final String MARKER = "acked.marker";
  private static final int HEADER = 16;

  private final Path dir;
  private final long segmentBytes;
  private final List<Segment> segments = new ArrayList<>();
  private final FileChannel marker;
  private FileChannel active;
  private long activeSize;
  private long lastSeq;
  private long acked;
  private long markerWrites;
  private Path cursorPath;
  private long cursorOffset;
  private long cursorSeq;

  private static final class Segment {
    final long firstSeq;
    final Path path;
    long lastSeq;

    Segment(long firstSeq, Path path, long lastSeq) {
      this.firstSeq = firstSeq;
      this.path = path;
      this.lastSeq = lastSeq;
    }
  }

  private ScanJournal(Path dir, long segmentBytes, FileChannel marker) {
    this.dir = dir;
    this.segmentBytes = segmentBytes;
    this.marker = marker;
  }

  /**
   * Opens (or creates) the journal in {@code dir}, repairs a torn tail, and shows every record
   * still on disk, acknowledged or not, to {@code visitor} in sequence order (the collector
   * rebuilds its per-logger state from them).
   */
  public static ScanJournal open(Path dir, long segmentBytes, Consumer<Entry> visitor) throws IOException {
    Files.createDirectories(dir);
    FileChannel marker = FileChannel.open(dir.resolve(MARKER), StandardOpenOption.CREATE,
        StandardOpenOption.READ, StandardOpenOption.WRITE);
    ScanJournal j = new ScanJournal(dir, segmentBytes, marker);
    try {
      j.acked = j.readMarker();
      j.recover(visitor);
    } catch (IOException | RuntimeException e) {
      j.close();
      throw e;
    }
    return j;
  }

  private void recover(Consumer<Entry> visitor) throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(p -> p.getFileName().toString().startsWith(PREFIX)
          && p.getFileName().toString().endsWith(SUFFIX)).sorted().toList();
    }
    long expected = -1;
    for (int i = 0; i < files.size(); i++) {
      Path p = files.get(i);
      long first = firstSeqOf(p);
      if (expected >= 0 && first != expected) {
        LOG.log(System.Logger.Level.ERROR, "scan buffer: segment {0} starts at {1}, expected {2}: records are"
            + " missing from the journal", p.getFileName(), first, expected);
      }
      long[] last = {first - 1};
      long good = scan(p, first, e -> {
        last[0] = e.seq();
        visitor.accept(e);
      });
      long size = Files.size(p);
      if (good < size) {
        LOG.log(System.Logger.Level.WARNING, "scan buffer: cutting a torn or corrupt tail of {0} bytes off {1}"
            + " (a crash during a write; the records in it were never acknowledged as durable)",
            size - good, p.getFileName());
        try (FileChannel c = FileChannel.open(p, StandardOpenOption.WRITE)) {
          c.truncate(good);
          c.force(true);
        }
      }
      segments.add(new Segment(first, p, last[0]));
      lastSeq = Math.max(lastSeq, last[0]);
      expected = last[0] + 1;
    }
    if (!segments.isEmpty() && segments.get(segments.size() - 1).lastSeq < segments.get(segments.size() - 1).firstSeq) {
      // Created by a roll, then the crash came before its first record: nothing to keep.
      Files.deleteIfExists(segments.remove(segments.size() - 1).path);
    }
    if (lastSeq < acked) {
      // Every record up to the marker was acknowledged and its segment deleted.
      lastSeq = acked;
    }
    if (!segments.isEmpty()) {
      Segment s = segments.get(segments.size() - 1);
      active = FileChannel.open(s.path, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
      activeSize = Files.size(s.path);
    }
  }

  /** Reads whole valid records of one segment; returns the byte length of the valid prefix. */
  private static long scan(Path p, long firstSeq, Consumer<Entry> visitor) throws IOException {
    return scan(p, 0, firstSeq, Integer.MAX_VALUE, visitor);
  }

  /**
   * Reads at most {@code max} whole valid records starting at byte {@code offset}, whose record
   * must carry {@code expectedSeq}; returns the offset after the last record read.
   */
  private static long scan(Path p, long offset, long expectedSeq, int max, Consumer<Entry> visitor) throws IOException {
    long expected = expectedSeq;
    int n = 0;
    try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ);
        DataInputStream in = new DataInputStream(new BufferedInputStream(
            java.nio.channels.Channels.newInputStream(ch.position(offset)), 1 << 16))) {
      while (n < max) {
        int len;
        int crc;
        long seq;
        byte[] payload;
        try {
          len = in.readInt();
          crc = in.readInt();
          seq = in.readLong();
          if (len < 0 || len > MAX_PAYLOAD || seq != expected) {
            return offset;
          }
          payload = new byte[len];
          in.readFully(payload);
        } catch (EOFException e) {
          return offset;
        }
        if (crc(seq, payload) != crc) {
          return offset;
        }
        visitor.accept(new Entry(seq, payload));
        offset += HEADER + len;
        expected++;
        n++;
      }
    }
    return offset;
  }

  /**
   * Appends {@code payloads} as consecutive records and fsyncs them; returns the sequence number of
   * the first (the others follow by one).
   */
  public long append(List<byte[]> payloads) throws IOException {
    if (payloads.isEmpty()) {
      return lastSeq + 1;
    }
    if (active == null || activeSize >= segmentBytes) {
      roll();
    }
    long first = lastSeq + 1;
    int total = 0;
    for (byte[] p : payloads) {
      if (p.length > MAX_PAYLOAD) {
        throw new IOException("record of " + p.length + " bytes exceeds " + MAX_PAYLOAD);
      }
      total += HEADER + p.length;
    }
    ByteBuffer buf = ByteBuffer.allocate(total);
    long seq = first;
    for (byte[] p : payloads) {
      buf.putInt(p.length).putInt(crc(seq, p)).putLong(seq).put(p);
      seq++;
    }
    buf.flip();
    try {
      while (buf.hasRemaining()) {
        active.write(buf);
      }
      active.force(false);
    } catch (IOException e) {
      // A partial write must not stay in front of the next batch: recovery would stop at it.
      try {
        active.truncate(activeSize);
      } catch (IOException again) {
        e.addSuppressed(again);
      }
      throw e;
    }
    activeSize += total;
    lastSeq = seq - 1;
    segments.get(segments.size() - 1).lastSeq = lastSeq;
    return first;
  }

  private void roll() throws IOException {
    if (active != null) {
      active.close();
    }
    long first = lastSeq + 1;
    Path p = dir.resolve(String.format("%s%020d%s", PREFIX, first, SUFFIX));
    active = FileChannel.open(p, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    activeSize = 0;
    segments.add(new Segment(first, p, first - 1));
    // The new file's directory entry must be durable too, or an fsync'd record could vanish with it.
    forceDirectory();
  }

  private void forceDirectory() {
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    } catch (IOException e) {
      // Some platforms cannot open a directory; the file's own fsync is then the best there is.
    }
  }

  /**
   * Records that every record up to {@code upTo} is acknowledged and deletes fully acknowledged
   * segments. The marker is not fsynced here (losing it only replays records); {@link #close} and
   * {@link #sync} do.
   */
  public void markAcked(long upTo) throws IOException {
    if (upTo <= acked) {
      return;
    }
    acked = Math.min(upTo, lastSeq);
    writeMarker(acked);
    while (segments.size() > 1 && segments.get(0).lastSeq <= acked) {
      Segment s = segments.remove(0);
      Files.deleteIfExists(s.path);
    }
  }

  /** Fsyncs the marker. */
  public void sync() throws IOException {
    marker.force(false);
  }

  /**
   * Up to {@code max} records with a sequence number above {@code afterSeq}, in order. Reading on
   * from where the previous read stopped continues at that byte offset instead of rescanning the
   * segment (the collector drains a large backlog chunk by chunk).
   */
  public List<Entry> read(long afterSeq, int max) throws IOException {
    List<Entry> out = new ArrayList<>();
    for (Segment s : new ArrayList<>(segments)) {
      if (s.lastSeq <= afterSeq) {
        continue;
      }
      if (out.size() >= max) {
        break;
      }
      long from = Math.max(afterSeq + 1, s.firstSeq);
      long offset = 0;
      long expected = s.firstSeq;
      if (cursorPath != null && cursorPath.equals(s.path) && cursorSeq <= from) {
        offset = cursorOffset;
        expected = cursorSeq;
      }
      try {
        if (expected < from) {
          // Skip the records before 'from' (only when the cursor does not already stand there).
          offset = scan(s.path, offset, expected, (int) Math.min(Integer.MAX_VALUE, from - expected), e -> { });
          expected = from;
        }
        int before = out.size();
        long end = scan(s.path, offset, expected, max - before, out::add);
        cursorPath = s.path;
        cursorOffset = end;
        cursorSeq = expected + (out.size() - before);
      } catch (java.nio.file.NoSuchFileException e) {
        // Deleted as fully acknowledged meanwhile: nothing in it is needed.
      }
    }
    return out;
  }

  /** Highest sequence number written. */
  public long lastSeq() {
    return lastSeq;
  }

  /** Highest sequence number up to which every record is acknowledged. */
  public long acked() {
    return acked;
  }

  /** Records not acknowledged yet. */
  public long pending() {
    return lastSeq - acked;
  }

  private long readMarker() throws IOException {
    ByteBuffer b = ByteBuffer.allocate(32);
    while (b.hasRemaining() && marker.read(b, b.position()) > 0) {
      // read both slots
    }
    long best = 0;
    for (int slot = 0; slot < 2 && (slot + 1) * 16 <= b.position(); slot++) {
      long v = b.getLong(slot * 16);
      long c = b.getLong(slot * 16 + 8);
      if (c == markerCrc(v) && v > best) {
        best = v;
      }
    }
    return best;
  }

  private void writeMarker(long v) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(16).putLong(v).putLong(markerCrc(v));
    b.flip();
    long pos = (markerWrites++ & 1) * 16;
    while (b.hasRemaining()) {
      pos += marker.write(b, pos);
    }
  }

  private static long markerCrc(long v) {
    CRC32 c = new CRC32();
    c.update(ByteBuffer.allocate(8).putLong(v).array());
    return c.getValue() ^ 0x5753_4E4D_0000_0000L; // "WSNM": an all-zero slot is not valid
  }

  private static int crc(long seq, byte[] payload) {
    CRC32 c = new CRC32();
    c.update(ByteBuffer.allocate(8).putLong(seq).array());
    c.update(payload);
    return (int) c.getValue();
  }

  private static long firstSeqOf(Path p) throws IOException {
    String n = p.getFileName().toString();
    try {
      return Long.parseLong(n.substring(PREFIX.length(), n.length() - SUFFIX.length()));
    } catch (NumberFormatException e) {
      throw new IOException("scan buffer: cannot read the sequence number in file name " + n);
    }
  }

  @Override
  public void close() throws IOException {
    try {
      if (active != null) {
        active.close();
      }
      marker.force(false);
    } finally {
      marker.close();
    }
  }
}
