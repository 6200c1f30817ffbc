package io.sereca.castest.app;

import io.sereca.enclave.EnclaveApp;
import io.sereca.enclave.EnclaveContext;
import io.sereca.enclave.ProvisionedSecrets;
import java.nio.charset.StandardCharsets;
import java.util.TreeSet;

/** Test enclave app: answers on protected addresses with what the CAS delivered into it. */
public final class BackApp implements EnclaveApp {
  @Override
  public void init(EnclaveContext ctx) {
    ctx.register("svc.back.config", m -> {
      ProvisionedSecrets s = ctx.secrets();
      String text = "env.DB_PASSWORD=" + s.env("DB_PASSWORD").orElse("<none>")
          + "\nargs=" + s.args()
          + "\nfile=" + s.file("/etc/back.conf").map(b -> new String(b, StandardCharsets.UTF_8)).orElse("<none>")
          + "\nsigning=" + s.get("sereca.secret.signing").map(b -> b.length > 0 ? "present" : "empty").orElse("<none>")
          + "\nnames=" + new TreeSet<>(s.names());
      m.reply(text.getBytes(StandardCharsets.UTF_8));
    });
    ctx.register("svc.back.echo", m -> m.reply(("back saw: " + m.bodyAsString()).getBytes(StandardCharsets.UTF_8)));
  }
}
