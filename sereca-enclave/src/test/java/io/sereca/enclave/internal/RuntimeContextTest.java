package io.sereca.enclave.internal;

import static io.sereca.enclave.internal.Harness.assertOk;
import static io.sereca.enclave.internal.Harness.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.sereca.enclave.EnclaveContext;
import io.sereca.enclave.boundary.BoundaryLimits;
import io.sereca.enclave.boundary.Ocall;
import io.sereca.testapps.ProbeApp;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What the app's {@link EnclaveContext} turns into ocalls. */
class RuntimeContextTest {

  private Harness enclave;

  @BeforeEach
  void setUp() {
    ProbeApp.reset();
    enclave = new Harness();
  }

  private EnclaveContext start() {
    assertOk(enclave.init(ProbeApp.class));
    enclave.drain();
    return ProbeApp.context;
  }

  @Test
  void sendAndPublishCopyTheBodyAndHeaders() {
    EnclaveContext ctx = start();
    byte[] body = utf8("abc");
    java.util.HashMap<String, String> headers = new java.util.HashMap<>(Map.of("k", "v"));
    ctx.send("to", headers, body);
    body[0] = 'X';
    headers.put("k", "changed");
    Ocall.Send send = (Ocall.Send) enclave.drain().get(0);
    assertThat(send.body()).isEqualTo(utf8("abc"));
    assertThat(send.headers()).containsExactly(Map.entry("k", "v"));
  }

  @Test
  void defaultRequestHasNoHeadersAndA30SecondTimeout() {
    EnclaveContext ctx = start();
    ctx.request("svc", utf8("q"));
    Ocall.Request r = (Ocall.Request) enclave.drain().get(0);
    assertThat(r.headers()).isEmpty();
    assertThat(r.timeoutMillis()).isEqualTo(30_000);
  }

  @Test
  void logLinesAreOcallsWithTheirLevel() {
    EnclaveContext ctx = start();
    ctx.log().info(null);
    assertThat(enclave.drain()).singleElement()
        .usingRecursiveComparison().isEqualTo(new Ocall.Log(0, "null"));
  }

  @Test
  void secretsAreEmptyAndIdentityIsTheInitOneBeforeProvisioning() {
    EnclaveContext ctx = start();
    assertThat(ctx.secrets().isEmpty()).isTrue();
    assertThat(ctx.identity()).isEqualTo(Harness.defaultIdentity());
  }

  static Stream<Arguments> outOfBoundsCalls() {
    String tooLong = "a".repeat(BoundaryLimits.MAX_ADDRESS_BYTES + 1);
    Map<String, String> longName = Map.of("n".repeat(BoundaryLimits.MAX_HEADER_NAME_BYTES + 1), "v");
    Map<String, String> longValue = Map.of("n", "v".repeat(BoundaryLimits.MAX_TEXT_BYTES + 1));
    return Stream.of(
        Arguments.of("send to an address with a control character",
            (Consumer<EnclaveContext>) c -> c.send("bad\naddress", new byte[0])),
        Arguments.of("register an address over 1024 bytes",
            (Consumer<EnclaveContext>) c -> c.register(tooLong, m -> {})),
        Arguments.of("publish with a header name over 256 bytes",
            (Consumer<EnclaveContext>) c -> c.publish("ok", longName, new byte[0])),
        Arguments.of("request with a header value over 4096 bytes",
            (Consumer<EnclaveContext>) c -> c.request("ok", longValue, new byte[0], 1000)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("outOfBoundsCalls")
  void everyOcallTheContextEmitsIsAcceptedByTheHostDecoder(String what,
      Consumer<EnclaveContext> call) {
    EnclaveContext ctx = start();
    try {
      call.accept(ctx);
    } catch (RuntimeException refusedInside) {
      // Refusing inside the enclave is the right outcome.
    }
    List<byte[]> emitted = List.copyOf(enclave.frames);
    for (byte[] frame : emitted) {
      assertThatCode(() -> Ocall.decode(frame, Harness.LIMITS))
          .as("%s: emitted frame must decode on the host", what)
          .doesNotThrowAnyException();
    }
  }
}
