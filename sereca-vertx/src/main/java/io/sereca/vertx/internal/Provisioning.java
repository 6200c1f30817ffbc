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
 *
 * <p>With the CAS, the request also names the service, the backend and the instance's lease (the
 * CAS returns it in the {@value #LEASE_HEADER} header and counts instances by it); the same runner
 * provisions again after a key rotation, renewing the lease.
 */
public final class Provisioning {

  private final Vertx vertx;
  private final Context context;
  private final String address;
  private final long timeoutMillis;
  private final String service;
  private volatile String lease;

  /** The reply header carrying the instance's lease. */
  public static final String LEASE_HEADER = "sereca-lease";

  /** Creates the protocol runner for the provisioner at {@code address}. */
  public Provisioning(Vertx vertx, Context context, String address, long timeoutMillis) {
    this(vertx, context, address, timeoutMillis, null);
  }

  /** Creates the runner for an enclave attesting as {@code service} (null: none). */
  public Provisioning(Vertx vertx, Context context, String address, long timeoutMillis, String service) {
    this.vertx = vertx;
    this.context = context;
    this.address = address;
    this.timeoutMillis = timeoutMillis;
    this.service = service;
  }

  /** The lease the provisioner granted, or null. */
  public String lease() {
    return lease;
  }

  /** Runs the protocol for {@code enclave}. */
  public Future<Void> run(Enclave enclave) {
    DeliveryOptions opts = new DeliveryOptions().setSendTimeout(timeoutMillis);
    return vertx.eventBus().<Buffer>request(address + ".nonce", Buffer.buffer(), opts)
        .compose(nonceMsg -> Future.fromCompletionStage(
            enclave.requestProvisioning(nonceMsg.body().getBytes()), context)
            .map(req -> {
              JsonObject json = new JsonObject()
                  .put("nonce", Base64.getEncoder().encodeToString(nonceMsg.body().getBytes()))
                  .put("evidence", Base64.getEncoder().encodeToString(req.evidence()))
                  .put("publicKey", Base64.getEncoder().encodeToString(req.publicKey()));
              if (req.claims().length > 0) {
                json.put("claims", Base64.getEncoder().encodeToString(req.claims()));
              }
              if (req.collateral().length > 0) {
                json.put("collateral", Base64.getEncoder().encodeToString(req.collateral()));
              }
              if (service != null) {
                json.put("service", service).put("backend", enclave.backend());
              }
              if (lease != null) {
                json.put("lease", lease);
              }
              return json;
            }))
        .compose(json -> vertx.eventBus().<Buffer>request(address + ".attest", json, opts))
        .compose(answer -> {
          String granted = answer.headers().get(LEASE_HEADER);
          if (granted != null) {
            lease = granted;
          }
          return Future.fromCompletionStage(enclave.provision(answer.body().getBytes()), context);
        })
        .recover(err -> Future.failedFuture(new IllegalStateException(
            "provisioning through " + address + " failed: " + err.getMessage(), err)));
  }
}
