package io.sereca.testapps;

import io.sereca.enclave.EnclaveApp;
import io.sereca.enclave.EnclaveContext;
import io.sereca.enclave.EnclaveMessage;
import io.sereca.enclave.SealPolicy;
import io.sereca.enclave.SealingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** An enclave app exercising every part of the enclave API, for the host's behavioural tests. */
public final class TestApp implements EnclaveApp {

  /** Static state: proves each enclave instance has its own copy of the class. */
  static int instances;

  private final List<byte[]> hoard = new ArrayList<>();
  private EnclaveContext ctx;

  @Override
  public void init(EnclaveContext context) {
    instances++;
    ctx = context;
    context.register("echo", m -> m.reply(m.headers(), m.body()));
    context.register("instances", m -> m.reply(Integer.toString(instances).getBytes(StandardCharsets.UTF_8)));
    context.register("identity", m -> m.reply(context.identity().toString().getBytes(StandardCharsets.UTF_8)));
    context.register("seal.measurement", m -> m.reply(context.seal(SealPolicy.MEASUREMENT, "t", m.body())));
    context.register("seal.signer", m -> m.reply(context.seal(SealPolicy.SIGNER, "t", m.body())));
    context.register("unseal", this::unseal);
    context.register("boom", m -> {
      throw new IllegalStateException("secret data in an exception message");
    });
    context.register("alloc", m -> {
      while (true) {
        hoard.add(new byte[1 << 20]);
      }
    });
    context.register("ask", m -> context.request("outside", m.body()).whenComplete((r, err) -> {
      if (err != null) {
        m.fail(502, err.getMessage());
      } else {
        m.reply(r.body());
      }
    }));
    context.register("fanout", m -> {
      context.send("out.send", m.body());
      context.publish("out.publish", Map.of("k", "v"), m.body());
      m.reply(new byte[0]);
    });
    context.register("claims", m -> {
      context.setAttestationClaims(m.body());
      m.reply(new byte[0]);
    });
    context.register("secret", m -> m.reply(
        context.secrets().get(m.bodyAsString()).orElse("<none>".getBytes(StandardCharsets.UTF_8))));
    context.register("twice", m -> {
      m.reply(new byte[] {1});
      try {
        m.reply(new byte[] {2});
      } catch (IllegalStateException expected) {
        context.log().warn("second reply refused");
      }
    });
    context.register("drop", m -> {
      context.unregister("echo");
      m.reply(new byte[0]);
    });
    context.onProvisioned(s -> context.log().info("provisioned " + s.names()));
  }

  private void unseal(EnclaveMessage m) {
    try {
      m.reply(ctx.unseal(m.body()));
    } catch (SealingException e) {
      m.fail(400, e.getMessage());
    }
  }
}
