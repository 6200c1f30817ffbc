package io.sereca.vertxtest.app;

import io.sereca.enclave.EnclaveApp;
import io.sereca.enclave.EnclaveContext;
import java.nio.charset.StandardCharsets;

/** A second enclave app: asks another enclave (VaultApp's vault.echo) on behalf of its caller. */
public final class ChainApp implements EnclaveApp {
  @Override
  public void init(EnclaveContext ctx) {
    ctx.register("vault.chain", m -> ctx.request("vault.echo", m.body()).whenComplete((r, e) -> {
      if (e != null) {
        m.fail(502, e.getMessage());
      } else {
        m.reply(("chained: " + r.bodyAsString()).getBytes(StandardCharsets.UTF_8));
      }
    }));
  }
}
