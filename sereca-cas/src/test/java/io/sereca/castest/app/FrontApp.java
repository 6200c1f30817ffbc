package io.sereca.castest.app;

import io.sereca.enclave.EnclaveApp;
import io.sereca.enclave.EnclaveContext;
import java.nio.charset.StandardCharsets;

/**
 * Test enclave app: takes plain requests and asks the back service on protected addresses, so the
 * test proves both enclaves got the same route key from the CAS.
 */
public final class FrontApp implements EnclaveApp {
  @Override
  public void init(EnclaveContext ctx) {
    ctx.register("front.ask", m -> forward(ctx, m, "svc.back.config"));
    ctx.register("front.echo", m -> forward(ctx, m, "svc.back.echo"));
    ctx.register("front.cert", m -> forward(ctx, m, "svc.back.cert"));
  }

  private static void forward(EnclaveContext ctx, io.sereca.enclave.EnclaveMessage m, String to) {
    ctx.request(to, m.body()).whenComplete((r, e) -> {
      if (e != null) {
        m.fail(502, "back: " + e.getMessage());
      } else {
        m.reply(r.body());
      }
    });
  }
}
