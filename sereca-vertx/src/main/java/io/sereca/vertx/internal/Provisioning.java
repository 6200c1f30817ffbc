package io.sereca.vertx.internal;

import io.sereca.host.Enclave;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import java.util.Base64;

/**
 * The host side of bootstrapping (Vert.x Vault §4.1): ask the provisioner for a nonce, have the
 * enclave bind a fresh key to it in its evidence, send evidence and key to the provisioner, and
 * hand the encrypted answer to the enclave. The host sees only evidence and ciphertext.
 */
public final class Provisioning {

  private final Vertx vertx;
  private final Context context;
  private final String address;
  private final long timeoutMillis;

  /** Creates the protocol runner for the provisioner at {@code address}. */
  public Provisioning(Vertx vertx, Context context, String address, long timeoutMillis) {
    this.vertx = vertx;
    this.context = context;
    this.address = address;
    this.timeoutMillis = timeoutMillis;
  }

  /** Runs the protocol for {@code enclave}. */
  public Future<Void> run(Enclave enclave) {
    DeliveryOptions opts = new DeliveryOptions().setSendTimeout(timeoutMillis);
    return vertx.eventBus().<Buffer>request(address + ".nonce", Buffer.buffer(), opts)
        .compose(nonceMsg -> Future.fromCompletionStage(
            enclave.requestProvisioning(nonceMsg.body().getBytes()), context)
            .map(req -> new JsonObject()
                .put("nonce", Base64.getEncoder().encodeToString(nonceMsg.body().getBytes()))
                .put("evidence", Base64.getEncoder().encodeToString(req.evidence()))
                .put("publicKey", Base64.getEncoder().encodeToString(req.publicKey()))))
        .compose(json -> vertx.eventBus().<Buffer>request(address + ".attest", json, opts))
        .compose(answer -> Future.fromCompletionStage(enclave.provision(answer.body().getBytes()), context))
        .recover(err -> Future.failedFuture(new IllegalStateException(
            "provisioning through " + address + " failed: " + err.getMessage(), err)));
  }
}
