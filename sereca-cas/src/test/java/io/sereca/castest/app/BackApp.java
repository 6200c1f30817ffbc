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
    // Test only: shows the certificate the CAS issued and proves the key matches (a real app
    // would use them for TLS inside the enclave).
    ctx.register("svc.back.cert", m -> {
      ProvisionedSecrets s = ctx.secrets();
      try {
        java.security.PrivateKey key = java.security.KeyFactory.getInstance("EC").generatePrivate(
            new java.security.spec.PKCS8EncodedKeySpec(s.get("sereca.secret.backCert").orElseThrow()));
        java.security.Signature sig = java.security.Signature.getInstance("SHA256withECDSA");
        sig.initSign(key);
        sig.update(m.body());
        java.util.Base64.Encoder b64 = java.util.Base64.getEncoder();
        m.reply((b64.encodeToString(s.get("sereca.secret.backCert.public").orElseThrow()) + "|"
            + b64.encodeToString(s.get("sereca.secret.backCert.ca").orElseThrow()) + "|"
            + b64.encodeToString(sig.sign())).getBytes(StandardCharsets.UTF_8));
      } catch (java.security.GeneralSecurityException | java.util.NoSuchElementException e) {
        m.fail(500, e.getClass().getSimpleName());
      }
    });
    ctx.register("svc.back.echo", m -> m.reply(("back saw: " + m.bodyAsString()).getBytes(StandardCharsets.UTF_8)));
  }
}
