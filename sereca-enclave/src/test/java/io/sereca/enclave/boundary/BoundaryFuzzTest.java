package io.sereca.enclave.boundary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/**
 * Whatever bytes arrive, the decoders fail only with {@link BoundaryException} (or, for a stream,
 * {@link EOFException}): never an index, arithmetic, allocation or charset error.
 */
class BoundaryFuzzTest {

  /** Small frames so that a fuzzed length never allocates much. */
  private static final BoundaryLimits LIMITS = BoundaryLimits.withMaxFrameBytes(64 * 1024);
  private static final int SEEDED_CASES = 12_000;

  private static final List<byte[]> ECALLS = Samples.ecalls().stream()
      .filter(c -> c.encode().length < 2000).map(Ecall::encode).toList();
  private static final List<byte[]> OCALLS = Samples.validOcallFrames();
  private static final List<byte[]> RESULTS = Samples.validResultFrames();
  private static final List<byte[]> SECRETS = Samples.validSecretsFrames();
  private static final List<byte[]> STREAMS = streams();

  private static List<byte[]> streams() {
    List<byte[]> out = new ArrayList<>();
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      DataOutputStream data = new DataOutputStream(bytes);
      new StreamFrame(StreamFrame.ECALL, 1, ECALLS.get(0)).writeTo(data);
      new StreamFrame(StreamFrame.RESULT, 1, RESULTS.get(1)).writeTo(data);
      new StreamFrame(StreamFrame.OCALL, 2, OCALLS.get(3)).writeTo(data);
      out.add(bytes.toByteArray());
      ByteArrayOutputStream one = new ByteArrayOutputStream();
      new StreamFrame(StreamFrame.OCALL, -1, new byte[0]).writeTo(new DataOutputStream(one));
      out.add(one.toByteArray());
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    return out;
  }

  // ---- the decoders under test, each a Consumer<byte[]> ----

  private static void ecall(byte[] b) {
    Ecall.decode(b, LIMITS);
  }

  private static void ocall(byte[] b) {
    Ocall.decode(b, LIMITS);
  }

  private static void result(byte[] b) {
    EcallResult.decode(b, LIMITS);
  }

  private static void secrets(byte[] b) {
    SecretsCodec.decode(b, LIMITS);
  }

