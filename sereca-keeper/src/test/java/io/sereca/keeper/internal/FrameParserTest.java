package io.sereca.keeper.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrameParserTest {

  private final List<String> frames = new ArrayList<>();
  private final List<String> errors = new ArrayList<>();
  private final FrameParser parser = new FrameParser(64, f -> frames.add(new String(f, StandardCharsets.US_ASCII)),
      errors::add);

  private static Buffer frame(String body) {
    byte[] b = body.getBytes(StandardCharsets.US_ASCII);
    return Buffer.buffer().appendInt(b.length).appendBytes(b);
  }

  @Test
  void severalFramesInOneChunkAndFramesSplitAnywhereAcrossChunks() {
    Buffer stream = frame("first").appendBuffer(frame("second")).appendBuffer(frame("x")).appendBuffer(frame("last one"));
    parser.handle(stream.getBuffer(0, 15)); // "first" whole (9 bytes), "second" cut in its body
    assertThat(frames).containsExactly("first");
    assertThat(parser.midFrame()).isTrue();
    parser.handle(stream.getBuffer(15, 21)); // rest of "second", then 2 bytes of the next length
    assertThat(frames).containsExactly("first", "second");
    assertThat(parser.midFrame()).as("a partial length prefix is a partial frame").isTrue();
    for (int i = 21; i < stream.length(); i++) {
      parser.handle(stream.getBuffer(i, i + 1)); // byte by byte
    }
    assertThat(frames).containsExactly("first", "second", "x", "last one");
    assertThat(parser.midFrame()).isFalse();
    assertThat(errors).isEmpty();
  }

  @Test
  void aLengthOutsideTheLimitIsReportedOnceAndTheStreamIgnoredFromThen() {
    parser.handle(frame("ok").appendInt(65).appendBytes(new byte[65]).appendBuffer(frame("never")));
    parser.handle(frame("never either"));
    assertThat(frames).containsExactly("ok");
    assertThat(errors).containsExactly("frame length 65 outside 1..64 (jute.maxbuffer)");

    FrameParser zero = new FrameParser(64, f -> frames.add("unexpected"), errors::add);
    zero.handle(Buffer.buffer().appendInt(0));
    FrameParser negative = new FrameParser(64, f -> frames.add("unexpected"), errors::add);
    negative.handle(Buffer.buffer().appendInt(-5).appendBytes(new byte[8]));
    assertThat(errors).hasSize(3).last().asString().startsWith("frame length -5 ");
    assertThat(frames).containsExactly("ok");
  }
}
