package io.sereca.wsnm.collector.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The durable scan buffer on real files: reopen, torn tails, acknowledgement, segment deletion. */
class ScanJournalTest {

  @TempDir
  Path dir;

  private static List<byte[]> records(int from, int n) {
    List<byte[]> out = new ArrayList<>();
    for (int i = from; i < from + n; i++) {
      out.add(("{\"r\":" + i + "}").getBytes(StandardCharsets.UTF_8));
    }
    return out;
  }

  private static List<String> texts(List<ScanJournal.Entry> entries) {
    return entries.stream().map(e -> e.seq() + ":" + new String(e.payload(), StandardCharsets.UTF_8)).toList();
  }

  private List<Path> segments() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().startsWith("seg-")).sorted().toList();
    }
  }

  @Test
  void recordsSurviveAReopenAndOnlyTheUnacknowledgedArePending() throws Exception {
    try (ScanJournal j = ScanJournal.open(dir, 1 << 20, e -> { })) {
      assertThat(j.append(records(1, 3))).isEqualTo(1);
      assertThat(j.append(records(4, 2))).isEqualTo(4);
      j.markAcked(2);
    }
    List<ScanJournal.Entry> seen = new ArrayList<>();
    try (ScanJournal j = ScanJournal.open(dir, 1 << 20, seen::add)) {
      assertThat(seen).hasSize(5);
      assertThat(j.acked()).isEqualTo(2);
      assertThat(j.lastSeq()).isEqualTo(5);
      assertThat(j.pending()).isEqualTo(3);
      assertThat(texts(j.read(j.acked(), 100))).containsExactly("3:{\"r\":3}", "4:{\"r\":4}", "5:{\"r\":5}");
      assertThat(texts(j.read(3, 1))).containsExactly("4:{\"r\":4}");
      assertThat(j.append(records(6, 1))).isEqualTo(6);
    }
  }

  @Test
  void aTornTailIsCutAtTheLastWholeRecordAndWritingGoesOn() throws Exception {
    try (ScanJournal j = ScanJournal.open(dir, 1 << 20, e -> { })) {
      j.append(records(1, 4));
    }
    Path seg = segments().get(0);
    long size = Files.size(seg);
    // A crash in the middle of the fourth record's write: its last 3 bytes never reached the disk.
    try (FileChannel c = FileChannel.open(seg, StandardOpenOption.WRITE)) {
      c.truncate(size - 3);
    }
    try (ScanJournal j = ScanJournal.open(dir, 1 << 20, e -> { })) {
      assertThat(j.lastSeq()).isEqualTo(3);
      assertThat(j.append(records(40, 1))).isEqualTo(4);
      assertThat(texts(j.read(0, 10))).containsExactly("1:{\"r\":1}", "2:{\"r\":2}", "3:{\"r\":3}", "4:{\"r\":40}");
    }
  }

  @Test
  void aCorruptRecordEndsTheValidPrefix() throws Exception {
    try (ScanJournal j = ScanJournal.open(dir, 1 << 20, e -> { })) {
      j.append(records(1, 3));
    }
    Path seg = segments().get(0);
    byte[] all = Files.readAllBytes(seg);
    all[all.length - 2] ^= 0x55; // a flipped bit in the last record's payload fails its CRC
    Files.write(seg, all);
    try (ScanJournal j = ScanJournal.open(dir, 1 << 20, e -> { })) {
      assertThat(j.lastSeq()).isEqualTo(2);
    }
  }

  @Test
  void fullyAcknowledgedSegmentsAreDeletedButNotTheActiveOne() throws Exception {
    try (ScanJournal j = ScanJournal.open(dir, 1, e -> { })) {
      for (int i = 1; i <= 6; i++) {
        j.append(records(i, 1)); // a 1-byte segment limit rolls after every record: one segment per record
      }
      assertThat(segments()).hasSize(6);
      j.markAcked(4);
      assertThat(segments()).hasSize(2);
      j.markAcked(6);
      assertThat(segments()).hasSize(1);
      assertThat(j.pending()).isZero();
    }
    try (ScanJournal j = ScanJournal.open(dir, 1, e -> { })) {
      assertThat(j.acked()).isEqualTo(6);
      assertThat(j.read(j.acked(), 10)).isEmpty();
      assertThat(j.append(records(7, 1))).isEqualTo(7);
    }
  }

  @Test
  void aTornMarkerFallsBackToTheOtherSlotNeverPastTheTruth() throws Exception {
    try (ScanJournal j = ScanJournal.open(dir, 1 << 20, e -> { })) {
      j.append(records(1, 5));
      j.markAcked(2); // slot 0
      j.markAcked(4); // slot 1
    }
    // Tear slot 1 (the newer value): the journal falls back to 2 and replays 3 and 4 again.
    try (FileChannel c = FileChannel.open(dir.resolve("acked.marker"), StandardOpenOption.WRITE)) {
      c.write(ByteBuffer.wrap(new byte[] {1, 2, 3}), 16 + 9);
    }
    try (ScanJournal j = ScanJournal.open(dir, 1 << 20, e -> { })) {
      assertThat(j.acked()).isEqualTo(2);
      assertThat(j.pending()).isEqualTo(3);
    }
  }

  @Test
  void aBacklogReadInChunksAcrossSegmentsComesBackWholeAndInOrder() throws Exception {
    try (ScanJournal j = ScanJournal.open(dir, 200, e -> { })) {
      for (int i = 1; i <= 50; i += 5) {
        j.append(records(i, 5));
      }
      assertThat(segments().size()).isGreaterThan(3);
      List<Long> seqs = new ArrayList<>();
      long after = 0;
      for (List<ScanJournal.Entry> chunk = j.read(after, 7); !chunk.isEmpty(); chunk = j.read(after, 7)) {
        assertThat(chunk.size()).isLessThanOrEqualTo(7);
        chunk.forEach(e -> seqs.add(e.seq()));
        after = chunk.get(chunk.size() - 1).seq();
      }
      assertThat(seqs).containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, 50).boxed().toList());
      // Reading again from further back (a retry) is not confused by where the last read stopped.
      assertThat(texts(j.read(3, 2))).containsExactly("4:{\"r\":4}", "5:{\"r\":5}");
      assertThat(texts(j.read(48, 10))).containsExactly("49:{\"r\":49}", "50:{\"r\":50}");
    }
  }
}
