package io.sereca.enclave.boundary;

import static io.sereca.enclave.boundary.Samples.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class StreamFrameTest {

  private static final BoundaryLimits SMALL = BoundaryLimits.withMaxFrameBytes(64 * 1024);

  private static byte[] write(StreamFrame... frames) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    for (StreamFrame f : frames) {
      f.writeTo(out);
    }
    out.flush();
    return bytes.toByteArray();
  }

  private static DataInputStream in(byte[] bytes) {
    return new DataInputStream(new ByteArrayInputStream(bytes));
  }

  @Test
  void framesRoundTripInOrderThenCleanEndGivesNull() throws IOException {
    byte[] stream = write(
        new StreamFrame(StreamFrame.ECALL, 1, utf8("first")),
        new StreamFrame(StreamFrame.RESULT, Long.MIN_VALUE, new byte[0]),
        new StreamFrame(StreamFrame.OCALL, Long.MAX_VALUE, Samples.filled(1000, 3)));
    DataInputStream in = in(stream);
    StreamFrame a = StreamFrame.readFrom(in, SMALL);
    StreamFrame b = StreamFrame.readFrom(in, SMALL);
    StreamFrame c = StreamFrame.readFrom(in, SMALL);
    assertThat(StreamFrame.readFrom(in, SMALL)).isNull();
    assertThat(a.channel()).isEqualTo(StreamFrame.ECALL);
    assertThat(a.callId()).isEqualTo(1);
    assertThat(a.payload()).isEqualTo(utf8("first"));
    assertThat(b.channel()).isEqualTo(StreamFrame.RESULT);
    assertThat(b.callId()).isEqualTo(Long.MIN_VALUE);
    assertThat(b.payload()).isEmpty();
    assertThat(c.channel()).isEqualTo(StreamFrame.OCALL);
    assertThat(c.callId()).isEqualTo(Long.MAX_VALUE);
    assertThat(c.payload()).isEqualTo(Samples.filled(1000, 3));
  }

  @Test
  void lengthPrefixCountsChannelCallIdAndPayload() throws IOException {
    byte[] stream = write(new StreamFrame(StreamFrame.ECALL, 7, new byte[5]));
    assertThat(stream).hasSize(4 + 1 + 8 + 5);
    assertThat(Arrays.copyOf(stream, 4)).containsExactly(0, 0, 0, 14);
  }

  @Test
  void endOfStreamInsideAFrameIsEofException() throws IOException {
    byte[] stream = write(new StreamFrame(StreamFrame.OCALL, 3, utf8("payload")));
    for (int len = 1; len < stream.length; len++) {
      byte[] cut = Arrays.copyOf(stream, len);
      assertThatThrownBy(() -> StreamFrame.readFrom(in(cut), SMALL))
          .as("cut to %d bytes", len)
          .isInstanceOf(EOFException.class);
    }
  }

  @Test
  void lengthBelowTheHeaderIsRejected() {
    for (int length : new int[] {0, 8, -1, Integer.MIN_VALUE}) {
      byte[] stream = new FrameWriter(16).i32(length).u8(1).i64(0).toByteArray();
      assertThatThrownBy(() -> StreamFrame.readFrom(in(stream), SMALL))
          .isExactlyInstanceOf(BoundaryException.class)
          .hasMessageContaining("below the header size");
    }
  }

  @Test
  void lengthOverTheLimitIsRejectedBeforeReadingOrAllocating() {
    byte[] header = new FrameWriter(8).i32(Integer.MAX_VALUE).toByteArray();
    AtomicLong readAfterHeader = new AtomicLong();
    InputStream endless = new InputStream() {
      int pos;

      @Override
      public int read() {
        if (pos < header.length) {
          return header[pos++] & 0xFF;
        }
        readAfterHeader.incrementAndGet();
        return 1;
      }
    };
    assertThatThrownBy(() -> StreamFrame.readFrom(new DataInputStream(endless), SMALL))
        .isExactlyInstanceOf(BoundaryException.class)
        .hasMessageContaining("exceeds the limit");
    assertThat(readAfterHeader).hasValue(0);
    byte[] justOver = new FrameWriter(8).i32(9 + 64 * 1024 + 1).toByteArray();
    assertThatThrownBy(() -> StreamFrame.readFrom(in(justOver), SMALL))
        .isExactlyInstanceOf(BoundaryException.class);
  }

  @Test
  void unknownChannelIsRejected() {
    for (int channel : new int[] {0, 4, 255}) {
      byte[] stream = new FrameWriter(16).i32(9).u8(channel).i64(0).toByteArray();
      assertThatThrownBy(() -> StreamFrame.readFrom(in(stream), SMALL))
          .isExactlyInstanceOf(BoundaryException.class)
          .hasMessageContaining("unknown channel " + channel);
    }
  }
}
