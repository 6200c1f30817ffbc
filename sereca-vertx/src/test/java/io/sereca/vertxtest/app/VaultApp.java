package io.sereca.vertxtest.app;

import io.sereca.enclave.EnclaveApp;
import io.sereca.enclave.EnclaveContext;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/** Enclave app for the secure verticle tests: protected and plain addresses. */
public final class VaultApp implements EnclaveApp {
  @Override
  public void init(EnclaveContext ctx) {
    // Protected by the provisioned route table ("vault.*"): envelopes opened here.
    ctx.register("vault.echo", m -> m.reply(Map.of("seen-by", "enclave"),
        ("enclave saw: " + m.bodyAsString()).getBytes(StandardCharsets.UTF_8)));
    ctx.register("vault.in", m -> ctx.publish("vault.out",
        m.bodyAsString().toUpperCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8)));
    ctx.register("vault.ask", m -> ctx.request("vault.peer", m.body()).whenComplete((r, e) -> {
      if (e != null) {
        m.fail(502, e.getMessage());
      } else {
        m.reply(("peer said: " + r.bodyAsString()).getBytes(StandardCharsets.UTF_8));
      }
    }));
    // Not protected: plain bytes.
    ctx.register("plain.echo", m -> m.reply(m.body()));
  }
}
