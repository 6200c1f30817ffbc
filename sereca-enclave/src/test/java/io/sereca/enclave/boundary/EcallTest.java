package io.sereca.enclave.boundary;

import static io.sereca.enclave.boundary.Samples.filled;
import static io.sereca.enclave.boundary.Samples.identity;
import static io.sereca.enclave.boundary.Samples.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class EcallTest {

  private static final BoundaryLimits LIMITS = BoundaryLimits.defaults();

  static Stream<Ecall> samples() {
    return Samples.ecalls().stream();
  }

  @ParameterizedTest
  @MethodSource("samples")
  void everyEcallRoundTripsFieldByField(Ecall call) {
    byte[] frame = call.encode();
    Ecall decoded = Ecall.decode(frame, LIMITS);
    assertThat(decoded).isExactlyInstanceOf(call.getClass());
    // Records holding byte[] have identity-based equals: compare field by field, arrays by content.
    assertThat(decoded).usingRecursiveComparison().withStrictTypeChecking().isEqualTo(call);
    assertThat(decoded.encode()).isEqualTo(frame);
  }

  @Test
  void allEightKindsAreCoveredBySamples() {
    assertThat(Samples.ecalls().stream().map(c -> (int) c.encode()[0]).distinct().sorted())
        .containsExactly(Ecall.INIT, Ecall.DELIVER, Ecall.REPLY_RESULT, Ecall.PROVISION_KEY,
            Ecall.PROVISION, Ecall.ECHO, Ecall.SHUTDOWN, Ecall.ATTEST);
    // A new record type must get a sample here, or the round-trip and fuzz tests miss it.
    assertThat(Samples.ecalls().stream().map(Object::getClass).distinct())
        .containsExactlyInAnyOrder(Ecall.class.getPermittedSubclasses());
  }

  @Test
  void initDecodesEveryIdentityField() {
    Ecall.Init init = new Ecall.Init("x.App", identity(10, 513, 258, true), filled(32, 4));
    Ecall.Init decoded = (Ecall.Init) Ecall.decode(init.encode(), LIMITS);
    assertThat(decoded.appClass()).isEqualTo("x.App");
    assertThat(decoded.identity()).isEqualTo(init.identity());
    assertThat(decoded.identity().productId()).isEqualTo(513);
    assertThat(decoded.identity().svn()).isEqualTo(258);
    assertThat(decoded.identity().debug()).isTrue();
    assertThat(decoded.sealSecret()).isEqualTo(filled(32, 4));
  }

  @Test
  void decodedHeadersAreUnmodifiableAndKeepOrder() {
    Map<String, String> headers = Samples.headers(5);
    Ecall.Deliver d = (Ecall.Deliver) Ecall.decode(
        new Ecall.Deliver("a", headers, new byte[0], 0).encode(), LIMITS);
    assertThat(d.headers()).containsExactlyEntriesOf(headers);
    assertThatThrownBy(() -> d.headers().put("x", "y"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void decodeDoesNotAliasTheFrame() {
    byte[] frame = new Ecall.Echo(utf8("abc")).encode();
    Ecall.Echo echo = (Ecall.Echo) Ecall.decode(frame, LIMITS);
    Arrays.fill(frame, (byte) 0);
    assertThat(echo.payload()).isEqualTo(utf8("abc"));
  }

  @Test
  void longFailureMessageIsCutToTheTextLimitOnEncode() {
    String huge = "€".repeat(5000); // 3 bytes per char in UTF-8
    Ecall.ReplyResult r = (Ecall.ReplyResult) Ecall.decode(
        Ecall.ReplyResult.failure(1, 2, huge).encode(), LIMITS);
    assertThat(r.failureMessage()).isEqualTo("€".repeat(1024));
    assertThat(utf8(r.failureMessage()).length).isLessThanOrEqualTo(BoundaryLimits.MAX_TEXT_BYTES);
  }

  // ---- limits: every violation is a BoundaryException naming the field ----

  private static void assertRejected(byte[] frame, String... messageParts) {
    assertThatThrownBy(() -> Ecall.decode(frame, LIMITS))
        .isExactlyInstanceOf(BoundaryException.class)
        .hasMessageContainingAll(messageParts);
  }

  private static FrameWriter deliverPrefix() {
    return new FrameWriter(64).u8(Ecall.DELIVER);
  }

  @Test
  void emptyAddressIsRejected() {
    assertRejected(new Ecall.Deliver("", Map.of(), new byte[0], 0).encode(), "'address'", "empty");
  }

  @Test
  void addressOverTheLimitIsRejected() {
    String tooLong = "a".repeat(BoundaryLimits.MAX_ADDRESS_BYTES + 1);
    assertRejected(new Ecall.Deliver(tooLong, Map.of(), new byte[0], 0).encode(),
        "'address'", "1025");
    // The limit is on UTF-8 bytes, not characters.
    String multiByte = "é".repeat(BoundaryLimits.MAX_ADDRESS_BYTES / 2 + 1);
    assertRejected(new Ecall.Deliver(multiByte, Map.of(), new byte[0], 0).encode(), "'address'");
  }

  @Test
  void addressWithControlCharactersIsRejected() {
    for (String bad : new String[] {"a\u0000b", "a\nb", "tab\t", "\u007f", "x\u0085"}) {
      assertRejected(new Ecall.Deliver(bad, Map.of(), new byte[0], 0).encode(),
          "'address'", "control character");
    }
  }

  @Test
  void moreThan64HeadersAreRejected() {
    FrameWriter w = deliverPrefix().string("a").u16(BoundaryLimits.MAX_HEADERS + 1);
    for (int i = 0; i <= BoundaryLimits.MAX_HEADERS; i++) {
      w.string("h" + i).string("v");
    }
    w.bytes(new byte[0]).i64(0);
    assertRejected(w.toByteArray(), "'headers'", "65 headers");
  }

  @Test
  void encoderAlsoRefusesMoreThan64Headers() {
    assertThatThrownBy(() -> new Ecall.Deliver("a", Samples.headers(65), new byte[0], 0).encode())
        .isInstanceOf(BoundaryException.class)
        .hasMessageContaining("65 headers");
  }

  @Test
  void duplicateHeaderIsRejected() {
    byte[] frame = deliverPrefix().string("a").u16(2)
        .string("dup").string("1").string("dup").string("2")
        .bytes(new byte[0]).i64(0).toByteArray();
    assertRejected(frame, "'headers'", "repeats header 'dup'");
  }

  @Test
  void headerNameAndValueLimitsAreEnforced() {
    byte[] longName = deliverPrefix().string("a").u16(1)
        .string("n".repeat(BoundaryLimits.MAX_HEADER_NAME_BYTES + 1)).string("v")
        .bytes(new byte[0]).i64(0).toByteArray();
    assertRejected(longName, "'headers.name'");
    byte[] longValue = deliverPrefix().string("a").u16(1)
        .string("n").string("v".repeat(BoundaryLimits.MAX_TEXT_BYTES + 1))
        .bytes(new byte[0]).i64(0).toByteArray();
    assertRejected(longValue, "'headers.value'");
  }

  @Test
  void invalidUtf8IsRejected() {
    byte[] frame = deliverPrefix().u16(2).raw(new byte[] {(byte) 0xC3, 0x28})
        .u16(0).bytes(new byte[0]).i64(0).toByteArray();
    assertRejected(frame, "'address'", "UTF-8");
    byte[] overlong = new FrameWriter(64).u8(Ecall.INIT).u16(2)
        .raw(new byte[] {(byte) 0xC0, (byte) 0xAF}).toByteArray();
    assertRejected(overlong, "'appClass'", "UTF-8");
    byte[] loneSurrogate = deliverPrefix().u16(3)
        .raw(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80})
        .u16(0).bytes(new byte[0]).i64(0).toByteArray();
    assertRejected(loneSurrogate, "'address'", "UTF-8");
  }

  @Test
  void attestReportDataMustBeExactly64Bytes() {
    for (int n : new int[] {0, 32, 63}) {
      byte[] frame = new FrameWriter(80).u8(Ecall.ATTEST).bytes(new byte[n]).toByteArray();
      assertRejected(frame, "'reportData' must be 64 bytes, was " + n);
    }
    byte[] tooLong = new FrameWriter(80).u8(Ecall.ATTEST).bytes(new byte[65]).toByteArray();
    assertRejected(tooLong, "'reportData' length 65 outside 0..64");
  }

  @Test
  void unknownKindIsRejected() {
    for (int kind : new int[] {0, 9, 99, 255}) {
      assertRejected(new byte[] {(byte) kind}, "unknown ecall kind " + kind);
    }
  }

  @Test
  void emptyFrameIsRejectedNamingTheKindField() {
    assertRejected(new byte[0], "'kind'", "truncated");
  }

  @Test
  void trailingBytesAreRejected() {
    for (Ecall call : Samples.ecalls()) {
      byte[] frame = call.encode();
      byte[] longer = Arrays.copyOf(frame, frame.length + 1);
      assertRejected(longer, "1 trailing bytes", "ecall");
    }
  }

  @Test
  void everyTruncationIsRejected() {
    for (Ecall call : Samples.ecalls()) {
      byte[] frame = call.encode();
      for (int len = 0; len < frame.length; len++) {
        byte[] cut = Arrays.copyOf(frame, len);
        assertThatThrownBy(() -> Ecall.decode(cut, LIMITS))
            .as("%s cut to %d bytes", call.getClass().getSimpleName(), len)
            .isExactlyInstanceOf(BoundaryException.class)
            .hasMessageContaining("truncated");
      }
    }
  }

  @Test
  void oversizeFrameIsRejectedBeforeDecoding() {
    BoundaryLimits small = BoundaryLimits.withMaxFrameBytes(64 * 1024);
    byte[] frame = new Ecall.Echo(new byte[64 * 1024]).encode();
    assertThatThrownBy(() -> Ecall.decode(frame, small))
        .isExactlyInstanceOf(BoundaryException.class)
        .hasMessageContaining("exceeds the limit of 65536");
    assertThat(Ecall.decode(new Ecall.Echo(new byte[64 * 1024 - 5]).encode(), small))
        .isInstanceOf(Ecall.Echo.class);
  }

  @Test
  void declaredLengthOverTheFrameLimitIsRejected() {
    byte[] frame = new FrameWriter(16).u8(Ecall.ECHO).i32(LIMITS.maxFrameBytes() + 1).toByteArray();
    assertRejected(frame, "'payload'", "outside");
  }

  @Test
  void negativeLengthIsRejected() {
    byte[] frame = new FrameWriter(16).u8(Ecall.ECHO).i32(-1).toByteArray();
    assertRejected(frame, "'payload'", "length -1");
    byte[] minValue = deliverPrefix().string("a").u16(0).i32(Integer.MIN_VALUE).toByteArray();
    assertRejected(minValue, "'body'", "length " + Integer.MIN_VALUE);
  }

  @Test
  void lengthLongerThanWhatIsLeftIsRejected() {
    byte[] frame = new FrameWriter(16).u8(Ecall.ECHO).i32(10).raw(new byte[3]).toByteArray();
    assertRejected(frame, "'payload'", "truncated", "needs 10", "3 left");
  }

  @Test
  void nonceShorterThan16BytesIsRejected() {
    assertRejected(new Ecall.ProvisionKey(new byte[15]).encode(), "'nonce'", "at least 16");
    assertRejected(new Ecall.ProvisionKey(new byte[0]).encode(), "'nonce'");
  }

  @Test
  void nonceLongerThan64BytesIsRejected() {
    assertRejected(new Ecall.ProvisionKey(new byte[Ecall.MAX_NONCE_BYTES + 1]).encode(), "'nonce'");
  }

  @Test
  void sealSecretOfWrongSizeIsRejected() {
    for (int size : new int[] {0, 16, 31, 33, 64}) {
      assertRejected(new Ecall.Init("a.B", identity(1, 1, 1, false), new byte[size]).encode(),
          "'sealSecret'", "32 bytes");
    }
    assertRejected(new Ecall.Init("a.B", identity(1, 1, 1, false), new byte[65]).encode(),
        "'sealSecret'");
  }

  @Test
  void appClassOverItsLimitIsRejected() {
    String name = "a".repeat(Ecall.MAX_CLASS_NAME_BYTES + 1);
    assertRejected(new Ecall.Init(name, identity(1, 1, 1, false), new byte[32]).encode(),
        "'appClass'", "513");
  }

  @Test
  void debugFlagOtherThanZeroOrOneIsRejected() {
    byte[] frame = new Ecall.Init("a.B", identity(1, 1, 1, false), new byte[32]).encode();
    int debugAt = 1 + 2 + 3 + 32 + 32 + 2 + 2;
    assertThat(frame[debugAt]).isEqualTo((byte) 0);
    frame[debugAt] = 2;
    assertRejected(frame, "'debug'");
  }

  @Test
  void replyResultStatusOtherThanZeroOrOneIsRejected() {
    byte[] frame = new FrameWriter(16).u8(Ecall.REPLY_RESULT).i64(1).u8(2).toByteArray();
    assertRejected(frame, "'status'");
  }

  @Test
  void failureMessageOverTheTextLimitIsRejected() {
    byte[] frame = new FrameWriter(16).u8(Ecall.REPLY_RESULT).i64(1).u8(1).i32(3)
        .string("m".repeat(BoundaryLimits.MAX_TEXT_BYTES + 1)).toByteArray();
    assertRejected(frame, "'failureMessage'");
  }
}
