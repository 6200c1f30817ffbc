package io.sereca.enclave.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.sereca.enclave.boundary.BoundaryException;
import io.sereca.enclave.boundary.BoundaryLimits;
import io.sereca.enclave.boundary.Ecall;
import io.sereca.enclave.boundary.EcallResult;
import io.sereca.enclave.boundary.Ocall;
import io.sereca.testapps.ProbeApp;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Hostile frames into a live runtime: apply never throws, always answers with a decodable result,
 * and every ocall it emits decodes on the host.
 */
class EnclaveRuntimeFuzzTest {

  private static final BoundaryLimits LIMITS = BoundaryLimits.withMaxFrameBytes(64 * 1024);

  @Test
  void mutatedEcallFramesNeverEscapeAsExceptions() {
    ProbeApp.reset();
    ProbeApp.onInit = ctx -> {
      ctx.register("echo", m -> m.reply(m.headers(), m.body()));
      ctx.register("boom", m -> {
        throw new IllegalStateException("x");
      });
      ctx.register("ask", m -> ctx.request("svc", Map.of(), m.body(), 1000));
    };
    List<byte[]> ocalls = new ArrayList<>();
    EnclaveRuntime runtime = new EnclaveRuntime(ocalls::add, 64 * 1024);
    byte[] init = new Ecall.Init(ProbeApp.class.getName(), Harness.defaultIdentity(),
        Harness.defaultSealSecret()).encode();
    assertThat(EcallResult.decode(runtime.apply(init), LIMITS).isOk()).isTrue();

    List<byte[]> seeds = List.of(
        new Ecall.Deliver("echo", Map.of("a", "b"), new byte[] {1, 2, 3}, 9).encode(),
        new Ecall.Deliver("boom", Map.of(), new byte[0], 4).encode(),
        new Ecall.Deliver("ask", Map.of(), new byte[] {5}, 0).encode(),
        Ecall.ReplyResult.reply(1, Map.of("x", "y"), new byte[] {7}).encode(),
        Ecall.ReplyResult.failure(2, 3, "no").encode(),
        new Ecall.ProvisionKey(new byte[16]).encode(),
        new Ecall.Provision(new byte[80]).encode(),
        new Ecall.Echo(new byte[] {1}).encode());

    Random random = new Random(0xF022L);
    int errors = 0;
    for (int i = 0; i < 10_000; i++) {
      byte[] frame = io.sereca.enclave.boundary.MutatorAccess.input(seeds, random);
      if (frame.length == 1 && frame[0] == Ecall.SHUTDOWN) {
        continue; // a valid SHUTDOWN would end the run early
      }
      byte[] result;
      try {
        result = runtime.apply(frame);
      } catch (RuntimeException | Error e) {
        fail("apply threw " + e + " on " + HexFormat.of().formatHex(frame), e);
        return;
      }
      EcallResult decoded = EcallResult.decode(result, LIMITS);
      if (!decoded.isOk()) {
        errors++;
        assertThat(decoded.error()).isNotBlank();
      }
      for (byte[] o : ocalls) {
        try {
          Ocall.decode(o, LIMITS);
        } catch (BoundaryException e) {
          fail("runtime emitted an undecodable ocall " + HexFormat.of().formatHex(o), e);
        }
      }
      ocalls.clear();
    }
    assertThat(errors).isPositive();
  }
}
