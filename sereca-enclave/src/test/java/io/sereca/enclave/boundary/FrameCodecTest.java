package io.sereca.enclave.boundary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The frame writer's size arithmetic and the reader's string decoding. */
class FrameCodecTest {

  private static final BoundaryLimits LIMITS = BoundaryLimits.defaults();

  // ASCII, 2-, 3- and 4-byte UTF-8, and lone surrogates (which String.getBytes encodes as '?').
  private static final List<String> STRINGS = List.of("", "hello.echo", "é", "naïve-€", "\u0800\uffff",
      "\ud83d\ude00 smile", "lone \ud83d high", "lone \ude00 low", "end \ud83d", "x".repeat(300));

  @Test
  void stringSizeIsTheEncodedLengthOfEveryKindOfCharacter() {
    for (String s : STRINGS) {
      byte[] frame = new FrameWriter(0).string(s).toByteArray();
      assertThat(FrameWriter.stringSize(s)).as("size of %s", s).isEqualTo(frame.length)
          .isEqualTo(2 + s.getBytes(StandardCharsets.UTF_8).length);
    }
  }

  @Test
  void headersAndBytesSizesAreTheEncodedLengths() {
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 0; i < STRINGS.size(); i++) {
      headers.put("h" + i + STRINGS.get(i), STRINGS.get((i + 3) % STRINGS.size()));
    }
    assertThat(FrameWriter.headersSize(headers)).isEqualTo(new FrameWriter(0).headers(headers).toByteArray().length);
    assertThat(FrameWriter.headersSize(Map.of())).isEqualTo(2);
    byte[] body = new byte[70_000];
    assertThat(FrameWriter.bytesSize(body)).isEqualTo(new FrameWriter(0).bytes(body).toByteArray().length);
  }

  @Test
  void aFrameIsTheSameWhetherItsCapacityWasExactOrTooSmall() {
    byte[] body = Samples.filled(100_000, 9);
    Map<String, String> headers = Map.of("sereca-sender", "n\u00e9ud-1");
    Ocall.Reply reply = new Ocall.Reply(42, headers, body);
    byte[] exact = reply.encode();
    byte[] grown = new FrameWriter(1).u8(Ocall.REPLY).i64(42).headers(headers).bytes(body).toByteArray();
    assertThat(exact).hasSize(1 + 8 + FrameWriter.headersSize(headers) + FrameWriter.bytesSize(body))
        .isEqualTo(grown);
    Ocall.Reply decoded = (Ocall.Reply) Ocall.decode(exact, LIMITS);
    assertThat(decoded.body()).isEqualTo(body);
    assertThat(decoded.headers()).isEqualTo(headers);
  }

  @Test
  void stringsDecodeWhetherAsciiOrNot() {
    for (String s : List.of("hello.echo", "é", "naïve-€", "\ud83d\ude00 smile")) {
      byte[] frame = new FrameWriter(0).string(s).toByteArray();
      FrameReader r = new FrameReader(frame, LIMITS);
      assertThat(r.string("s", 1000)).isEqualTo(s);
      r.end("test");
    }
  }

  @Test
  void invalidUtf8IsRejectedNamingTheField() {
    byte[] frame = {0, 3, 'a', (byte) 0xC3, (byte) 0x28}; // 0xC3 0x28 is not a UTF-8 sequence
    assertThatThrownBy(() -> new FrameReader(frame, LIMITS).string("label", 100))
        .isInstanceOf(BoundaryException.class).hasMessageContaining("'label'").hasMessageContaining("UTF-8");
  }

  @Test
  void theReaderDoesNotKeepReadingTheFrameForValuesItReturned() {
    // The sim backend hands the enclave the host's array: a value once returned must not change
    // when the host rewrites the frame afterwards (it would, if the reader returned views).
    byte[] frame = new Ecall.Deliver("a.b", Map.of("k", "v"), Samples.filled(64, 1), 7).encode();
    Ecall.Deliver d = (Ecall.Deliver) Ecall.decode(frame, LIMITS);
    java.util.Arrays.fill(frame, (byte) 'X');
    assertThat(d.address()).isEqualTo("a.b");
    assertThat(d.headers()).containsExactly(Map.entry("k", "v"));
    assertThat(d.body()).isEqualTo(Samples.filled(64, 1));
    assertThat(d.replyToken()).isEqualTo(7);
  }
}
