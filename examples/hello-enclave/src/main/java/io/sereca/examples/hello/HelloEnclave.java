package io.sereca.examples.hello;

import io.sereca.enclave.EnclaveApp;
import io.sereca.enclave.EnclaveContext;
import io.sereca.enclave.EnclaveMessage;
import io.sereca.enclave.SealPolicy;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The example enclave app of the quick start. Addresses:
 *
 * <ul>
 *   <li>{@code hello.greet} (request): replies {@code Hello, <body>!} with the enclave's
 *       measurement prefix.
 *   <li>{@code hello.sign} (request): HMAC-SHA256 of the body under the provisioned secret {@code
 *       greeting.key}: proof that the secret reached the enclave, without it ever leaving.
 *   <li>{@code hello.seal} / {@code hello.unseal} (request): seal the body to this enclave's
 *       measurement and open it again.
 *   <li>{@code hello.ask} (request): asks {@code host.clock} for the time from inside the enclave
 *       and replies with what it heard.
 *   <li>{@code hello.echo} (request): replies with the body unchanged (boundary benchmarks).
 * </ul>
 */
public final class HelloEnclave implements EnclaveApp {

  private EnclaveContext ctx;

  @Override
  public void init(EnclaveContext context) {
    this.ctx = context;
    context.register("hello.greet", this::greet);
    context.register("hello.sign", this::sign);
    context.register("hello.seal", this::seal);
    context.register("hello.unseal", this::unseal);
    context.register("hello.ask", this::ask);
    context.register("hello.echo", m -> m.reply(m.body()));
    context.log().info("hello enclave ready, measurement " + context.identity().measurementHex());
  }

  private void greet(EnclaveMessage m) {
    String who = m.bodyAsString().isBlank() ? "world" : m.bodyAsString();
    m.reply(Map.of("enclave", ctx.identity().measurementHex().substring(0, 16)),
        ("Hello, " + who + "!").getBytes(StandardCharsets.UTF_8));
  }

  private void sign(EnclaveMessage m) throws GeneralSecurityException {
    byte[] key = ctx.secrets().get("greeting.key").orElse(null);
    if (key == null) {
      m.fail(412, "no greeting.key provisioned yet");
      return;
    }
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key, "HmacSHA256"));
    m.reply(Base64.getEncoder().encode(mac.doFinal(m.body())));
  }

  private void seal(EnclaveMessage m) throws GeneralSecurityException {
    m.reply(ctx.seal(SealPolicy.MEASUREMENT, "hello", m.body()));
  }

  private void unseal(EnclaveMessage m) {
    try {
      m.reply(ctx.unseal(m.body()));
    } catch (GeneralSecurityException e) {
      m.fail(400, e.getMessage());
    }
  }

  private void ask(EnclaveMessage m) {
    ctx.request("host.clock", new byte[0]).whenComplete((reply, err) -> {
      if (err != null) {
        m.fail(502, "host.clock did not answer: " + err.getMessage());
      } else {
        m.reply(("the host says it is " + reply.bodyAsString()).getBytes(StandardCharsets.UTF_8));
      }
    });
  }
}
