package io.sereca.keeper.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import org.apache.jute.BinaryOutputArchive;
import org.apache.zookeeper.data.Stat;
import org.apache.zookeeper.proto.GetDataResponse;
import org.apache.zookeeper.proto.ReplyHeader;
import org.junit.jupiter.api.Test;

class JuteReaderTest {

  private static byte[] written(IoConsumer<DataOutputStream> w) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    w.accept(out);
    out.flush();
    return bytes.toByteArray();
  }

  interface IoConsumer<T> {
    void accept(T t) throws IOException;
  }

  @Test
  void frameInputReadsWhatADataOutputStreamWrote() throws IOException {
    byte[] frame = written(o -> {
      o.writeBoolean(true);
      o.writeByte(-3);
      o.writeByte(200);
      o.writeShort(-2);
      o.writeShort(65000);
      o.writeChar('é');
      o.writeInt(Integer.MIN_VALUE + 5);
      o.writeInt(-1);
      o.writeLong(0x8123_4567_89AB_CDEFL);
      o.writeLong(-1L);
      o.writeFloat(1.5f);
      o.writeDouble(-2.25);
      o.writeUTF("zk/é");
      o.write(new byte[] {1, 2, 3});
    });
    Jute.FrameInput in = new Jute.FrameInput(frame);
    assertThat(in.readBoolean()).isTrue();
    assertThat(in.readByte()).isEqualTo((byte) -3);
    assertThat(in.readUnsignedByte()).isEqualTo(200);
    assertThat(in.readShort()).isEqualTo((short) -2);
    assertThat(in.readUnsignedShort()).isEqualTo(65000);
    assertThat(in.readChar()).isEqualTo('é');
    assertThat(in.readInt()).isEqualTo(Integer.MIN_VALUE + 5);
    assertThat(in.readInt()).isEqualTo(-1);
    assertThat(in.readLong()).isEqualTo(0x8123_4567_89AB_CDEFL);
    assertThat(in.readLong()).isEqualTo(-1L);
    assertThat(in.readFloat()).isEqualTo(1.5f);
    assertThat(in.readDouble()).isEqualTo(-2.25);
    assertThat(in.readUTF()).isEqualTo("zk/é");
    assertThat(in.skipBytes(1)).isEqualTo(1);
    byte[] two = new byte[2];
    in.readFully(two);
    assertThat(two).containsExactly(2, 3);
    assertThat(in.remaining()).isZero();
    assertThat(in.skipBytes(5)).isZero();
  }

  @Test
  void linesReadAsDataInputSpecifies() {
    Jute.FrameInput in = new Jute.FrameInput("a\r\nb\rc\n\nd".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    assertThat(in.readLine()).isEqualTo("a");
    assertThat(in.readLine()).isEqualTo("b");
    assertThat(in.readLine()).isEqualTo("c");
    assertThat(in.readLine()).isEmpty();
    assertThat(in.readLine()).isEqualTo("d");
    assertThat(in.readLine()).isNull();
  }

  @Test
  void aReadPastTheEndIsAnEofAndTheReaderNamesTheRecord() throws IOException {
    Jute.FrameInput in = new Jute.FrameInput(new byte[] {0, 0, 1});
    assertThatThrownBy(in::readInt).isInstanceOf(EOFException.class);
    assertThatThrownBy(in::readByte).isInstanceOf(EOFException.class);

    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Stat stat = new Stat(1, 2, 3, 4, 5, 6, 7, 8, 4, 10, 11);
    new GetDataResponse(new byte[] {9, 9, 9, 9}, stat).serialize(BinaryOutputArchive.getArchive(bytes), "");
    byte[] whole = bytes.toByteArray();
    Jute.Reader ok = new Jute.Reader(whole);
    GetDataResponse r = ok.read(new GetDataResponse());
    assertThat(r.getData()).containsExactly(9, 9, 9, 9);
    assertThat(r.getStat()).isEqualTo(stat);
    assertThat(ok.atEnd()).isTrue();
    ok.end();

    byte[] cut = java.util.Arrays.copyOf(whole, whole.length - 3);
    Jute.Reader truncated = new Jute.Reader(cut);
    assertThatThrownBy(() -> truncated.read(new GetDataResponse()))
        .isInstanceOf(FrameException.class)
        .hasMessageContaining("malformed GetDataResponse at offset 0")
        .hasMessageContaining("EOFException");
  }

  @Test
  void anAbsurdLengthIsRefusedBeforeAnythingIsAllocated() throws IOException {
    byte[] frame = written(o -> {
      o.writeInt(12);
      o.writeLong(1);
      o.writeInt(0);
      o.writeInt(Integer.MAX_VALUE); // GetDataResponse's data length
    });
    Jute.Reader in = new Jute.Reader(frame);
    assertThat(in.read(new ReplyHeader()).getXid()).isEqualTo(12);
    assertThat(in.offset()).isEqualTo(16);
    assertThatThrownBy(() -> in.read(new GetDataResponse()))
        .isInstanceOf(FrameException.class)
        .hasMessageContaining("at offset 16");
    Jute.Reader trailing = new Jute.Reader(new byte[] {0, 0, 0, 1, 7, 7});
    trailing.archive();
    assertThatThrownBy(trailing::end).hasMessageContaining("6 unexpected trailing bytes at offset 0");
  }
}