  private static void stream(byte[] b) {
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(b));
    try {
      for (int i = 0; i < 100 && StreamFrame.readFrom(in, LIMITS) != null; i++) {
        // read every frame the bytes hold
      }
    } catch (EOFException e) {
      // allowed: the stream ended inside a frame
    } catch (IOException e) {
      throw new AssertionError("unexpected " + e, e);
    }
  }

  /** Runs the decoder; BoundaryException is the only allowed failure. Returns true if accepted. */
  private static boolean survives(Consumer<byte[]> decoder, byte[] input) {
    try {
      decoder.accept(input);
      return true;
    } catch (BoundaryException expected) {
      assertThat(expected.getMessage()).isNotBlank();
      return false;
    } catch (RuntimeException | Error e) {
      fail("decoder threw " + e + " on input " + HexFormat.of().formatHex(input), e);
      return false;
    }
  }

  private static void seededLoop(long seed, List<byte[]> seeds, Consumer<byte[]> decoder) {
    Random random = new Random(seed);
    int accepted = 0;
    for (int i = 0; i < SEEDED_CASES; i++) {
      if (survives(decoder, Mutator.input(seeds, random))) {
        accepted++;
      }
    }
    // The valid seeds themselves must all be accepted, or the fuzzer tests nothing.
    for (byte[] valid : seeds) {
      assertThat(survives(decoder, valid)).isTrue();
    }
    assertThat(accepted).isLessThan(SEEDED_CASES);
  }

  // ---- seeded loops: 12,000 cases per decoder, reproducible ----

  @Test
  void ecallDecodeThrowsOnlyBoundaryExceptionOnMutatedFrames() {
    seededLoop(0xEC411L, ECALLS, BoundaryFuzzTest::ecall);
  }

  @Test
  void ocallDecodeThrowsOnlyBoundaryExceptionOnMutatedFrames() {
    seededLoop(0x0C411L, OCALLS, BoundaryFuzzTest::ocall);
  }

  @Test
  void ecallResultDecodeThrowsOnlyBoundaryExceptionOnMutatedFrames() {
    seededLoop(0x4E5L, RESULTS, BoundaryFuzzTest::result);
  }

  @Test
  void secretsDecodeThrowsOnlyBoundaryExceptionOnMutatedFrames() {
    seededLoop(0x5EC4E7L, SECRETS, BoundaryFuzzTest::secrets);
  }

  @Test
  void streamFrameReadThrowsOnlyBoundaryOrEofExceptionOnMutatedStreams() {
    seededLoop(0x574EA4L, STREAMS, BoundaryFuzzTest::stream);
  }

  // ---- jqwik properties: random bytes and mutated valid frames ----

  @Provide
  Arbitrary<byte[]> mutatedEcalls() {
    return Arbitraries.longs().map(seed -> Mutator.mutate(pick(ECALLS, seed), new Random(seed)));
  }

  @Provide
  Arbitrary<byte[]> mutatedOcalls() {
    return Arbitraries.longs().map(seed -> Mutator.mutate(pick(OCALLS, seed), new Random(seed)));
  }

  @Provide
  Arbitrary<byte[]> mutatedResults() {
    return Arbitraries.longs().map(seed -> Mutator.mutate(pick(RESULTS, seed), new Random(seed)));
  }

  @Provide
  Arbitrary<byte[]> mutatedSecrets() {
    return Arbitraries.longs().map(seed -> Mutator.mutate(pick(SECRETS, seed), new Random(seed)));
  }

  @Provide
  Arbitrary<byte[]> mutatedStreams() {
    return Arbitraries.longs().map(seed -> Mutator.mutate(pick(STREAMS, seed), new Random(seed)));
  }

  private static byte[] pick(List<byte[]> seeds, long seed) {
    return seeds.get(Math.floorMod(seed, seeds.size()));
  }

  @Property(tries = 2000)
  void ecallDecodeOnRandomBytes(@ForAll @Size(max = 300) byte[] bytes) {
    survives(BoundaryFuzzTest::ecall, bytes);
  }

  @Property(tries = 2000)
  void ecallDecodeOnMutatedFrames(@ForAll("mutatedEcalls") byte[] bytes) {
    survives(BoundaryFuzzTest::ecall, bytes);
  }

  @Property(tries = 2000)
  void ocallDecodeOnRandomBytes(@ForAll @Size(max = 300) byte[] bytes) {
    survives(BoundaryFuzzTest::ocall, bytes);
  }

  @Property(tries = 2000)
  void ocallDecodeOnMutatedFrames(@ForAll("mutatedOcalls") byte[] bytes) {
    survives(BoundaryFuzzTest::ocall, bytes);
  }

  @Property(tries = 2000)
  void ecallResultDecodeOnRandomBytes(@ForAll @Size(max = 300) byte[] bytes) {
    survives(BoundaryFuzzTest::result, bytes);
  }

  @Property(tries = 2000)
  void ecallResultDecodeOnMutatedFrames(@ForAll("mutatedResults") byte[] bytes) {
    survives(BoundaryFuzzTest::result, bytes);
  }

  @Property(tries = 2000)
  void secretsDecodeOnRandomBytes(@ForAll @Size(max = 300) byte[] bytes) {
    survives(BoundaryFuzzTest::secrets, bytes);
  }

  @Property(tries = 2000)
  void secretsDecodeOnMutatedFrames(@ForAll("mutatedSecrets") byte[] bytes) {
    survives(BoundaryFuzzTest::secrets, bytes);
  }

  @Property(tries = 2000)
  void streamFrameReadOnRandomBytes(@ForAll @Size(max = 300) byte[] bytes) {
    survives(BoundaryFuzzTest::stream, bytes);
  }

  @Property(tries = 2000)
  void streamFrameReadOnMutatedStreams(@ForAll("mutatedStreams") byte[] bytes) {
    survives(BoundaryFuzzTest::stream, bytes);
  }

  @Property(tries = 2000)
  void acceptedEcallsReencodeToTheSameBytes(@ForAll("mutatedEcalls") byte[] bytes) {
    Ecall call;
    try {
      call = Ecall.decode(bytes, LIMITS);
    } catch (BoundaryException rejected) {
      return;
    }
    // Whatever the enclave accepts has exactly one encoding: no hidden, ignored bytes.
    assertThat(call.encode()).isEqualTo(bytes);
  }
}
