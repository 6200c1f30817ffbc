package io.sereca.enclave.boundary;

import static io.sereca.enclave.boundary.Samples.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class OcallTest {

  private static final BoundaryLimits LIMITS = BoundaryLimits.defaults();

  static Stream<Ocall> samples() {
    return Samples.ocalls().stream();
  }

  @ParameterizedTest
  @MethodSource("samples")
  void everyOcallRoundTripsFieldByField(Ocall call) {
    byte[] frame = call.encode();
    Ocall decoded = Ocall.decode(frame, LIMITS);
    assertThat(decoded).isExactlyInstanceOf(call.getClass());
    // A decoded body is a range of the frame, an encoded one a whole array: compare the bytes.
    assertThat(decoded).usingRecursiveComparison().withStrictTypeChecking()
        .withComparatorForType(Samples.BODY_BYTES, Ocall.Body.class).isEqualTo(call);
    assertThat(decoded.encode()).isEqualTo(frame);
  }

  @Test
  void decodedBodiesAreRangesOfTheFrameNotCopies() {
    byte[] body = utf8("a reply body");
    byte[] frame = new Ocall.Reply(9, Map.of("h", "v"), body).encode();
    Ocall.Reply r = (Ocall.Reply) Ocall.decode(frame, LIMITS);
    assertThat(r.payload().array()).isSameAs(frame);
    assertThat(r.payload().length()).isEqualTo(body.length);
    assertThat(r.payload().offset()).isEqualTo(frame.length - body.length);
    byte[] copy = r.body();
    assertThat(copy).isEqualTo(body).isNotSameAs(frame);
    Ocall.Send s = (Ocall.Send) Ocall.decode(new Ocall.Send("a.b", Map.of(), new byte[0]).encode(), LIMITS);
    assertThat(s.payload().length()).isZero();
    assertThat(s.body()).isEmpty();
  }

  @Test
  void aBodyOfAWholeArrayIsThatArrayAndBadRangesAreRefused() {
    byte[] b = utf8("whole");
    assertThat(Ocall.Body.of(b).toArray()).isSameAs(b);
    assertThat(new Ocall.Publish("x", Map.of(), b).body()).isSameAs(b);
    assertThat(new Ocall.Body(b, 1, 3).toArray()).isEqualTo(utf8("hol"));
    assertThatThrownBy(() -> new Ocall.Body(b, 3, 3)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> new Ocall.Body(b, -1, 2)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> new Ocall.Body(null, 0, 0)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void everyKindIsCoveredBySamples() {
    assertThat(Samples.ocalls().stream().map(c -> (int) c.encode()[0]).distinct().sorted())
        .containsExactly(Ocall.REGISTER, Ocall.UNREGISTER, Ocall.SEND, Ocall.PUBLISH,
            Ocall.REQUEST, Ocall.REPLY, Ocall.FAIL, Ocall.LOG, Ocall.REJECTED);
    // A new record type must get a sample here, or the round-trip and fuzz tests miss it.
    assertThat(Samples.ocalls().stream().map(Object::getClass).distinct())
        .containsExactlyInAnyOrder(Ocall.class.getPermittedSubclasses());
  }

  @Test
  void requestKeepsEveryField() {
    Ocall.Request r = (Ocall.Request) Ocall.decode(
        new Ocall.Request(77, "svc.x", Map.of("a", "1"), utf8("q"), 1234).encode(), LIMITS);
    assertThat(r.requestId()).isEqualTo(77);
    assertThat(r.address()).isEqualTo("svc.x");
    assertThat(r.headers()).containsExactly(Map.entry("a", "1"));
    assertThat(r.body()).isEqualTo(utf8("q"));
    assertThat(r.timeoutMillis()).isEqualTo(1234);
  }

  @Test
  void longLogAndFailMessagesAreCutOnEncodeAndStillDecode() {
    String huge = "x".repeat(10_000);
    assertThat(((Ocall.Log) Ocall.decode(new Ocall.Log(1, huge).encode(), LIMITS)).message())
        .hasSize(1024);
    assertThat(((Ocall.Fail) Ocall.decode(new Ocall.Fail(1, 2, huge).encode(), LIMITS)).message())
        .hasSize(1024);
  }

  private static void assertRejected(byte[] frame, String... parts) {
    assertThatThrownBy(() -> Ocall.decode(frame, LIMITS))
        .isExactlyInstanceOf(BoundaryException.class)
        .hasMessageContainingAll(parts);
  }

  @Test
  void nonPositiveTimeoutIsRejected() {
    for (long t : new long[] {0, -1, Long.MIN_VALUE}) {
      assertRejected(new Ocall.Request(1, "a", Map.of(), new byte[0], t).encode(),
          "'timeoutMillis'", "positive");
    }
  }

  @Test
  void addressRulesApplyToEveryAddressedOcall() {
    String tooLong = "a".repeat(BoundaryLimits.MAX_ADDRESS_BYTES + 1);
    for (String bad : new String[] {"", tooLong, "a\u0001b"}) {
      assertRejected(new Ocall.Register(bad).encode(), "'address'");
      assertRejected(new Ocall.Unregister(bad).encode(), "'address'");
      assertRejected(new Ocall.Send(bad, Map.of(), new byte[0]).encode(), "'address'");
      assertRejected(new Ocall.Publish(bad, Map.of(), new byte[0]).encode(), "'address'");
      assertRejected(new Ocall.Request(1, bad, Map.of(), new byte[0], 1).encode(), "'address'");
    }
  }

  @Test
  void duplicateAndTooManyHeadersAreRejected() {
    byte[] dup = new FrameWriter(64).u8(Ocall.REPLY).i64(1).u16(2)
        .string("h").string("1").string("h").string("2").bytes(new byte[0]).toByteArray();
    assertRejected(dup, "'headers'", "repeats header 'h'");
    FrameWriter many = new FrameWriter(64).u8(Ocall.SEND).string("a").u16(65);
    for (int i = 0; i < 65; i++) {
      many.string("h" + i).string("");
    }
    assertRejected(many.bytes(new byte[0]).toByteArray(), "'headers'", "65 headers");
  }

  @Test
  void rejectedReasonOutOfRangeIsRejected() {
    int n = io.sereca.enclave.bus.RejectReason.values().length;
    assertRejected(new Ocall.Rejected("a", n).encode(), "'reason'");
    assertRejected(new Ocall.Rejected("a", 255).encode(), "'reason'");
    assertThat(((Ocall.Rejected) Ocall.decode(new Ocall.Rejected("a", 4).encode(), LIMITS))
        .rejectReason()).isEqualTo(io.sereca.enclave.bus.RejectReason.BAD_TAG);
    assertRejected(new Ocall.Rejected("", 0).encode(), "'address'");
  }

  @Test
  void logLevelAbove2IsRejected() {
    assertRejected(new Ocall.Log(3, "x").encode(), "'level'");
    assertRejected(new Ocall.Log(255, "x").encode(), "'level'");
  }

  @Test
  void invalidUtf8InLogMessageIsRejected() {
    byte[] frame = new FrameWriter(16).u8(Ocall.LOG).u8(0).u16(1).raw(new byte[] {(byte) 0xFF})
        .toByteArray();
    assertRejected(frame, "'message'", "UTF-8");
  }

  @Test
  void unknownKindTrailingBytesAndTruncationAreRejected() {
    for (int kind : new int[] {0, Ocall.REJECTED + 1, 200}) {
      assertRejected(new byte[] {(byte) kind}, "unknown ocall kind " + kind);
    }
    for (Ocall call : Samples.ocalls()) {
      byte[] frame = call.encode();
      assertRejected(Arrays.copyOf(frame, frame.length + 3), "3 trailing bytes", "ocall");
      for (int len = 0; len < frame.length; len++) {
        assertRejected(Arrays.copyOf(frame, len), "truncated");
      }
    }
  }

  @Test
  void negativeBodyLengthIsRejected() {
    byte[] frame = new FrameWriter(16).u8(Ocall.SEND).string("a").u16(0).i32(-5).toByteArray();
    assertRejected(frame, "'body'", "-5");
  }

  @Test
  void oversizeFrameIsRejected() {
    BoundaryLimits small = BoundaryLimits.withMaxFrameBytes(64 * 1024);
    byte[] frame = new Ocall.Send("a", Map.of(), new byte[70_000]).encode();
    assertThatThrownBy(() -> Ocall.decode(frame, small))
        .isExactlyInstanceOf(BoundaryException.class)
        .hasMessageContaining("exceeds the limit");
  }
}
