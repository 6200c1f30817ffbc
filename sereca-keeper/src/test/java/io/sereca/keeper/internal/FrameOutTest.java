package io.sereca.keeper.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import org.apache.jute.OutputArchive;
import org.apache.jute.Record;
import org.apache.zookeeper.data.Stat;
import org.apache.zookeeper.proto.GetDataResponse;
import org.apache.zookeeper.proto.ReplyHeader;
import org.apache.zookeeper.proto.SetDataRequest;
import org.apache.zookeeper.proto.RequestHeader;
import org.junit.jupiter.api.Test;

class FrameOutTest {

  private final FrameOut out = new FrameOut(PooledByteBufAllocator.DEFAULT);

  private static byte[] body(ByteBuf frames, int[] at) {
    int len = frames.getInt(at[0]);
    byte[] b = new byte[len];
    frames.getBytes(at[0] + 4, b);
    at[0] += 4 + len;
    return b;
  }

  @Test
  void framesAppendedToOneBufferReadBackAsTheRecordsWritten() {
    byte[] data = new byte[3000]; // larger than the first frame's initial capacity
    data[2999] = 42;
    ByteBuf frames = out.write(OutFrame.of(new RequestHeader(7, 5), new SetDataRequest("/a/é", data, 3)));
    try {
      out.append(frames, new OutFrame(new Record[] {new ReplyHeader(8, 99L, 0)}, new byte[] {1, 2, 3}));
      out.append(frames, OutFrame.raw(new byte[] {9, 9}));
      int[] at = {0};
      Jute.Reader first = new Jute.Reader(body(frames, at));
      assertThat(first.read(new RequestHeader()).getXid()).isEqualTo(7);
      SetDataRequest r = first.read(new SetDataRequest());
      first.end();
      assertThat(r.getPath()).isEqualTo("/a/é");
      assertThat(r.getData()).isEqualTo(data);
      assertThat(r.getVersion()).isEqualTo(3);
      Jute.Reader second = new Jute.Reader(body(frames, at));
      assertThat(second.read(new ReplyHeader()).getZxid()).isEqualTo(99L);
      assertThat(second.rest()).containsExactly(1, 2, 3);
      assertThat(body(frames, at)).containsExactly(9, 9);
      assertThat(at[0]).isEqualTo(frames.writerIndex());
    } finally {
      frames.release();
    }
  }

  @Test
  void aRecordThatFailsToSerialiseLeavesTheBufferAsItWas() {
    ByteBuf frames = out.write(OutFrame.of(new ReplyHeader(1, 2L, 0), new GetDataResponse(new byte[] {5}, new Stat())));
    try {
      int before = frames.writerIndex();
      Record broken = new ReplyHeader() {
        @Override
        public void serialize(OutputArchive archive, String tag) throws java.io.IOException {
          archive.writeInt(1, "half written");
          throw new java.io.IOException("broken record");
        }
      };
      assertThatThrownBy(() -> out.append(frames, OutFrame.of(broken)))
          .isInstanceOf(IllegalStateException.class).hasMessageContaining("IOException");
      assertThat(frames.writerIndex()).isEqualTo(before);
    } finally {
      frames.release();
    }
  }
}
