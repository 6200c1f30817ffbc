package io.sereca.enclave.internal;

import static io.sereca.enclave.internal.Harness.assertError;
import static io.sereca.enclave.internal.Harness.assertOk;
import static io.sereca.enclave.internal.Harness.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sereca.enclave.EnclaveContext;
import io.sereca.enclave.EnclaveIdentity;
import io.sereca.enclave.EnclaveMessage;
import io.sereca.enclave.ReplyException;
import io.sereca.enclave.SealPolicy;
import io.sereca.enclave.boundary.BoundaryLimits;
import io.sereca.enclave.boundary.Ecall;
import io.sereca.enclave.boundary.EcallResult;
import io.sereca.enclave.boundary.FrameWriter;
import io.sereca.enclave.boundary.Ocall;
import io.sereca.enclave.boundary.Samples;
import io.sereca.testapps.NoNoArgConstructorApp;
import io.sereca.testapps.NotAnApp;
import io.sereca.testapps.OrphanApp;
import io.sereca.testapps.ProbeApp;
import io.sereca.testapps.SealingApp;
import io.sereca.testapps.ThrowingConstructorApp;
import io.sereca.testapps.ThrowingInitApp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class EnclaveRuntimeTest {

  private Harness enclave;

  @BeforeEach
  void setUp() {
    ProbeApp.reset();
    enclave = new Harness();
  }

  private void initWith(ProbeApp.InitHook hook) {
    ProbeApp.onInit = hook;
    assertOk(enclave.init(ProbeApp.class));
  }

  // ---- INIT and DELIVER ----

  @Test
  void initThenDeliverToARegisteredHandlerProducesAReplyOcall() {
    initWith(ctx -> ctx.register("echo", m -> m.reply(Map.of("seen", m.address()), m.body())));
    assertThat(enclave.drain()).singleElement()
        .usingRecursiveComparison().isEqualTo(new Ocall.Register("echo"));

    Ocall answer = enclave.ask("echo", utf8("hello"), 42);

    assertThat(answer).isInstanceOf(Ocall.Reply.class);
    Ocall.Reply reply = (Ocall.Reply) answer;
    assertThat(reply.replyToken()).isEqualTo(42);
    assertThat(reply.headers()).containsExactly(Map.entry("seen", "echo"));
    assertThat(reply.body()).isEqualTo(utf8("hello"));
  }

  @Test
  void initResultIsOkWithEmptyPayloadAndAppIsInstantiatedOnce() {
    EcallResult r = enclave.init(ProbeApp.class);
    assertOk(r);
    assertThat(r.payload()).isEmpty();
    assertThat(ProbeApp.instances).hasValue(1);
    assertThat(ProbeApp.inits).hasValue(1);
  }

  @Test
  void handlerSeesAddressHeadersBodyAndWhetherItIsARequest() {
    List<EnclaveMessage> seen = new ArrayList<>();
    initWith(ctx -> ctx.register("in", seen::add));
    assertOk(enclave.call(new Ecall.Deliver("in", Map.of("a", "1"), utf8("x"), 0)));
    assertOk(enclave.call(new Ecall.Deliver("in", Map.of(), utf8("y"), 9)));
    assertThat(seen).hasSize(2);
    assertThat(seen.get(0).address()).isEqualTo("in");
    assertThat(seen.get(0).headers()).containsExactly(Map.entry("a", "1"));
    assertThat(seen.get(0).bodyAsString()).isEqualTo("x");
    assertThat(seen.get(0).isRequest()).isFalse();
    assertThat(seen.get(1).isRequest()).isTrue();
    assertThatThrownBy(() -> seen.get(0).reply(utf8("no")))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("not a request");
  }

  @Test
  void aRequestCanBeAnsweredOnlyOnce() {
    AtomicReference<Throwable> second = new AtomicReference<>();
    initWith(ctx -> ctx.register("twice", m -> {
      m.reply(utf8("first"));
      try {
        m.fail(1, "second");
      } catch (IllegalStateException e) {
        second.set(e);
      }
    }));
    Ocall answer = enclave.ask("twice", new byte[0], 5);
    assertThat(((Ocall.Reply) answer).body()).isEqualTo(utf8("first"));
    assertThat(second.get()).hasMessageContaining("already answered");
  }

  @Test
  void deliveryToAnAddressWithoutHandlerFailsTheRequestWithNoHandlers() {
    initWith(ctx -> {});
    Ocall answer = enclave.ask("nobody", utf8("x"), 77);
    assertThat(answer).isInstanceOf(Ocall.Fail.class);
    assertThat(((Ocall.Fail) answer).replyToken()).isEqualTo(77);
    assertThat(((Ocall.Fail) answer).code()).isEqualTo(ReplyException.NO_HANDLERS);

    assertOk(enclave.deliver("nobody", utf8("x"), 0));
    assertThat(enclave.drain()).isEmpty();
  }

  @Test
  void unregisterEmitsUnregisterAndStopsDelivery() {
    initWith(ctx -> {
      ctx.register("a", m -> m.reply(utf8("a")));
      ctx.register("stop-a", m -> ctx.unregister("a"));
      ctx.unregister("never-registered");
    });
    assertThat(enclave.drain()).hasSize(2);
    assertOk(enclave.deliver("stop-a", new byte[0], 0));
    assertThat(enclave.drain()).singleElement()
        .usingRecursiveComparison().isEqualTo(new Ocall.Unregister("a"));
    Ocall answer = enclave.ask("a", new byte[0], 3);
    assertThat(((Ocall.Fail) answer).code()).isEqualTo(ReplyException.NO_HANDLERS);
  }

  @Test
  void sendPublishAndLogLeaveAsOcalls() {
    initWith(ctx -> ctx.register("go", m -> {
      ctx.send("to", utf8("s"));
      ctx.publish("all", Map.of("k", "v"), utf8("p"));
      ctx.log().info("i");
      ctx.log().warn("w");
      ctx.log().error("e");
    }));
    enclave.drain();
    assertOk(enclave.deliver("go", new byte[0], 0));
    List<Ocall> out = enclave.drain();
    assertThat(out).hasSize(5);
    assertThat(out.get(0)).usingRecursiveComparison().withComparatorForType(Samples.BODY_BYTES, Ocall.Body.class)
        .isEqualTo(new Ocall.Send("to", Map.of(), utf8("s")));
    assertThat(out.get(1)).usingRecursiveComparison().withComparatorForType(Samples.BODY_BYTES, Ocall.Body.class)
        .isEqualTo(new Ocall.Publish("all", Map.of("k", "v"), utf8("p")));
    assertThat(out.subList(2, 5)).usingRecursiveFieldByFieldElementComparator()
        .containsExactly(new Ocall.Log(0, "i"), new Ocall.Log(1, "w"), new Ocall.Log(2, "e"));
  }

  @Test
  void appSeesTheIdentityThePlatformMeasured() {
    EnclaveIdentity id = Harness.identity(0x31, 0x32, 100, 200, true);
    assertOk(enclave.init(ProbeApp.class.getName(), id, Harness.defaultSealSecret()));
    assertThat(ProbeApp.context.identity()).isEqualTo(id);
    assertThat(ProbeApp.context.secrets().isEmpty()).isTrue();
  }

  @Test
  void registeringTheSameAddressTwiceFailsInit() {
    ProbeApp.onInit = ctx -> {
      ctx.register("dup", m -> {});
      ctx.register("dup", m -> {});
    };
    assertThat(assertError(enclave.init(ProbeApp.class)))
        .isEqualTo("app init failed: java.lang.IllegalStateException");
  }

  // ---- refusals around INIT ----

  static Stream<Ecall> nonEchoEcalls() {
    return Stream.of(
        new Ecall.Deliver("a", Map.of(), new byte[0], 1),
        Ecall.ReplyResult.reply(1, Map.of(), new byte[0]),
        new Ecall.ProvisionKey(new byte[16]),
        new Ecall.Provision(new byte[64]),
        new Ecall.Shutdown());
  }

  @ParameterizedTest
  @MethodSource("nonEchoEcalls")
  void ecallsBeforeInitAreRefused(Ecall call) {
    assertThat(assertError(enclave.call(call))).contains("not initialised", "INIT must come first");
    assertThat(enclave.frames).isEmpty();
    assertThat(ProbeApp.stops).hasValue(0);
  }

  @Test
  void echoWorksBeforeInitAndReturnsThePayloadUnchanged() {
    EcallResult r = enclave.call(new Ecall.Echo(utf8("ping")));
    assertOk(r);
    assertThat(r.payload()).isEqualTo(utf8("ping"));
  }

  @Test
  void doubleInitIsRefused() {
    assertOk(enclave.init(ProbeApp.class));
    assertThat(assertError(enclave.init(ProbeApp.class))).contains("already initialised");
    assertThat(ProbeApp.instances).hasValue(1);
    assertThat(ProbeApp.inits).hasValue(1);
  }

  @Test
  void unknownAppClassIsAClearError() {
    assertThat(assertError(enclave.init("no.such.App", Harness.defaultIdentity(),
        Harness.defaultSealSecret())))
        .isEqualTo("app class no.such.App not found in the bundle");
  }

  @Test
  void classThatIsNotAnEnclaveAppIsAClearError() {
    assertThat(assertError(enclave.init(NotAnApp.class)))
        .isEqualTo("app class " + NotAnApp.class.getName() + " does not implement EnclaveApp");
    assertThat(NotAnApp.constructed).as("must not be instantiated").isFalse();
    // Nothing was set up, so a correct INIT can still follow.
    assertOk(enclave.init(ProbeApp.class));
  }

  @Test
  void appWithoutNoArgConstructorIsAClearError() {
    assertThat(assertError(enclave.init(NoNoArgConstructorApp.class)))
        .contains(NoNoArgConstructorApp.class.getName(), "public no-arg constructor");
  }

  @Test
  void appWhoseConstructorThrowsIsRefusedWithoutItsMessage() {
    String error = assertError(enclave.init(ThrowingConstructorApp.class));
    assertThat(error).contains(ThrowingConstructorApp.class.getName()).doesNotContain("secret");
  }

  @Test
  void initThrowingIsReportedByClassNameOnlyAndTheEnclaveStaysUninitialised() {
    String error = assertError(enclave.init(ThrowingInitApp.class));
    assertThat(error).isEqualTo("app init failed: java.io.IOException");
    assertThat(error).doesNotContain("hunter2");
    assertThat(assertError(enclave.deliver("a", new byte[0], 1))).contains("not initialised");
  }

  @Test
  void handlersOfAnAppWhoseInitFailedNeverRun() {
    OrphanApp.handlerRan = false;
    assertThat(assertError(enclave.init(OrphanApp.class)))
        .isEqualTo("app init failed: java.lang.IllegalStateException");
    enclave.init(ProbeApp.class); // whether a second INIT is accepted is the runtime's choice

    enclave.frames.clear();
    enclave.deliver(OrphanApp.ADDRESS, utf8("x"), 5);

    assertThat(OrphanApp.handlerRan).as("handler of the failed app ran").isFalse();
    assertThat(enclave.drain()).noneMatch(o -> o instanceof Ocall.Reply);
  }

  // ---- handler failures ----

  @Test
  void handlerExceptionFailsTheRequestWith500AndTheClassNameOnly() {
    initWith(ctx -> {
      ctx.register("boom", m -> {
        throw new IllegalStateException("card number 4111-1111-1111-1111");
      });
      ctx.register("checked", m -> {
        throw new java.io.IOException("password=hunter2");
      });
      ctx.register("ok", m -> m.reply(utf8("alive")));
    });

    Ocall.Fail fail = (Ocall.Fail) enclave.ask("boom", utf8("x"), 11);
    assertThat(fail.replyToken()).isEqualTo(11);
    assertThat(fail.code()).isEqualTo(500);
    assertThat(fail.message()).isEqualTo("handler failed: java.lang.IllegalStateException");

    Ocall.Fail checked = (Ocall.Fail) enclave.ask("checked", utf8("x"), 12);
    assertThat(checked.message()).isEqualTo("handler failed: java.io.IOException");

    // The enclave lives on.
    assertThat(((Ocall.Reply) enclave.ask("ok", new byte[0], 13)).body()).isEqualTo(utf8("alive"));
  }

  @Test
  void handlerExceptionOnAPlainSendEmitsNothingAndTheEcallSucceeds() {
    initWith(ctx -> ctx.register("boom", m -> {
      throw new IllegalStateException("x");
    }));
    enclave.drain();
    assertOk(enclave.deliver("boom", new byte[0], 0));
    assertThat(enclave.drain()).isEmpty();
  }

  @Test
  void handlerThatRepliedThenThrewIsNotFailedAsWell() {
    initWith(ctx -> ctx.register("late-boom", m -> {
      m.reply(utf8("done"));
      throw new IllegalStateException("after reply");
    }));
    assertThat(enclave.ask("late-boom", new byte[0], 4)).isInstanceOf(Ocall.Reply.class);
  }

  // ---- requests made from inside the enclave ----

  @Test
  void requestFromInsideIsCompletedByReplyResult() {
    List<String> outcomes = new ArrayList<>();
    initWith(ctx -> ctx.register("ask", m ->
        ctx.request("svc", Map.of("q", "1"), m.body(), 5_000).whenComplete((reply, err) -> {
          if (err == null) {
            outcomes.add("reply " + reply.bodyAsString() + " " + reply.headers()
                + " request=" + reply.isRequest() + " address=" + reply.address());
          } else {
            ReplyException re = (ReplyException) err;
            outcomes.add("failure " + re.code() + " " + re.getMessage());
          }
        })));
    enclave.drain();

    assertOk(enclave.deliver("ask", utf8("ping"), 0));
    List<Ocall> out = enclave.drain();
    assertThat(out).singleElement().isInstanceOf(Ocall.Request.class);
    Ocall.Request request = (Ocall.Request) out.get(0);
    assertThat(request.address()).isEqualTo("svc");
    assertThat(request.headers()).containsExactly(Map.entry("q", "1"));
    assertThat(request.body()).isEqualTo(utf8("ping"));
    assertThat(request.timeoutMillis()).isEqualTo(5_000);
    assertThat(outcomes).isEmpty();

    assertOk(enclave.call(
        Ecall.ReplyResult.reply(request.requestId(), Map.of("r", "2"), utf8("pong"))));
    assertThat(outcomes).containsExactly("reply pong {r=2} request=false address=null");

    // The same id again is a late or forged duplicate.
    assertThat(assertError(enclave.call(
        Ecall.ReplyResult.reply(request.requestId(), Map.of(), new byte[0]))))
        .contains("unknown request id " + request.requestId());

    // A second request gets a fresh id and can be failed.
    assertOk(enclave.deliver("ask", utf8("again"), 0));
    Ocall.Request second = (Ocall.Request) enclave.drain().get(0);
    assertThat(second.requestId()).isNotEqualTo(request.requestId());
    assertOk(enclave.call(
        Ecall.ReplyResult.failure(second.requestId(), ReplyException.TIMEOUT, "timed out")));
    assertThat(outcomes).last().isEqualTo("failure -1 timed out");
  }

  @Test
  void replyResultForAnUnknownRequestIdIsRefused() {
    initWith(ctx -> {});
    assertThat(assertError(enclave.call(Ecall.ReplyResult.reply(999, Map.of(), new byte[0]))))
        .isEqualTo("unknown request id 999");
    assertThat(assertError(enclave.call(Ecall.ReplyResult.failure(-5, 1, "x"))))
        .isEqualTo("unknown request id -5");
  }

  @Test
  void requestWithNonPositiveTimeoutIsRefusedInsideTheEnclave() {
    initWith(ctx -> {});
    EnclaveContext ctx = ProbeApp.context;
    assertThatThrownBy(() -> ctx.request("svc", Map.of(), new byte[0], 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ctx.send("", new byte[0])).isInstanceOf(IllegalArgumentException.class);
    assertThat(enclave.drain()).isEmpty();
  }

  // ---- malformed input ----

  static Stream<byte[]> malformedFrames() {
    byte[] valid = new Ecall.Echo(utf8("x")).encode();
    return Stream.of(
        new byte[0],
        new byte[] {99},
        Arrays.copyOf(valid, valid.length - 1),
        Arrays.copyOf(valid, valid.length + 1),
        new FrameWriter(8).u8(Ecall.DELIVER).u16(1).raw(new byte[] {(byte) 0xFF}).toByteArray(),
        new FrameWriter(8).u8(Ecall.ECHO).i32(-1).toByteArray(),
        new FrameWriter(8).u8(Ecall.ECHO).i32(Integer.MAX_VALUE).toByteArray(),
        new Ecall.ProvisionKey(new byte[3]).encode());
  }

  @ParameterizedTest
  @MethodSource("malformedFrames")
  void malformedFramesReturnAnErrorResultInsteadOfThrowing(byte[] frame) {
    byte[][] raw = new byte[1][];
    assertThatCode(() -> raw[0] = enclave.runtime.apply(frame)).doesNotThrowAnyException();
    assertThat(raw[0][0]).as("status byte").isEqualTo((byte) 1);
    assertThat(EcallResult.decode(raw[0], Harness.LIMITS).error()).startsWith("rejected at boundary:");
  }

  @Test
  void nullFrameIsRejectedAtTheBoundary() {
    assertThat(assertError(EcallResult.decode(enclave.runtime.apply(null), Harness.LIMITS)))
        .contains("null frame");
  }

  @Test
  void frameOverTheLimitIsRejected() {
    EnclaveRuntime small = new EnclaveRuntime(f -> {}, 64 * 1024);
    byte[] big = new Ecall.Echo(new byte[64 * 1024]).encode();
    assertThat(assertError(EcallResult.decode(small.apply(big), Harness.LIMITS)))
        .contains("rejected at boundary", "exceeds the limit");
  }

  @Test
  void ocallOverTheFrameLimitIsRefusedInsideTheEnclave() {
    List<byte[]> frames = new ArrayList<>();
    EnclaveRuntime small = new EnclaveRuntime(frames::add, 64 * 1024);
    ProbeApp.onInit = ctx -> ctx.register("big", m -> ctx.send("out", new byte[70_000]));
    assertOk(EcallResult.decode(small.apply(new Ecall.Init(ProbeApp.class.getName(),
        Harness.defaultIdentity(), Harness.defaultSealSecret()).encode()), Harness.LIMITS));
    frames.clear();
    assertOk(EcallResult.decode(
        small.apply(new Ecall.Deliver("big", Map.of(), new byte[0], 8).encode()), Harness.LIMITS));
    assertThat(frames).singleElement().satisfies(f -> {
      Ocall.Fail fail = (Ocall.Fail) Ocall.decode(f, BoundaryLimits.withMaxFrameBytes(64 * 1024));
      assertThat(fail.code()).isEqualTo(500);
      assertThat(fail.message()).contains("BoundaryException");
    });
  }

  // ---- re-entrancy, shutdown, copy-in ----

  @Test
  void reentrantEcallFromWithinTheOcallSinkIsRefused() {
    AtomicReference<EnclaveRuntime> self = new AtomicReference<>();
    List<EcallResult> nested = new ArrayList<>();
    EnclaveRuntime runtime = new EnclaveRuntime(frame -> {
      // A host calling back into the enclave while it is inside an ocall.
      nested.add(EcallResult.decode(self.get().apply(new Ecall.Shutdown().encode()), Harness.LIMITS));
      nested.add(EcallResult.decode(
          self.get().apply(new Ecall.Echo(utf8("x")).encode()), Harness.LIMITS));
    }, 16 << 20);
    self.set(runtime);
    ProbeApp.onInit = ctx -> ctx.register("a", m -> m.reply(utf8("r")));

    EcallResult init = EcallResult.decode(runtime.apply(new Ecall.Init(ProbeApp.class.getName(),
        Harness.defaultIdentity(), Harness.defaultSealSecret()).encode()), Harness.LIMITS);

    assertOk(init);
    assertThat(nested).hasSize(2).allSatisfy(r ->
        assertThat(assertError(r)).contains("re-entrant ecall refused"));
    assertThat(ProbeApp.stops).as("the nested SHUTDOWN must not have run").hasValue(0);
    // After the outer ecall returns, ecalls are accepted again.
    EcallResult echo = EcallResult.decode(runtime.apply(new Ecall.Echo(utf8("y")).encode()),
        Harness.LIMITS);
    assertThat(echo.payload()).isEqualTo(utf8("y"));
  }

  @Test
  void shutdownCallsStopOnceAndLaterEcallsAreRefused() {
    initWith(ctx -> ctx.register("a", m -> m.reply(utf8("r"))));
    assertOk(enclave.call(new Ecall.Shutdown()));
    assertThat(ProbeApp.stops).hasValue(1);

    assertThat(assertError(enclave.deliver("a", new byte[0], 1))).contains("shut down");
    assertThat(assertError(enclave.call(new Ecall.Echo(new byte[1])))).contains("shut down");
    assertThat(assertError(enclave.init(ProbeApp.class))).contains("shut down");
    assertThat(assertError(enclave.call(new Ecall.ProvisionKey(new byte[16])))).contains("shut down");
    assertThat(assertError(enclave.call(new Ecall.Shutdown()))).contains("shut down");
    assertThat(ProbeApp.stops).hasValue(1);
    assertThat(ProbeApp.inits).hasValue(1);
  }

  @Test
  void stopThrowingIsReportedByClassNameAndTheEnclaveIsStillShutDown() {
    ProbeApp.onStop = () -> {
      throw new IllegalStateException("stop secret");
    };
    initWith(ctx -> {});
    assertThat(assertError(enclave.call(new Ecall.Shutdown())))
        .isEqualTo("app stop failed: java.lang.IllegalStateException");
    assertThat(assertError(enclave.call(new Ecall.Echo(new byte[1])))).contains("shut down");
  }

  @Test
  void inputArrayMutatedAfterApplyDoesNotAffectWhatTheEnclaveHolds() {
    List<EnclaveMessage> kept = new ArrayList<>();
    initWith(ctx -> {
      ctx.register("keep", kept::add);
      ctx.register("get", m -> m.reply(kept.get(0).headers(), kept.get(0).body()));
    });
    byte[] frame = new Ecall.Deliver("keep", Map.of("h", "v"), utf8("original"), 0).encode();
    assertOk(enclave.raw(frame));
    Arrays.fill(frame, (byte) 'X');

    Ocall.Reply reply = (Ocall.Reply) enclave.ask("get", new byte[0], 1);
    assertThat(reply.body()).isEqualTo(utf8("original"));
    assertThat(reply.headers()).containsExactly(Map.entry("h", "v"));
    assertThat(kept.get(0).address()).isEqualTo("keep");
  }

  @Test
  void mutatingTheInitFrameAfterwardsDoesNotChangeTheSealingKey() throws Exception {
    Harness a = new Harness();
    byte[] init = new Ecall.Init(SealingApp.class.getName(), Harness.defaultIdentity(),
        Harness.defaultSealSecret()).encode();
    assertOk(a.raw(init));
    Arrays.fill(init, (byte) 0);
    byte[] blob = ((Ocall.Reply) a.ask("seal",
        SealingApp.sealRequest(SealPolicy.MEASUREMENT, "k", utf8("data")), 1)).body();

    Harness b = new Harness();
    assertOk(b.init(SealingApp.class));
    assertThat(((Ocall.Reply) b.ask("unseal", blob, 2)).body()).isEqualTo(utf8("data"));
  }

  @Test
  void bodyHandedToTheAppIsACopyEachTime() {
    initWith(ctx -> ctx.register("m", m -> {
      byte[] body = m.body();
      Arrays.fill(body, (byte) 0);
      m.reply(m.body());
    }));
    assertThat(((Ocall.Reply) enclave.ask("m", utf8("keep me"), 1)).body()).isEqualTo(utf8("keep me"));
  }

  @Test
  void ocallFramesAreNotTouchedAfterHandOver() {
    initWith(ctx -> ctx.register("twice", m -> {
      ctx.send("out", utf8("one"));
      ctx.send("out", utf8("two"));
    }));
    enclave.drain();
    assertOk(enclave.deliver("twice", new byte[0], 0));
    assertThat(enclave.frames).hasSize(2);
    assertThat(enclave.frames.get(0)).isNotSameAs(enclave.frames.get(1));
    byte[] firstCopy = enclave.frames.get(0).clone();
    assertOk(enclave.call(new Ecall.Echo(utf8("later"))));
    assertThat(enclave.frames.get(0)).isEqualTo(firstCopy);
  }
}
